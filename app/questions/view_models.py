"""What the question page and the question lists show, as frozen dataclasses whose fields name their columns.

The question page is read in one statement (`page_statement`) of parts declared here: the question, its shown
answers and comments, the people named, its tags, the question a duplicate points to, its FAQ entry, where imported
posts came from and its twins (the same question in other languages). The page's ETag and every kept copy of it are
a fingerprint of those rows (app/seo/caching.py), and the same rows build `QuestionPage`; list rows (`QuestionRow`)
are read by their own part. How a field's value reaches the page and its key is described in
docs/architecture-caching.md.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import BindParameter, bindparam, func, select, union

from app.i18n import collation_key, current_language
from app.models import (
    Comment,
    FaqEntry,
    ImportSource,
    Post,
    Question,
    QuestionTwin,
    SatisfactionSurvey,
    Tag,
    User,
    question_tags,
)
from app.models.tag import in_language
from app.permissions import relied_on_condition
from app.view_models import Joined, Part, Statement, composed, model_property, shown


@dataclass(frozen=True)
class Person:
    """Someone a page names: a user link shows the name, the staff label, reputation and badge counts."""
    id: int = shown(User.id)
    username: str = shown(User.username)
    display_name: str | None = shown(User.display_name)
    role: str = shown(User.role)
    reputation: int = shown(User.reputation)
    gold_badges: int = shown(User.gold_badges)
    silver_badges: int = shown(User.silver_badges)
    bronze_badges: int = shown(User.bronze_badges)

    name = model_property(User, "name")
    is_moderator = model_property(User, "is_moderator")


@dataclass(frozen=True)
class TagName:
    """A tag on a question: linked by its address name, shown by its name in the reader's language."""
    id: int = shown(Tag.id)
    name: str = shown(Tag.name)
    name_en: str = shown(Tag.name_en)
    name_it: str = shown(Tag.name_it)

    display_name = Tag.display_name


@dataclass(frozen=True)
class TagCard:
    """A product or topic on the products page and atop its own list."""
    id: int = shown(Tag.id)
    name: str = shown(Tag.name)
    name_en: str = shown(Tag.name_en)
    name_it: str = shown(Tag.name_it)
    description: str | None = shown(Tag.description)
    description_it: str | None = shown(Tag.description_it)
    question_count: int = shown(Tag.question_count)

    display_name = Tag.display_name
    description_in = Tag.description_in


@dataclass(frozen=True)
class TagHeading(TagCard):
    """A tag atop its own list and its FAQ: its list links to its FAQ when it has one."""
    faq_entries: int = shown(select(func.count(FaqEntry.id)).where(FaqEntry.tag_id == Tag.id).correlate(Tag)
                             .scalar_subquery())


@dataclass(frozen=True)
class Original:
    """The question a duplicate points to; the notice names it only while it is public."""
    id: int = shown(Post.id)
    kind: str = shown(Post.kind)
    title: str | None = shown(Post.title)
    slug: str | None = shown(Post.slug)
    deleted_at: object = shown(Post.deleted_at)
    hidden_at: object = shown(Post.hidden_at)

    is_public = model_property(Post, "is_public")


@dataclass(frozen=True)
class Origin:
    """Where an imported question, answer, comment or its author came from (the CC BY-SA attribution)."""
    id: int = shown(ImportSource.id)
    site: str = shown(ImportSource.site)
    source_id: int = shown(ImportSource.source_id)


@dataclass(frozen=True)
class Twin:
    """The same question in another language, linked by a moderator: named on the page and in its hreflang
    alternates while public (and in the alternates only while worth a search engine's index)."""
    id: int = shown(Post.id)
    kind: str = shown(Post.kind)
    title: str = shown(Post.title)
    slug: str = shown(Post.slug)
    language: str | None = shown(Post.language)
    created_at: object = shown(Post.created_at)
    answer_count: int = shown(Post.answer_count)
    score: int = shown(Post.score)
    deleted_at: object = shown(Post.deleted_at)
    hidden_at: object = shown(Post.hidden_at)

    is_public = model_property(Post, "is_public")


@dataclass(frozen=True)
class QuestionView:
    id: int = shown(Post.id)
    kind: str = shown(Post.kind)
    title: str = shown(Post.title)
    slug: str = shown(Post.slug)
    body_html: str = shown(Post.body_html)
    language: str | None = shown(Post.language)
    score: int = shown(Post.score)
    view_count: int = shown(Post.view_count, keyed=False)  # changes with every reader: may lag a cache lifetime
    answer_count: int = shown(Post.answer_count)
    created_at: object = shown(Post.created_at, moment=True)
    last_activity_at: object = shown(Post.last_activity_at, moment=True)
    last_edited_at: object = shown(Post.last_edited_at, moment=True)
    locked_at: object = shown(Post.locked_at, moment=True)
    closed_reason: str | None = shown(Post.closed_reason)
    duplicate_of_id: int | None = shown(Post.duplicate_of_id)
    accepted_answer_id: int | None = shown(Post.accepted_answer_id)
    deleted_at: object = shown(Post.deleted_at, moment=True)
    hidden_at: object = shown(Post.hidden_at, moment=True)
    author_id: int | None = shown(Post.author_id)
    relied_on: bool = shown(relied_on_condition())  # whether its asker may still delete it
    author: Person | None = composed()
    original: Original | None = composed()
    origin: Origin | None = composed()
    author_origin: Origin | None = composed()
    tags: tuple[TagName, ...] = composed()
    twins: tuple[Twin, ...] = composed()  # oldest first

    is_public = model_property(Post, "is_public")
    is_solved = model_property(Question, "is_solved")


