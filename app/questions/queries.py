"""Reads for question pages and lists, each in a fixed number of queries."""

import functools
from collections import defaultdict
from dataclasses import dataclass, replace

from flask import abort, g, has_request_context
from sqlalchemy import ColumnElement, Connection, bindparam, exists, func, select
from sqlalchemy.orm import aliased, lazyload, selectinload

from app import permissions
from app.escalation import is_escalated
from app.extensions import db, plain_rows, read_connection
from app.models import (
    Answer,
    Comment,
    Post,
    Question,
    QuestionTwin,
    Revision,
    Tag,
    TagAlias,
    TagRedirect,
    User,
    Vote,
    question_tags,
)
from app.pagination import CutPage
from app.questions import tag_terms
from app.questions.list_counts import list_counts
from app.questions.view_models import (
    ROW,
    TAG_CARDS,
    TAG_HEADINGS,
    TAGS,
    QuestionRow,
    TagCard,
    TagHeading,
    TagName,
    answer_order,
    name_order,
)
from app.reading import ALL, Reading
from app.view_models import views

TABS = ("newest", "active", "unanswered", "votes")


@functools.cache  # built once: aliasing the polymorphic Post cost more than running the list's query
def _answered():
    """An answer with a positive score exists (an accepted one counts separately)."""
    # Through the base entity (only answers have a parent): an Answer alias adds `kind = 'answer'`, and
    # SQLite then walks the (kind, score) index over every upvoted answer for each question listed.
    answer = aliased(Post)
    return exists().where(answer.parent_id == Question.id, answer.deleted_at.is_(None), answer.score > 0)


def _listing(tab: str, tagged: ColumnElement[bool] | None = None) -> tuple[list, list]:
    """A list's conditions and order (the questions of one tab; `tagged`: only those of one tag)."""
    conditions: list[ColumnElement[bool]] = [Post.deleted_at.is_(None), Post.hidden_at.is_(None)]
    if tagged is not None:
        conditions.append(tagged)
    if tab == "active":
        return conditions, [Post.last_activity_at.desc(), Post.id.desc()]
    if tab == "unanswered":
        conditions += [Post.accepted_answer_id.is_(None), ~_answered()]
        return conditions, [Post.created_at.desc(), Post.id.desc()]
    if tab == "votes":
        return conditions, [Post.score.desc(), Post.created_at.desc()]
    return conditions, [Post.created_at.desc(), Post.id.desc()]


def _counting(conditions: list):
    return select(func.count()).select_from(select(Question.id).where(*conditions).subquery())


def _total(tab: str, tag, language: str | None, count, parameters: dict) -> int:
    return list_counts.get((tab if tab == "unanswered" else "all", tag.id if tag is not None else None, language),
                           lambda: db.session.scalar(count, parameters))


def _in_language(conditions: list, language: str | None) -> list:
    """A run of a list in one language: (kind, language, <the tab's order>) indexes serve it in order."""
    if language == ALL:
        return conditions
    return [*conditions, Post.language.is_(None) if language is None else Post.language == language]


def list_questions(tab: str, page: int, per_page: int, tag: Tag | None = None):
    """A page of a list as questions (the API)."""
    conditions, order = _listing(tab, Question.tags.contains(tag) if tag is not None else None)
    query = select(Question).where(*conditions).options(selectinload(Question.tags)).order_by(*order)
    listing = db.paginate(query, page=page, per_page=per_page, error_out=False, count=False)
    listing.total = _total(tab, tag, ALL, _counting(conditions), {})
    return listing


@functools.cache  # built once for each shape of run: building and keying the statements cost more than running them
def _run(tab: str, tagged: bool, language: str | None):
    """One language's run of a list (of the tag `tag_id` when `tagged`): its count, and its rows in order from
    `offset` on, at most `limit`."""
    in_tag = Post.id.in_(select(question_tags.c.question_id).where(question_tags.c.tag_id == bindparam("tag_id")))
    conditions, order = _listing(tab, in_tag if tagged else None)
    run = _in_language(conditions, language)
    return _counting(run), ROW.select(*run).order_by(*order).limit(bindparam("limit")).offset(bindparam("offset"))


