"""Conditional requests and shared caching for the pages search visitors land on (a question, the FAQ).

An anonymous GET gets a weak ETag, Last-Modified and `Cache-Control: public, max-age=…`, and a 304 when
its ETag still matches. A page whose ETag is computed before rendering is also kept rendered in the
process (`RenderedPages`), keyed by that ETag and the address, so the next visitor skips the render; parts
of pages that are the same for every reader are kept the same way (`keep_fragment`). Signed-in members
keep `private, no-cache` (set in app/__init__.py): their pages carry their own votes, tools and tokens.
Decisions (what the ETag covers, views counted on 304, why a shared page carries no CSRF token, what is
kept and for how long) are in docs/decisions.md.
"""

import functools
import hashlib
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import Flask, current_app, g, make_response, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup
from sqlalchemy import bindparam, literal_column, null, select, type_coerce, union_all
from sqlalchemy.types import NullType

from app import clock, permissions
from app.extensions import csrf, db
from app.i18n import current_language
from app.models import Comment, FaqEntry, Post, Question, Tag, User
from app.models.types import UTCDateTime
from app.seo import compression
from app.seo.metadata import public_origin

# Relative times ("3 minutes ago") change with the clock alone; the ETag changes with them, at the
# coarsest step that the newest time on the page still shows.
_TIME_STEPS = ((timedelta(hours=1), 60), (timedelta(days=1), 3600))
_DAY = 86400


@dataclass(frozen=True)
class Validators:
    etag: str
    last_modified: datetime | None


class RenderedPages:
    """Rendered anonymous pages by (ETag, address), least recently used first out, within a byte budget.

    The ETag covers everything the page shows except what the caching decision already lets lag (the view
    count, related questions), so an entry is right for as long as its ETag is; entries also expire after
    PUBLIC_CACHE_SECONDS, the lag a proxy is allowed anyway. Several processes each keep their own: the key
    comes from the database, so none can serve another's stale copy.
    """

    def __init__(self, max_bytes: int):
        self.max_bytes, self.size = max_bytes, 0  # sizes in bytes, or characters for text parts
        self.entries: OrderedDict[tuple, tuple[float, object]] = OrderedDict()
        self.lock = threading.Lock()  # a threaded server shares one instance

    def get(self, key: tuple, max_age: float):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            if time.monotonic() - entry[0] > max_age:
                self._drop(key)
                return None
            self.entries.move_to_end(key)
            return entry[1]

    def put(self, key: tuple, body) -> None:  # bytes, text or parts with a length
        if len(body) > self.max_bytes // 4:
            return
        with self.lock:
            if key in self.entries:
                self._drop(key)
            self.entries[key] = (time.monotonic(), body)
            self.size += len(body)
            while self.size > self.max_bytes:
                self._drop(next(iter(self.entries)))

    def _drop(self, key: tuple) -> None:
        self.size -= len(self.entries.pop(key)[1])


def init_app(app: Flask) -> None:
    app.config.setdefault("RENDERED_PAGE_CACHE_BYTES", 16 * 1024 * 1024)
    app.config.setdefault("RENDERED_FRAGMENT_CACHE_BYTES", 8 * 1024 * 1024)
    app.extensions["rendered_pages"] = RenderedPages(int(app.config["RENDERED_PAGE_CACHE_BYTES"]))
    app.extensions["rendered_fragments"] = RenderedPages(int(app.config["RENDERED_FRAGMENT_CACHE_BYTES"]))
    for function in (kept_question_row, kept_question_list, kept_search_row, kept_byline, kept_comments,
                     kept_tag_grid, kept_related):
        app.add_template_global(function)
    # Replaces Flask-WTF's template function (global and context processor) so that a page built for a
    # shared cache carries no token bound to one visitor's session, and so sets no session cookie.
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.context_processor(lambda: {"csrf_token": csrf_token})


def csrf_token() -> str:
    if g.get("shared_page"):
        return ""
    return _CSRF_STAND_IN if g.get("csrf_stand_in") else generate_csrf()