@dataclass(frozen=True)
class AnswerView:
    id: int = shown(Post.id)
    kind: str = shown(Post.kind)
    parent_id: int = shown(Post.parent_id)
    body_html: str = shown(Post.body_html)
    language: str | None = shown(Post.language)
    score: int = shown(Post.score)
    created_at: object = shown(Post.created_at, moment=True)
    last_edited_at: object = shown(Post.last_edited_at, moment=True)
    deleted_at: object = shown(Post.deleted_at, moment=True)
    hidden_at: object = shown(Post.hidden_at, moment=True)
    official_at: object = shown(Post.official_at, moment=True)
    official_note: str | None = shown(Post.official_note)
    official_suspended_at: object = shown(Post.official_suspended_at, moment=True)
    official_review_due_at: object = shown(Post.official_review_due_at)
    official_by_id: int | None = shown(Post.official_by_id)
    author_id: int | None = shown(Post.author_id)
    author: Person | None = composed()
    official_by: Person | None = composed()
    origin: Origin | None = composed()
    author_origin: Origin | None = composed()
    question: QuestionView = composed(keyed=False)  # the page's own question, covered by its own row

    is_public = model_property(Post, "is_public")
    is_official = model_property(Post, "is_official")
    is_official_suspended = model_property(Post, "is_official_suspended")


@dataclass(frozen=True)
class CommentView:
    id: int = shown(Comment.id)
    post_id: int = shown(Comment.post_id)
    body_html: str = shown(Comment.body_html)
    created_at: object = shown(Comment.created_at, moment=True)
    author_id: int | None = shown(Comment.author_id)
    author: Person | None = composed()
    origin: Origin | None = composed()
    author_origin: Origin | None = composed()


@dataclass(frozen=True)
class FaqMark:
    """"In the FAQ", linking to the entry on its product's FAQ."""
    id: int = shown(FaqEntry.id)
    tag_name: str | None = shown(Tag.name)


@dataclass(frozen=True)
class SurveyView:
    """The asker's answer to "Did this solve your problem?", shown to the asker alone (a slot of the page)."""
    id: int = shown(SatisfactionSurvey.id)
    asker_id: int = shown(SatisfactionSurvey.asker_id)
    outcome: str | None = shown(SatisfactionSurvey.outcome)
    rating: int | None = shown(SatisfactionSurvey.rating)
    comment: str = shown(SatisfactionSurvey.comment)
    answered_at: object = shown(SatisfactionSurvey.answered_at)


@dataclass(frozen=True)
class Related:
    """A related question under the page (found by its title; other questions' changes may lag)."""
    id: int = shown(Post.id)
    kind: str = shown(Post.kind)
    title: str = shown(Post.title)
    slug: str = shown(Post.slug)
    language: str | None = shown(Post.language)
    accepted_answer_id: int | None = shown(Post.accepted_answer_id)

    is_solved = model_property(Question, "is_solved")


@dataclass(frozen=True)
class QuestionRow:
    """A question in a list (home, tabs, a product's page, search results)."""
    id: int = shown(Post.id)
    kind: str = shown(Post.kind)
    title: str = shown(Post.title)
    slug: str = shown(Post.slug)
    language: str | None = shown(Post.language)
    score: int = shown(Post.score)
    answer_count: int = shown(Post.answer_count)
    view_count: int = shown(Post.view_count, keyed=False)  # as on the question page
    accepted_answer_id: int | None = shown(Post.accepted_answer_id)
    has_official_answer: bool = shown(Post.has_official_answer)
    closed_reason: str | None = shown(Post.closed_reason)
    created_at: object = shown(Post.created_at, moment=True)
    author_id: int | None = shown(Post.author_id)
    author: Person | None = composed()
    tags: tuple[TagName, ...] = composed()
    escalated: bool = composed()  # past the response target unanswered: marked for the brand team only

    is_solved = model_property(Question, "is_solved")