def _page_rows(connection: Connection, tab: str, tag, page: int, per_page: int, reading: Reading) -> tuple[list, int]:
    """A page's rows and the list's total, the list read as runs of one language each (the reader's first):
    each run's count says where the page starts in it, and each run is read from its index in order, so
    the reader's language first costs no sort over the whole list."""
    parameters = {"tag_id": tag.id} if tag is not None else {}
    rows: list[tuple] = []
    skip, wanted, total = (page - 1) * per_page, per_page, 0
    for language in reading.segments():
        count, statement = _run(tab, tag is not None, language)
        run_total = _total(tab, tag, language, count, parameters)
        total += run_total
        if wanted and skip < run_total:
            found = plain_rows(connection, statement, {**parameters, "limit": wanted, "offset": skip})
            rows += found
            wanted -= len(found)
        skip = max(skip - run_total, 0)
    return rows, total


EVERY_LANGUAGE = Reading(ALL, "en")  # a list read without a reader: every post, in its order


@dataclass(frozen=True)
class ListRead:
    """A page of a list as read: its rows and their tags as stored (plain values), and the list's total. The page's
    key comes from these rows (`key_facts`), the views only when the page is rendered (`listing`): a kept page is
    served without building them."""
    rows: list[tuple]
    tag_rows: list[tuple]  # (question id, then the tag's columns), in the order read
    total: int
    page: int
    per_page: int
    staff: bool

    def key_facts(self) -> tuple:
        """Every keyed column of the rows, their askers and tags, as stored; the total, the page and whose rows
        (the brand team's carry the escalation mark)."""
        tagged = sorted(self.tag_rows, key=lambda row: row[:2])  # by question and tag, whatever the plan's order
        # The escalation mark moves with the clock, not the rows: the brand team's key holds the marks shown.
        escalated = tuple(item.escalated for item in self.listing.items) if self.staff else ()
        return (ROW.key_facts(self.rows), [row[0] for row in tagged], TAGS.key_facts(row[1:] for row in tagged),
                self.total, self.page, self.per_page, self.staff, escalated)

    def newest_moment(self):
        return ROW.newest_moment(self.rows, db.engine.dialect)

    @functools.cached_property
    def listing(self) -> CutPage:
        """The page of `QuestionRow` views the list renders."""
        tags = _build_tags(self.tag_rows)
        items = views(ROW, self.rows, db.session.get_bind().dialect, tags=lambda row: tags.get(row[0], ()),
                      escalated=lambda row: False)
        if self.staff:
            items = [replace(item, escalated=is_escalated(item)) for item in items]
        return CutPage(items, self.total, self.page, self.per_page)


def read_list(tab: str, page: int, per_page: int, tag: TagCard | None = None, staff: bool = False,
              reading: Reading = EVERY_LANGUAGE) -> ListRead:
    """A page of a list as rows: the questions with their askers, their tags in one more statement."""
    with read_connection() as connection:
        rows, total = _page_rows(connection, tab, tag, page, per_page, reading)
        return ListRead(rows, _tag_rows(connection, [row[0] for row in rows]), total, page, per_page, staff)


@functools.cache
def _rows_by_id():
    # By primary key alone: given the row's own `kind = 'question'`, SQLite reads every question from the kind index
    # instead of the few ids asked for (19 ms a search page at 100,000 questions); the kind is checked on the rows.
    return replace(ROW, where=None).select(Post.id.in_(bindparam("ids", expanding=True)),
                                           Post.deleted_at.is_(None), Post.hidden_at.is_(None))


def rows_by_id(ids: list[int]) -> list[QuestionRow]:
    """Live questions as list rows, in the order given (search results)."""
    if not ids:
        return []
    rows = db.session.execute(_rows_by_id(), {"ids": ids}).all()
    tags = tags_by_question([row[0] for row in rows])
    found = {view.id: view for view in views(ROW, rows, db.session.get_bind().dialect,
                                              tags=lambda row: tags.get(row[0], ()), escalated=lambda row: False)
             if view.kind == "question"}
    return [found[i] for i in ids if i in found]


@functools.cache
def _tags_of():
    return (select(question_tags.c.question_id, *TAGS.select().selected_columns).select_from(TAGS.source)
            .where(question_tags.c.question_id.in_(bindparam("ids", expanding=True))))