# Stands for the reader's CSRF token in content kept for several members (`keep_for_readers`); random per
# process, so that no post can contain it.
_CSRF_STAND_IN = secrets.token_urlsafe(24)


def keep_for_readers(etag: str, reader: tuple, render: Callable):
    """A page's content, kept per process for every member whose `reader` facts are the same (what of their
    own the content shows: privileges, own posts, votes) while the page's `etag` holds, like a visitor's
    kept page. Rendered with a stand-in for the CSRF token: `with_token` puts each reader's own in."""
    pages = current_app.extensions["rendered_pages"]
    key = ("reader copy", etag, reader)
    content = pages.get(key, current_app.config["PUBLIC_CACHE_SECONDS"])
    if content is None:
        g.csrf_stand_in = True
        try:
            content = render()
        finally:
            g.pop("csrf_stand_in")
        pages.put(key, content)
    return content


def with_token(html: Markup) -> Markup:
    return html.replace(_CSRF_STAND_IN, generate_csrf())  # Markup's replace keeps it Markup


def protect_signed_in() -> None:
    """CSRF check for a view exempted so that anonymous visitors can use it from a token-less shared page
    (the language switcher: the worst a forged request does to a visitor is set a language cookie)."""
    if current_user.is_authenticated and current_app.config["WTF_CSRF_ENABLED"]:
        csrf.protect()


def shareable_request() -> bool:
    return request.method in ("GET", "HEAD") and not current_user.is_authenticated


def conditional(render: Callable, validators: Callable[[], Validators] | None = None,
                last_modified: datetime | None = None):
    """Render (or answer 304) for an anonymous GET with validators; anyone else gets `render()` unchanged.

    `validators` computes the ETag before rendering (a 304 then skips the render); without it the ETag
    is a hash of the rendered body, for pages that are as cheap to render as to fingerprint.
    """
    if not shareable_request():
        return render()
    known = validators() if validators else None
    if known and not _modified(known.etag):
        return _public(make_response("", 304), known)
    g.shared_page = True
    pages = current_app.extensions["rendered_pages"]
    key = (known.etag, request.full_path) if known and "_flashes" not in session else None
    body = pages.get(key, current_app.config["PUBLIC_CACHE_SECONDS"]) if key else None
    if body is not None:
        return _public(_kept_response(pages, key, body), known)
    response = make_response(render())
    if response.status_code != 200 or session.modified:  # e.g. a flash message was shown: not for everyone
        return response
    if key:
        pages.put(key, response.get_data())
    known = known or Validators(_etag_of(response.get_data()), last_modified)
    if not _modified(known.etag):
        response = make_response("", 304)
    return _public(response, known)


def _kept_response(pages: RenderedPages, key: tuple, body: bytes):
    """A kept page as the client takes it: compressed once per kept page rather than on every request
    (compressing a 60 KB page costs more than the rest of serving it)."""
    response = make_response(body)
    if not compression.wanted(response):
        return response
    zipped_key = (*key, "gzip")
    zipped = pages.get(zipped_key, current_app.config["PUBLIC_CACHE_SECONDS"])
    if zipped is None:
        zipped = compression.gzipped(body)
        if zipped is None:
            return response
        pages.put(zipped_key, zipped)
    response.set_data(zipped)
    response.headers["Content-Encoding"] = "gzip"
    return response


def _modified(etag: str) -> bool:
    """Only If-None-Match decides: a retracted vote leaves no timestamp, so a date cannot prove a page unchanged."""
    return not request.if_none_match.contains_weak(etag)


def _public(response, known: Validators):
    response.set_etag(known.etag, weak=True)
    if known.last_modified:
        response.last_modified = known.last_modified
    response.headers["Cache-Control"] = f"public, max-age={int(current_app.config['PUBLIC_CACHE_SECONDS'])}"
    # The language comes from Accept-Language or the `lang` cookie; signed-in members send a session cookie.
    response.vary.update(("Cookie", "Accept-Language"))
    return response