@dataclass(frozen=True)
class QuestionPage:
    """Everything the question page's content shows (the header around it is the reader's)."""
    question: QuestionView
    answers: tuple[AnswerView, ...]
    comments: dict[int, tuple[CommentView, ...]]  # by post id, oldest first
    original: Original | None  # a duplicate's original, while it is public
    faq: FaqMark | None
    attributions: dict  # ("question" | "answer" | "comment", id) -> app.questions.attributions.Attribution
    survey: SurveyView | None  # the asker's, once they were asked whether it solved their problem
    related: tuple[Related, ...] = composed(keyed=False)  # a search per page: lags like the view count
    staff: bool = composed()  # the brand team's page: deleted and hidden answers shown too


def tag_label(tag) -> str:
    """A tag's name as this page's reader reads it (a template filter)."""
    return tag.display_name(current_language())


def name_order(language: str) -> Callable[[TagName | TagCard], tuple[str, str]]:
    """Sorts tags by the name a reader of `language` sees, accents among the plain letters (i18n.collation_key)."""
    def key(tag: TagName | TagCard) -> tuple[str, str]:
        return collation_key(in_language(language, tag.name_en, tag.name_it, tag.name))
    return key


def tag_description(tag) -> str:
    return tag.description_in(current_language())


def named_original(question, original) -> bool:
    """A duplicate's notice names and links its original only while the public can see it (a deleted or hidden
    original is neither named nor linked, on the page or in the API: the notice then says only why it closed)."""
    return (question.closed_reason == "duplicate" and original is not None and original.kind == "question"
            and original.is_public)


def answer_order(question):
    """Accepted first, then official (vouched for by the brand), then score, then oldest."""
    return lambda a: (a.id != question.accepted_answer_id, not a.is_official, -a.score, a.created_at, a.id)


def _person(field: str, key: str) -> Joined:
    return Joined(field, Person, lambda person, _joined, key=key: person.c.id == _column(key))


def _column(key: str):
    return Post.__table__.c[key]


def _origin(kind: str, table) -> tuple[Joined, Joined]:
    """Where a post or comment came from, and its author's profile on that same site."""
    own = Joined("origin", Origin, lambda o, _joined: (o.c.kind == kind) & (o.c.local_id == table.c.id))
    author = Joined("author_origin", Origin, lambda o, joined: (o.c.kind == "user")
                    & (o.c.local_id == table.c.author_id) & (o.c.site == joined["origin"].c.site))
    return own, author


@functools.cache
def page_statement(staff: bool) -> Statement:
    """The question page's rows, given `question_id`: the question itself whatever its state (it decides 404,
    410 or the address) with its author, the original of a duplicate and its import origin; its answers (on the
    brand team's page deleted and hidden ones too) with their authors and who confirmed them; their comments;
    its tags, its FAQ entry, its asker's survey and its twins. Built once per process: building it costs more than
    running it."""
    question_id: BindParameter[int] = bindparam("question_id")
    posts, comments = Post.__table__, Comment.__table__
    shown_answer = posts.c.parent_id == question_id
    if not staff:
        shown_answer &= posts.c.deleted_at.is_(None) & posts.c.hidden_at.is_(None)
    post_ids = union(select(posts.c.id).where(posts.c.id == question_id), select(posts.c.id).where(shown_answer))
    faq, tags, surveys, twins = FaqEntry.__table__, Tag.__table__, SatisfactionSurvey.__table__, QuestionTwin.__table__
    own_group = select(twins.c.group_id).where(twins.c.question_id == question_id).scalar_subquery()
    commenter = Joined("author", Person, lambda person, _joined: person.c.id == comments.c.author_id)
    return Statement(
        Part("question", QuestionView, posts, posts.c.id == question_id, joined=(
            _person("author", "author_id"),
            Joined("original", Original, lambda original, _joined: original.c.id == posts.c.duplicate_of_id),
            *_origin("question", posts))),
        Part("answer", AnswerView, posts, shown_answer, joined=(
            _person("author", "author_id"), _person("official_by", "official_by_id"), *_origin("answer", posts))),
        Part("comment", CommentView, comments, comments.c.post_id.in_(post_ids) & comments.c.deleted_at.is_(None),
             joined=(commenter, *_origin("comment", comments))),
        Part("tag", TagName, tags.join(question_tags, question_tags.c.tag_id == tags.c.id),
             question_tags.c.question_id == question_id),
        Part("faq", FaqMark, faq.outerjoin(tags, tags.c.id == faq.c.tag_id), faq.c.question_id == question_id,
             row_id=faq.c.id),
        Part("survey", SurveyView, surveys, surveys.c.question_id == question_id),
        Part("twin", Twin, posts.join(twins, twins.c.question_id == posts.c.id),
             (twins.c.group_id == own_group) & (posts.c.id != question_id)),
    )


ROW = Part("row", QuestionRow, Post.__table__, Post.kind == "question", joined=(_person("author", "author_id"),))
RELATED = Part("related", Related, Post.__table__)
TAGS = Part("tag", TagName, Tag.__table__.join(question_tags, question_tags.c.tag_id == Tag.__table__.c.id))
TAG_CARDS = Part("tag card", TagCard, Tag.__table__)
TAG_HEADINGS = Part("tag heading", TagHeading, Tag.__table__)
