"""Page times on a real community: a database filled by `flask import stackexchange DIR`.

    .venv/bin/python bench/imported.py --database PATH [--index-dir DIR] [--repeat 40] [--out FILE]

Brings the database to the current schema and rebuilds its search index (into --index-dir, default
beside the database), then times the pages a visitor and a member open most, in-process and warm as
`bench/run.py` does: home, the busiest question, unanswered, the tag list, the busiest tag, the top
member's profile, badges, FAQ and a search for the busiest question's title words. Not part of `make test`.
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import SITE, client_for, counting, time_page  # noqa: E402  (after the path insert above)


def prepare(database: Path, index_dir: Path) -> None:
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{database}", FLASK_APP="wsgi.py", SECRET_KEY="bench-secret",
               FLASK_SEARCH_INDEX_DIR=str(index_dir), FLASK_SITE_URL=SITE["SITE_URL"])
    for command in (("db", "upgrade"), ("search", "reindex")):
        subprocess.run([str(Path(sys.executable).parent / "flask"), *command], cwd=ROOT, env=env, check=True,
                       capture_output=True)


def pick_pages(app) -> tuple[dict, str | None]:
    from sqlalchemy import func, select

    from app.extensions import db
    from app.models import Question, Tag, User, question_tags
    from app.slugs import slugify

    with app.app_context():
        busiest = db.session.scalar(select(Question).where(Question.deleted_at.is_(None), Question.hidden_at.is_(None))
                                    .order_by(Question.answer_count.desc(), Question.id))
        tag = db.session.scalar(select(Tag).join(question_tags, question_tags.c.tag_id == Tag.id)
                                .group_by(Tag.id).order_by(func.count().desc(), Tag.name))
        top = db.session.scalar(select(User).where(User.is_placeholder.is_(False))
                                .order_by(User.reputation.desc(), User.id))
        words = "+".join((busiest.title or "").split()[:3])
        pages = {
            "home": "/", "question": f"/questions/{busiest.id}/{busiest.slug}",
            "unanswered": "/questions?tab=unanswered", "tags": "/tags", "tag": f"/tags/{tag.name}",
            "profile": f"/users/{top.id}/{slugify(top.username)}",
            "badges": "/badges", "faq": "/faq", "search": f"/search?q={words}",
        }
        facts = (f"busiest question: {busiest.answer_count} answers; busiest tag: {tag.name}; "
                 f"top member: {top.reputation:,} reputation")
        return pages, top.get_id(), facts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", required=True, type=Path)
    parser.add_argument("--index-dir", type=Path)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--out", type=Path, help="append the table to this Markdown file")
    args = parser.parse_args()
    database = args.database.resolve()
    index_dir = (args.index_dir or database.with_name(database.stem + "-index")).resolve()
    prepare(database, index_dir)

    from app import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}", "SEARCH_INDEX_DIR": str(index_dir),
                      "SECRET_KEY": "bench-secret", "RATELIMIT_ENABLED": False, **SITE})
    pages, member, facts = pick_pages(app)
    lines = [f"### {database.stem}", "", facts, "",
             "| page | visitor p50 / p95 ms (SQL) | member p50 / p95 ms (SQL) |", "|---|---|---|"]
    cells: dict[str, list[str]] = {page: [] for page in pages}
    with counting(app) as counts:
        for who in (None, member):
            client = client_for(app, who)
            for page, url in pages.items():
                client.get(url)
                counts["sql"] = 0
                status = client.get(url).status_code
                statements = counts["sql"]
                figures = time_page(app, client, [url], args.repeat)
                cells[page].append(f"{figures['p50']:.1f} / {figures['p95']:.1f} ({statements})"
                                   + ("" if status == 200 else f" HTTP {status}"))
    lines += [f"| {page} | {' | '.join(values)} |" for page, values in cells.items()]
    table = "\n".join(lines) + "\n"
    print(table)
    if args.out:
        with args.out.open("a") as out:
            out.write("\n" + table)


if __name__ == "__main__":
    main()