# Settings every page shows (header, footer, staff labels): a restart that changes one must not leave
# browsers, proxies or kept renders with the old page.
PAGE_SETTINGS = ("BRAND_NAME", "BRAND_TEAM_LABEL", "BRAND_LOGO", "BRAND_ICON", "BRAND_PRIMARY_COLOR",
                 "BRAND_PRIVACY_URL", "BRAND_TERMS_URL", "BRAND_CONTACT_URL")


def _etag_of(*parts) -> str:
    app = current_app._get_current_object()  # one context lookup: a page makes dozens of keys
    settings = tuple(map(app.config.get, PAGE_SETTINGS))
    # Canonical links, OpenGraph and JSON-LD name the public origin: SITE_URL, or in development the request's
    # host, so a page rendered for a forged Host header is never served to the next visitor.
    origin = app.config["SITE_URL"] or public_origin()
    digest = hashlib.sha256(repr((current_language(), app.extensions.get("site_version"), settings, origin,
                                  parts)).encode())
    return digest.hexdigest()[:32]


def _time_step(newest: datetime | None) -> int:
    """The clock bucket the ETag includes: minutes while the newest time shown is under an hour old, …"""
    now = clock.now()
    if newest is None:
        return int(now.timestamp()) // _DAY
    for age, step in _TIME_STEPS:
        if now - newest < age:
            return int(now.timestamp()) // step
    return int(now.timestamp()) // _DAY


@dataclass(frozen=True)
class QuestionState:
    """What a request needs before deciding to render: the post's kind, address and visibility, the page's
    validators, and the shown posts with their authors (what a member's copy of the page depends on)."""
    kind: str
    slug: str | None
    deleted: bool
    hidden: bool
    validators: Validators
    post_ids: tuple[int, ...]
    author_ids: frozenset[int]


def question_state(question_id: int) -> QuestionState | None:
    """The anonymous question page's state in one statement of plain rows: the post itself (kind, slug,
    visibility, and the title, address and visibility of the question it duplicates), every shown answer's state
    and score, the shown comments, the people named with their reputation and badges, the tags and the FAQ link. A page served from `RenderedPages` then loads no
    objects at all. The view count is left out: it changes with every visitor and may lag by one cache
    lifetime. None when no post has this id."""
    # On the session's connection, not through the ORM: plain rows, without the ORM's result handling.
    rows = [tuple(row) for row in db.session.connection().execute(_page_state(), {"question_id": question_id})]
    own = next((row for row in rows if row[0] == "post" and row[1] == question_id), None)
    if own is None:
        return None
    # Times come as the database stores them (converting every one cost more than the rest of the
    # request): their largest is the newest, then converted alone.
    stored = [row[i] for row in rows for i in _TIME_COLUMNS if row[i] is not None]
    newest = _as_utc(max(stored)) if stored else None
    validators = Validators(_etag_of(rows, _time_step(newest)), newest)
    posts = [row for row in rows if row[0] == "post"]
    return QuestionState(kind=own[12], slug=own[13], deleted=own[14] is not None, hidden=own[15] is not None,
                         validators=validators, post_ids=tuple(row[1] for row in posts),
                         author_ids=frozenset(row[16] for row in posts if row[16] is not None))


# Positions of the time columns in `_page_state`'s rows (created, active, edited, locked, official,
# deleted, hidden, and an official mark's suspension or a comment's redaction); SQLite stores them as
# fixed-width text, so the largest text is the latest time.
_TIME_COLUMNS = (3, 4, 5, 6, 10, 14, 15, 27)


def _as_utc(stored) -> datetime:
    dialect = db.session.get_bind().dialect
    convert = UTCDateTime().dialect_impl(dialect).result_processor(dialect, None)
    return convert(stored) if convert else stored


