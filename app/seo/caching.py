"""Conditional requests, shared caching and kept renders for the pages search visitors land on (a question,
the lists, the FAQ).

An anonymous GET gets a weak ETag, Last-Modified and `Cache-Control: public, max-age=…`, and a 304 when its ETag
still matches. A page whose ETag is computed before rendering is also kept rendered in the process
(`RenderedPages`), keyed by that ETag and the address, so the next visitor skips the render; parts of pages that
are the same for every reader are kept the same way (`keep_fragment`), and members' question pages keep their
content for every member who sees it alike (`keep_for_readers`, with slots for what is each reader's own:
app/seo/slots.py). Every key is a fingerprint of the view model the page or part renders from
(app/view_models.py `facts`), with the language, the site's version and settings and a clock step; how a page's
key is derived is in docs/architecture-caching.md, the decisions (what may lag, views counted on 304, why a shared
page carries no CSRF token) in docs/decisions.md. Signed-in members keep `private, no-cache` (app/__init__.py).
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sized
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import Flask, current_app, g, make_response, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from app import clock
from app.extensions import csrf
from app.i18n import current_language
from app.seo import compression, slots
from app.urls import public_origin
from app.view_models import digest, facts, newest_moment

# Relative times ("3 minutes ago") change with the clock alone; the ETag changes with them, at the coarsest
# step that the newest time on the page still shows.
_TIME_STEPS = ((timedelta(hours=1), 60), (timedelta(days=1), 3600))
_DAY = 86400


@dataclass(frozen=True)
class Validators:
    etag: str
    last_modified: datetime | None


class RenderedPages:
    """Rendered pages and parts by key, least recently used first out, within a byte budget.

    A key covers everything the page shows except what the caching decision lets lag (view counts, related
    questions), so an entry is right for as long as its key is; entries also expire after PUBLIC_CACHE_SECONDS,
    the lag a proxy is allowed anyway. Several processes each keep their own: the key comes from the database,
    so none can serve another's stale copy.
    """

    def __init__(self, max_bytes: int):
        self.max_bytes, self.size = max_bytes, 0  # sizes in bytes, or characters for text parts
        self.entries: OrderedDict[tuple, tuple[float, Sized]] = OrderedDict()
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

    def put(self, key: tuple, body: Sized) -> None:  # bytes, text or anything with a length (its size)
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
    app.extensions["rendered_pages"] = RenderedPages(int(app.config["RENDERED_PAGE_CACHE_BYTES"]))
    app.extensions["rendered_fragments"] = RenderedPages(int(app.config["RENDERED_FRAGMENT_CACHE_BYTES"]))
    for function in (kept_question_row, kept_question_list, kept_search_row, kept_byline, kept_comments,
                     kept_tag_grid):
        app.add_template_global(function)
    # Replaces Flask-WTF's template function (global and context processor) so that a page built for a
    # shared cache carries no token bound to one visitor's session, and so sets no session cookie.
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.context_processor(lambda: {"csrf_token": csrf_token})


def csrf_token() -> str:
    """The reader's token; none on a shared page; in content kept for several members, the slot each reader's
    own token fills (app/seo/slots.py)."""
    if g.get("shared_page"):
        return ""
    return slots.csrf_slot() or generate_csrf()


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

    `validators` computes the ETag before rendering (a 304 then skips the render, and the page is kept);
    without it the ETag is a hash of the rendered body.
    """
    if not shareable_request():
        return render()
    known = validators() if validators else None
    if known and not _modified(known.etag):
        return _public(make_response("", 304), known)
    g.shared_page = True
    pages = current_app.extensions["rendered_pages"]
    key = (known.etag, request.full_path) if known and "_flashes" not in session else None
    if key is not None and known is not None:
        body = pages.get(key, current_app.config["PUBLIC_CACHE_SECONDS"])
        if body is not None:
            return _public(_kept_response(pages, key, body), known)
    response = make_response(render())
    if response.status_code != 200 or session.modified:  # e.g. a flash message was shown: not for everyone
        return response
    if key:
        pages.put(key, response.get_data())
    known = known or Validators(digest(response.get_data(as_text=True)), last_modified)
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