def tags_by_question(question_ids: list[int]) -> dict[int, tuple[TagName, ...]]:
    """Each question's tags, by name, in one statement."""
    with read_connection() as connection:
        return _build_tags(_tag_rows(connection, question_ids))


def _tag_rows(connection: Connection, question_ids: list[int]) -> list[tuple]:
    """The tags of these questions as stored: (question id, then the tag's columns)."""
    if not question_ids:
        return []
    return plain_rows(connection, _tags_of(), {"ids": question_ids})


def _build_tags(tag_rows: list[tuple]) -> dict[int, tuple[TagName, ...]]:
    dialect = db.session.get_bind().dialect
    found: dict[int, list] = defaultdict(list)
    for question_id, *values in tag_rows:
        found[question_id].append(TAGS.build(values, dialect))
    return {question_id: tuple(sorted(tags, key=lambda t: t.name)) for question_id, tags in found.items()}


def get_post(post_id: int, viewer: User | None) -> Post:
    """One question or answer, or 404 (hidden ones too, except for moderators); a deleted question is
    410 Gone, so search engines drop it at once."""
    post = db.session.get(Post, post_id)
    moderator = permissions.can_see_deleted(viewer)
    if post is None or (not post.is_public and not moderator):
        abort(410 if isinstance(post, Question) and post.deleted_at else 404)
    if isinstance(post, Answer) and not post.question.is_public and not moderator:
        abort(404)
    return post


def get_question(question_id: int, viewer: User | None) -> Question:
    post = get_post(question_id, viewer)
    if not isinstance(post, Question):
        abort(404)
    return post


def get_answer(answer_id: int, viewer: User | None) -> Answer:
    post = get_post(answer_id, viewer)
    if not isinstance(post, Answer):
        abort(404)
    return post


def request_memo(key, compute):
    """Within one request, a read asked for twice runs once: the question page's cache validators and its
    render read the same answers, comments and FAQ entry."""
    if not has_request_context():
        return compute()
    store = g.setdefault("request_memo", {})
    if key not in store:
        store[key] = compute()
    return store[key]


def list_answers(question: Question, viewer: User | None) -> list[Answer]:
    """Accepted first, then official (vouched for by the brand), then score, then oldest."""
    moderator = permissions.can_see_deleted(viewer)
    return request_memo(("answers", question.id, moderator), lambda: _list_answers(question, moderator))


def _list_answers(question: Question, moderator: bool) -> list[Answer]:
    # Each answer's question is the one given (found in the session, no query, no second tags load).
    query = select(Answer).where(Answer.parent_id == question.id).options(lazyload(Answer.question))
    if not moderator:
        query = query.where(Answer.deleted_at.is_(None), Answer.hidden_at.is_(None))
    return sorted(db.session.scalars(query), key=answer_order(question))


def comments_by_post(post_ids: list[int]) -> dict[int, list[Comment]]:
    return request_memo(("comments", tuple(post_ids)), lambda: _comments_by_post(post_ids))


def _comments_by_post(post_ids: list[int]) -> dict[int, list[Comment]]:
    grouped: dict[int, list[Comment]] = defaultdict(list)
    query = (select(Comment).where(Comment.post_id.in_(post_ids), Comment.deleted_at.is_(None))
             .order_by(Comment.created_at, Comment.id))
    for comment in db.session.scalars(query):
        grouped[comment.post_id].append(comment)
    return grouped


def votes_by_post(user: User | None, post_ids: list[int]) -> dict[int, int]:
    if user is None or not user.is_authenticated:
        return {}
    rows = db.session.execute(select(Vote.post_id, Vote.value).where(Vote.user_id == user.id,
                                                                     Vote.post_id.in_(post_ids)))
    return {post_id: value for post_id, value in rows}


def _tag_order(order: str) -> tuple:
    return (Tag.name,) if order == "name" else (Tag.question_count.desc(), Tag.name)


def list_tags(order: str = "popular") -> list[Tag]:
    return list(db.session.scalars(select(Tag).order_by(*_tag_order(order))))


def tag_cards(order: str = "popular", language: str = "en") -> list[TagCard]:
    """Every tag as the products page shows it; by name, by the names a reader of `language` sees."""
    cards = views(TAG_CARDS, db.session.execute(TAG_CARDS.select().order_by(*_tag_order(order))),
                  db.session.get_bind().dialect)
    return sorted(cards, key=name_order(language)) if order == "name" else cards


