"""Cut the test fixtures from the shared dumps: a few questions (solved ones, a duplicate pair, one by a
deleted user) with everything that points at them. Raw lines are copied, so BOMs and escaping stay real.

    python tests/data/stackexchange/cut.py ../shared/datasets
"""

import re
import sys
from pathlib import Path

SITES = {"beer-stackexchange-2016": "beer", "cardano-stackexchange-2021": "cardano",
         "italian-stackexchange-2014": "italian"}
HERE = Path(__file__).parent


def attrs(line: str) -> dict[str, str]:
    return dict(re.findall(r'(\w+)="([^"]*)"', line))


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8-sig").splitlines(keepends=True) if path.exists() else []


def pick_questions(posts: list[dict], links: list[dict]) -> set[str]:
    questions = {p["Id"]: p for p in posts if p.get("PostTypeId") == "1"}
    chosen = set()
    for link in links:
        if link.get("LinkTypeId") == "3" and {link["PostId"], link["RelatedPostId"]} <= questions.keys():
            chosen |= {link["PostId"], link["RelatedPostId"]}
            break
    chosen.update([q for q in questions if "AcceptedAnswerId" in questions[q]][:6])
    chosen.update([q for q in questions if "ClosedDate" in questions[q]][:1])
    chosen.update([p.get("ParentId", p["Id"]) for p in posts
                   if "OwnerUserId" not in p and p.get("PostTypeId") in ("1", "2")][:1])
    return chosen


def cut(source: Path, target: Path) -> None:
    files = {name: lines(source / name) for name in ("Posts.xml", "Users.xml", "Votes.xml", "Comments.xml",
                                                      "Badges.xml", "Tags.xml", "PostHistory.xml", "PostLinks.xml")}
    posts = [attrs(line) for line in files["Posts.xml"] if "<row" in line]
    questions = pick_questions(posts, [attrs(line) for line in files["PostLinks.xml"] if "<row" in line])
    post_ids = questions | {p["Id"] for p in posts if p.get("ParentId") in questions}
    post_ids |= set([p["Id"] for p in posts if p.get("PostTypeId") == "4"][:2])  # tag-wiki excerpts: skipped, reported
    missing_votes = [line for line in files["Votes.xml"] if "<row" in line and attrs(line)["PostId"] not in
                     {p["Id"] for p in posts}][:5]
    used_tags = "".join(p.get("Tags", "") for p in posts if p["Id"] in post_ids)
    keep = {"Posts.xml": lambda a: a["Id"] in post_ids, "Comments.xml": lambda a: a["PostId"] in post_ids,
            "Votes.xml": lambda a: a["PostId"] in post_ids, "PostHistory.xml": lambda a: a["PostId"] in post_ids,
            "PostLinks.xml": lambda a: a["PostId"] in post_ids and a["RelatedPostId"] in post_ids,
            "Badges.xml": lambda a: int(a["Id"]) <= 10, "Tags.xml": lambda a: f"&lt;{a['TagName']}&gt;" in used_tags}
    chosen = {name: [line for line in content if "<row" in line and keep[name](attrs(line))]
              for name, content in files.items() if name in keep}
    chosen["Votes.xml"] += missing_votes
    users = {a.get(k) for name in ("Posts.xml", "Comments.xml") for a in map(attrs, chosen[name])
             for k in ("OwnerUserId", "UserId", "LastEditorUserId")} | {"-1"}
    chosen["Users.xml"] = [line for line in files["Users.xml"] if "<row" in line and attrs(line)["Id"] in users]
    target.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        if content:
            header, footer = content[0] + content[1], f"</{name[:-4].lower()}>"  # declaration, root element
            (target / name).write_text("\ufeff" + header + "".join(chosen[name]) + footer, encoding="utf-8",
                                       newline="")


if __name__ == "__main__":
    for folder, site in SITES.items():
        cut(Path(sys.argv[1]) / folder, HERE / site)
