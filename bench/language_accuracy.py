"""How often app/content_language.py names a post's language right, on real posts and on short titles.

    python bench/language_accuracy.py --datasets DIR [--fallback en|it]

DIR holds the Stack Exchange dumps (beer-stackexchange-2016, cardano-stackexchange-2021: English;
italian-stackexchange-2014: mostly English posts about Italian words, read by hand for the 70 questions
in bench/data/italian-stackexchange-languages.tsv) and the demo community's questions are labelled in
app/demo/content.py. A question is its title and body, as the ask form detects it; an answer its body.
"Undecided" texts get the fallback, which is the author's interface language: both fallbacks are shown,
since an undecided English title is right for an English-interface author and wrong for an Italian one.
"""

import argparse
import html
import re
import sys
from pathlib import Path
from xml.etree import ElementTree

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.content_language import detect  # noqa: E402
from app.demo.content import QUESTIONS  # noqa: E402

HERE = Path(__file__).resolve().parent
_TAG = re.compile(r"<[^>]+>")


def plain(body: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(_TAG.sub(" ", body))).strip()


def dump_posts(path: Path) -> list[dict]:
    """Questions and answers of a dump: kind, id, title, plain body."""
    posts = []
    for row in ElementTree.parse(path / "Posts.xml").getroot():
        kind = {"1": "question", "2": "answer"}.get(row.get("PostTypeId"))
        if kind:
            posts.append({"kind": kind, "id": row.get("Id"), "title": row.get("Title", ""),
                          "body": plain(row.get("Body", ""))})
    return posts


def text_of(post: dict) -> str:
    return f"{post['title']} {post['body']}".strip()


def hand_labels() -> dict[str, tuple[str, str]]:
    rows = (line.rstrip("\n").split("\t") for line in (HERE / "data" / "italian-stackexchange-languages.tsv")
            .read_text().splitlines() if line and not line.startswith("#"))
    return {post_id: (text, title) for post_id, text, title in rows}


def cases(datasets: Path) -> dict[str, list[tuple[str, str]]]:
    """Set name → [(text, expected language)]."""
    found: dict[str, list[tuple[str, str]]] = {}
    for site in ("beer-stackexchange-2016", "cardano-stackexchange-2021"):
        posts = dump_posts(datasets / site)
        found[f"{site}: posts"] = [(text_of(p), "en") for p in posts]
        found[f"{site}: titles"] = [(p["title"], "en") for p in posts if p["kind"] == "question"]
    labels = hand_labels()
    italian_site = {p["id"]: p for p in dump_posts(datasets / "italian-stackexchange-2014")}
    found["italian-stackexchange-2014: 70 questions read by hand"] = [
        (text_of(italian_site[i]), text) for i, (text, _title) in labels.items()]
    found["italian-stackexchange-2014: their titles"] = [
        (italian_site[i]["title"], title) for i, (_text, title) in labels.items() if title != "-"]
    found["demo community: questions"] = [(f"{q['title']} {q['body']}", q["language"]) for q in QUESTIONS]
    found["demo community: titles"] = [(q["title"], q["language"]) for q in QUESTIONS]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, required=True, help="folder with the Stack Exchange dumps")
    args = parser.parse_args()
    print("| set | texts | right, English fallback | right, Italian fallback | undecided |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, items in cases(args.datasets).items():
        undecided = sum(1 for text, _ in items if detect(text, fallback="?") == "?")
        right = {f: sum(1 for text, expected in items if detect(text, fallback=f) == expected) for f in ("en", "it")}
        print(f"| {name} | {len(items)} | {right['en']} ({right['en'] / len(items):.1%}) "
              f"| {right['it']} ({right['it'] / len(items):.1%}) | {undecided} |")


if __name__ == "__main__":
    main()