def get_tag_heading(name: str) -> TagHeading:
    """A tag as its own pages show it, or 404."""
    found = views(TAG_HEADINGS, db.session.execute(TAG_HEADINGS.select(Tag.name == name.lower())),
                  db.session.get_bind().dialect)
    return found[0] if found else abort(404)


@dataclass(frozen=True)
class TagOption:
    """A tag offered while typing: what to type in the reader's language, its name there, and every term that
    finds it (address name, names in both languages, aliases)."""
    typed: str
    label: str
    terms: tuple[str, ...]


def tag_options(language: str) -> list[TagOption]:
    """Every tag as the tag field suggests it, by what the reader types, in two statements."""
    aliases: dict[int, list[str]] = defaultdict(list)
    for term, tag_id in db.session.execute(select(TagAlias.term, TagAlias.tag_id).order_by(TagAlias.term)):
        aliases[tag_id].append(term)
    options = []
    for tag in db.session.scalars(select(Tag)):
        typed = tag_terms.typed_name(tag, language)
        terms = dict.fromkeys([typed, tag.name, *aliases[tag.id]])
        options.append(TagOption(typed, tag.display_name(language), tuple(terms)))
    return sorted(options, key=lambda option: option.typed)


def find_renamed_tag(name: str) -> Tag | None:
    """The tag an old (renamed or merged) name now points to, if this name is no longer a tag."""
    if db.session.scalar(select(Tag.id).where(Tag.name == name.lower())) is not None:
        return None
    return db.session.scalar(select(Tag).join(TagRedirect, TagRedirect.tag_id == Tag.id)
                             .where(TagRedirect.old_name == name.lower()))


def get_tag(name: str) -> Tag:
    return db.session.scalar(select(Tag).where(Tag.name == name.lower())) or abort(404)


def latest_revision(post: Post) -> Revision | None:
    return db.session.scalar(select(Revision).where(Revision.post_id == post.id).order_by(Revision.number.desc())
                             .limit(1))


REVISIONS_PER_PAGE = 10  # a history page compares each revision with the one before: bounded work a page


def list_revisions(post: Post, page: int = 1):
    """A page of the post's revisions, newest first, and the revision before the page's last (what it changed)."""
    listing = db.paginate(select(Revision).where(Revision.post_id == post.id).order_by(Revision.number.desc()),
                          page=page, per_page=REVISIONS_PER_PAGE, error_out=False)
    last = listing.items[-1].number if listing.items else 0
    before = db.session.scalar(select(Revision).where(Revision.post_id == post.id, Revision.number < last)
                               .order_by(Revision.number.desc()).limit(1))
    return listing, before


def popular_tag_names(limit: int, language: str) -> list[str]:
    """The most used tags as they are typed in `language`, for examples that are real input."""
    popular = db.session.scalars(select(Tag).order_by(Tag.question_count.desc(), Tag.name).limit(limit))
    return [tag_terms.typed_name(tag, language) for tag in popular]


def twins_by_question(question_ids: list[int]) -> dict[int, list[Question]]:
    """Each question's public twins (the same question in other languages, linked by the brand team), oldest
    first: two queries for any number of questions."""
    own, mate = aliased(QuestionTwin), aliased(QuestionTwin)
    found: dict[int, list[Question]] = defaultdict(list)
    if not question_ids:
        return found
    # Pairs first, then the twins by id: joined with the questions in one statement, SQLite walked every
    # question to find the few twins (about 300 ms of CPU for the assistant's reply at 100,000 questions).
    pairs = db.session.execute(select(own.question_id, mate.question_id).join(mate, mate.group_id == own.group_id)
                               .where(own.question_id.in_(question_ids), mate.question_id != own.question_id)).all()
    twins = {q.id: q for q in db.session.scalars(select(Question).where(
        Question.id.in_({twin_id for _, twin_id in pairs}), Question.deleted_at.is_(None),
        Question.hidden_at.is_(None)))} if pairs else {}
    public = [(question_id, twins[twin_id]) for question_id, twin_id in pairs if twin_id in twins]
    for question_id, twin in sorted(public, key=lambda pair: (pair[1].created_at, pair[1].id)):
        found[question_id].append(twin)
    return found