@functools.cache
def _page_state():
    """Rows for the post, its shown answers, their shown comments, its tags and the FAQ entry; the same
    32 columns in each part (padded with NULL), ordered so the hash does not depend on the database's
    plan. Built once: building it costs more than running it."""
    question_id = bindparam("question_id")
    posts, comments, users, faq = Post.__table__, Comment.__table__, User.__table__, FaqEntry.__table__
    tags, question_tags = Tag.__table__, Question.tags.property.secondary
    author, confirmer, commenter = users.alias("author"), users.alias("confirmer"), users.alias("commenter")
    original = posts.alias("original")  # the question a duplicate points to: its notice shows title and link

    def person(user):
        return (user.c.id, user.c.username, user.c.display_name, user.c.role, user.c.reputation,
                user.c.gold_badges, user.c.silver_badges, user.c.bronze_badges)

    def part(name: str, row_id):
        return literal_column(f"'{name}'").label("part"), row_id.label("row_id")

    def nulls(count: int) -> list:
        return [null()] * count

    shown = (posts.c.deleted_at.is_(None)) & (posts.c.hidden_at.is_(None))
    def stored(column):  # a time as stored, not converted (see _TIME_COLUMNS)
        return type_coerce(column, NullType())

    post_columns = (*part("post", posts.c.id), posts.c.score, stored(posts.c.created_at),
                    stored(posts.c.last_activity_at), stored(posts.c.last_edited_at), stored(posts.c.locked_at),
                    posts.c.closed_reason, posts.c.duplicate_of_id, posts.c.accepted_answer_id,
                    stored(posts.c.official_at), posts.c.official_note, posts.c.kind, posts.c.slug,
                    stored(posts.c.deleted_at), stored(posts.c.hidden_at), *person(author),
                    confirmer.c.username, confirmer.c.display_name, confirmer.c.role,
                    stored(posts.c.official_suspended_at), original.c.title, original.c.slug,
                    stored(original.c.deleted_at), stored(original.c.hidden_at))
    post_rows = (select(*post_columns)
                 .select_from(posts.outerjoin(author, author.c.id == posts.c.author_id)
                              .outerjoin(confirmer, confirmer.c.id == posts.c.official_by_id)
                              .outerjoin(original, original.c.id == posts.c.duplicate_of_id)))
    question_row = post_rows.where(posts.c.id == question_id)
    answer_rows = post_rows.where(posts.c.parent_id == question_id, shown)
    shown_posts = select(posts.c.id).where(posts.c.id == question_id).union_all(
        select(posts.c.id).where(posts.c.parent_id == question_id, shown))
    comment_rows = (select(*part("comment", comments.c.id), comments.c.post_id, stored(comments.c.created_at), *nulls(12),
                           *person(commenter), *nulls(3), stored(comments.c.redacted_at), *nulls(4))
                    .select_from(comments.outerjoin(commenter, commenter.c.id == comments.c.author_id))
                    .where(comments.c.post_id.in_(shown_posts), comments.c.deleted_at.is_(None)))
    tag_rows = (select(*part("tag", tags.c.id), *nulls(11), tags.c.name, *nulls(18))
                .select_from(tags.join(question_tags, question_tags.c.tag_id == tags.c.id))
                .where(question_tags.c.question_id == question_id))
    faq_row = select(*part("faq", faq.c.id), faq.c.tag_id, *nulls(29)).where(faq.c.question_id == question_id)
    return union_all(question_row, answer_rows, comment_rows, tag_rows, faq_row).order_by("part", "row_id")


def list_validators(listing, *page_facts) -> Validators:
    """What a question list shows: each row's title, counts, marks, tags and asker (reputation and badges),
    the total and the pages, plus the facts of the page itself (tab, tag). View counts lag like the
    question page's."""
    rows = [_row_facts(q) for q in listing.items]
    newest = _newest(rows)
    etag = _etag_of(rows, listing.total, listing.page, listing.pages, page_facts, _time_step(newest))
    return Validators(etag, newest)


def _row_facts(q: Question) -> tuple:
    return (q.id, q.title, q.slug, q.language, q.score, q.answer_count, q.accepted_answer_id, q.has_official_answer,
            q.closed_reason, q.created_at, tuple(tag.name for tag in q.tags), _person(q.author))