def fingerprint(*parts) -> str:
    """A key for what `parts` (plain values: a view model's `facts`) show, as this request's reader sees it."""
    # One context lookup: a page makes dozens of keys (the proxy's own method, typed as the app's).
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    settings = tuple(map(app.config.get, PAGE_SETTINGS))
    # Canonical links, OpenGraph and JSON-LD name the public origin: SITE_URL, or in development the request's
    # host, so a page rendered for a forged Host header is never served to the next visitor.
    origin = app.config["SITE_URL"] or public_origin()
    return digest((current_language(), app.extensions.get("site_version"), settings, origin, parts))


def time_step(newest: datetime | None) -> int:
    """The clock bucket a key includes: minutes while the newest time shown is under an hour old, hours under a
    day, else days."""
    now = clock.now()
    if newest is None:
        return int(now.timestamp()) // _DAY
    for age, step in _TIME_STEPS:
        if now - newest < age:
            return int(now.timestamp()) // step
    return int(now.timestamp()) // _DAY


def validators(page_facts, newest: datetime | None) -> Validators:
    """A page's validators from the facts of its view model and the newest moment it shows."""
    return Validators(fingerprint(page_facts, time_step(newest)), newest)


def view_validators(*shown) -> Validators:
    """Validators for a page built from view models (and plain values): their facts and newest moment."""
    return validators(facts(shown), newest_moment(shown))


def keep_for_readers(etag: str, standing: tuple, render: Callable):
    """A page's content, kept per process for every member of the same `standing` (what of theirs the content
    shows outside its slots: role and privileges) while the page's `etag` holds, like a visitor's kept page.
    `render` gives content with slots (app/seo/slots.py `keep`), which each reader then fills."""
    pages = current_app.extensions["rendered_pages"]
    key = ("reader copy", etag, standing)
    content = pages.get(key, current_app.config["PUBLIC_CACHE_SECONDS"])
    if content is None:
        content = render()
        pages.put(key, content)
    return content


def keep_fragment(name: str, render: Callable, *shown) -> Markup:
    """`render(*shown)`, kept per process under a key derived from the view models it is given (`shown`), the
    language, the site version and settings and the clock step of their newest moment; expires like a kept
    page (view counts lag)."""
    fragments = current_app.extensions["rendered_fragments"]
    key = (fingerprint(name, facts(shown), time_step(newest_moment(shown))),)
    html = fragments.get(key, current_app.config["PUBLIC_CACHE_SECONDS"])
    if html is None:
        html = render(*shown)  # a template macro's output: already escaped Markup, kept as it is
        fragments.put(key, html)
    return html


class _Kept(tuple):
    """A kept value with the size it is budgeted by."""

    def __len__(self) -> int:
        return self[1]


def keep_value(key_facts: tuple, compute: Callable, size: Callable = lambda value: 256 * (1 + len(value))):
    """A value read for pages (related questions), kept like a fragment under a key of what it is read from."""
    fragments = current_app.extensions["rendered_fragments"]
    key = ("value", *key_facts)
    kept = fragments.get(key, current_app.config["PUBLIC_CACHE_SECONDS"])
    if kept is None:
        value = compute()
        kept = _Kept((value, size(value)))
        fragments.put(key, kept)
    return kept[0]


def kept_question_row(row, render: Callable) -> Markup:
    """A list row (the brand team's rows also carry the escalation mark, a field of the row)."""
    return keep_fragment("question row", render, row)


def kept_question_list(rows: list, render: Callable) -> Markup:
    """A page of list rows kept whole: one lookup instead of one a row (a row kept on its own is still shared
    with the other lists it is on)."""
    return keep_fragment("question list", render, tuple(rows))


def kept_search_row(row, render: Callable) -> Markup:
    """A search result: the question's row, the title and snippet with this query's words marked, the FAQ mark."""
    return keep_fragment("search row", render, row)


def kept_byline(answer, render: Callable) -> Markup:
    """"answered 3 hours ago by …" and the import credit under an answer."""
    return keep_fragment("answer byline", render, answer)


def kept_comments(post, comments, render: Callable) -> Markup:
    """A post's comment list."""
    if not comments:
        return Markup("")
    return keep_fragment("comments", render, tuple(comments))


def kept_tag_grid(tags, render: Callable) -> Markup:
    """The products page's grid of every tag, the same for every reader."""
    return keep_fragment("tag grid", render, tuple(tags))
