"""Whether app.i18n's fast path still pays for itself: fresh search results and question pages rendered with it
(templates' `_()` over the catalogue kept for the locale object, the locale read where Flask-Babel keeps it) and
with Flask-Babel's public API only (its Jinja callables, `get_locale()`, `get_translations()`), request by request
in alternation in one process, nothing kept between requests; and a third way, the templates' `_()` kept but the
locale asked of `get_locale()`, which reads no private attribute. Prints the CPU-time p50 of each, and checks
they render the same HTML.

    .venv/bin/flask bench seed --questions 10000          # into a throw-away database (DATABASE_URL)
    .venv/bin/python bench/i18n_fast_path.py sqlite:///<file> --index <its SEARCH_INDEX_DIR> [--repeat 200]
"""

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CONFIG = {"SITE_URL": "http://127.0.0.1", "TRUSTED_HOSTS": ["127.0.0.1", "localhost"], "SECRET_KEY": "bench-secret",
          "RATELIMIT_ENABLED": False}
TOKENS = re.compile(r'(name="csrf_token"[^>]*value=|name="csrf-token" content=|nonce=)"[^"]*"')


def public_api(app) -> None:
    """Flask-Babel's own template callables, as its init_app installs them, in place of app.i18n's."""
    from flask_babel import get_translations

    app.jinja_env.add_extension("jinja2.ext.i18n")  # sets `_` back to the extension's alias of gettext
    app.jinja_env.install_gettext_callables(gettext=lambda s: get_translations().ugettext(s),
                                            ngettext=lambda s, p, n: get_translations().ungettext(s, p, n),
                                            newstyle=True)


def pages(app) -> tuple[dict[str, list[str]], str]:
    """A question page with ten answers and comments, forty searches in both languages, and a member's id."""
    from sqlalchemy import func, select

    from app.extensions import db
    from app.models import Comment, Question, User
    from bench.vocabulary import query_words

    rng = random.Random(11)
    with app.app_context():
        ten = db.session.scalar(select(Question).where(
            Question.answer_count == 10, Question.deleted_at.is_(None),
            Question.id.in_(select(Comment.post_id).group_by(Comment.post_id))).order_by(Question.id.desc()))
        member = db.session.scalar(select(User).where(User.role == "member", User.reputation > 1)
                                   .order_by(func.abs(User.reputation - 50), User.id))
        searches = ["/search?q=" + "+".join(query_words(rng.choice(("en", "it")), rng, rng.randint(1, 3)))
                    for _ in range(40)]
        return {"question": [f"/questions/{ten.id}/{ten.slug}"], "search": searches}, member.get_id()


def client(app, user_id: str | None):
    made = app.test_client()
    if user_id:
        with made.session_transaction() as session:
            session["_user_id"], session["_fresh"] = user_id, True
    return made


def fresh_get(app, made, url: str, language: str) -> tuple[float, bytes]:
    """CPU milliseconds of one request rendered afresh (no kept page or fragment), and its HTML."""
    for kept in ("rendered_pages", "rendered_fragments"):
        app.extensions[kept].entries.clear()
    started = time.thread_time()
    response = made.get(url, headers={"Accept-Language": language})
    spent = (time.thread_time() - started) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return spent, TOKENS.sub(r'\1"…"', response.get_data(as_text=True)).encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("database")
    parser.add_argument("--index", required=True)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()

    from app import create_app, i18n

    fast_locale, fast_catalogue = i18n._locale, i18n._catalogue
    config = {**CONFIG, "SQLALCHEMY_DATABASE_URI": args.database, "SEARCH_INDEX_DIR": args.index}
    apps = {"fast path": create_app(config), "public locale": create_app(config), "public API": create_app(config)}
    public_api(apps["public API"])
    urls, member = pages(apps["fast path"])

    def use(variant: str) -> None:  # the module-level look-ups formatting numbers and dates use too
        from flask_babel import get_locale, get_translations

        i18n._locale = fast_locale if variant == "fast path" else get_locale
        i18n._catalogue = get_translations if variant == "public API" else fast_catalogue

    print(f"{'page':<10} {'who':<8} {'lang':<4} " + " ".join(f"{v:>13}" for v in apps) + "  same HTML")
    for page, who, language in [("question", "visitor", "en"), ("question", "member", "it"),
                                ("search", "visitor", "it"), ("search", "member", "en")]:
        clients = {variant: client(app, member if who == "member" else None) for variant, app in apps.items()}
        times: dict[str, list[float]] = {variant: [] for variant in apps}
        html: dict[str, set[bytes]] = {variant: set() for variant in apps}
        for n in range(args.repeat + 5):  # the first five warm templates and caches
            order = list(apps)[n % 3:] + list(apps)[:n % 3]  # rotate, so drift falls on each alike
            for variant in order:
                use(variant)
                spent, body = fresh_get(apps[variant], clients[variant], urls[page][n % len(urls[page])], language)
                if n >= 5:
                    times[variant].append(spent)
                if n < 5 + len(urls[page]):
                    html[variant].add(body)
        medians = " ".join(f"{statistics.median(times[v]):>10.2f} ms" for v in apps)
        same = all(bodies == html["fast path"] for bodies in html.values())
        print(f"{page:<10} {who:<8} {language:<4} {medians}  {'yes' if same else 'NO'}", flush=True)
    use("fast path")


if __name__ == "__main__":
    main()