def kept_question_row(question: Question, render: Callable) -> Markup:
    """A list row rendered once per process for everyone who sees it alike (the brand team also sees the
    escalation mark): keyed like the list's ETag, with the clock step of the row's own date."""
    return keep_fragment(("question row", *_row_key(question, permissions.is_moderator(current_user))),
                         render, question)


def kept_question_list(questions: list, render: Callable) -> Markup:
    """A page of list rows kept whole under every row's key: one lookup instead of one a row (a row kept
    on its own is still shared with the other lists it is on)."""
    moderator = permissions.is_moderator(current_user)
    return keep_fragment(("question list", tuple(_row_key(q, moderator) for q in questions)), render, questions)


def _row_key(question: Question, moderator: bool) -> tuple:
    from app.moderation.queue import is_escalated

    return _row_facts(question), moderator and is_escalated(question), _time_step(question.created_at)


def kept_search_row(row, render: Callable) -> Markup:
    """A search result: the question's row facts, the title and snippet with this query's words marked and
    the FAQ mark; nothing in it is per reader, so visitors and members share it."""
    question = row.question
    return keep_fragment(("search row", _row_facts(question), str(row.title), str(row.snippet), row.in_faq,
                          _time_step(question.created_at)), render, row)


def kept_byline(answer, render: Callable) -> Markup:
    """"answered 3 hours ago by …" and the import credit under an answer (an import's credit never changes)."""
    return keep_fragment(("answer byline", answer.id, answer.created_at, _person(answer.author),
                          _time_step(answer.created_at)), render, answer)


def kept_comments(post, comments: list, render: Callable) -> Markup:
    """A post's comment list (comments are never edited but for a redaction, which sets `redacted_at`: a new,
    deleted or redacted one changes the facts)."""
    if not comments:
        return Markup("")
    facts = tuple((c.id, c.created_at, c.redacted_at, _person(c.author)) for c in comments)
    return keep_fragment(("comments", post.id, facts, _time_step(max(c.created_at for c in comments))),
                         render, comments)


def kept_related(question, render: Callable) -> Markup:
    """"Related questions" (a search per page): other questions' changes show within PUBLIC_CACHE_SECONDS,
    as on a visitor's kept page."""
    return keep_fragment(("related", question.id, question.title), render, question)


def keep_fragment(facts: tuple, render: Callable, *args) -> Markup:
    """`render(*args)`, kept per process under a key made of `facts` (everything the part shows), the
    language, the site version and the page settings; expires like a kept page (view counts lag)."""
    fragments = current_app.extensions["rendered_fragments"]
    key = (_etag_of(facts),)
    html = fragments.get(key, current_app.config["PUBLIC_CACHE_SECONDS"])
    if html is None:
        html = render(*args)  # a template macro's output: already escaped Markup, kept as it is
        fragments.put(key, html)
    return html


def tag_list_validators(tags) -> Validators:
    return Validators(_etag_of(_tag_facts(tags)), None)


def kept_tag_grid(tags, render: Callable) -> Markup:
    """The products page's grid of every tag, the same for every reader."""
    return keep_fragment(("tag grid", _tag_facts(tags)), render, tags)


def _tag_facts(tags) -> list[tuple]:
    return [(tag.name, tag.question_count, tag.description) for tag in tags]


def _person(user) -> tuple | None:
    """A person as a user link shows them: name, staff label, reputation and badge counts."""
    if user is None:
        return None
    return (user.id, user.username, user.display_name, user.role, user.reputation, user.gold_badges,
            user.silver_badges, user.bronze_badges)


def _newest(rows) -> datetime | None:
    moments = [value for row in rows for value in row if isinstance(value, datetime)]
    return max(moments) if moments else None


def faq_last_modified(groups) -> datetime | None:
    """The newest change to an entry or to the official mark of its answer (informational: see `_modified`)."""
    moments = [moment for _tag, entries in groups for entry in entries
               for moment in (entry.updated_at, entry.created_at, entry.answer.official_at if entry.answer else None)
               if moment]
    return max(moments) if moments else None
