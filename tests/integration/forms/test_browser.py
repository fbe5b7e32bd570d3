"""The harness's browser builds a form's entry list as the HTML standard (and Chromium) does, and refuses what a
person could not do."""

import pytest
from flask import Flask

from tests.integration.forms.browser import Browser, NotPossible, Page

FORM = """<!doctype html><main>
<form id="f" method="post" action="/posts/1/edit">
  <input type="hidden" name="csrf_token" value="t0k">
  <input name="title" value="Line one">
  <textarea name="body">
first
second</textarea>
  <input type="checkbox" name="seen" value="yes">
  <input type="checkbox" name="kept" checked>
  <select name="size"><option value="s">Small</option><option value="m">Medium</option></select>
  <select name="colour"><option value="r">Red</option><option value="g" selected>Green</option></select>
  <input name="off" value="x" disabled>
  <fieldset disabled><input name="fenced" value="y"></fieldset>
  <input type="radio" name="pick" value="a"><input type="radio" name="pick" value="b" checked>
  <input name="limited" maxlength="3">
  <button type="submit" name="go" value="one">One</button>
  <button type="submit" name="go" value="two">Two</button>
  <form action="/elsewhere"><input name="nested" value="n"></form>
  <input name="after" value="lost">
</form>
<input name="outside" value="o" form="f">
<form action="/search"><input name="q" required><button>Search</button></form>
</main>"""


@pytest.fixture
def rendered():
    app = Flask(__name__)
    app.add_url_rule("/posts/<int:post_id>/edit", "questions.edit", lambda post_id: "", methods=["POST"])
    app.add_url_rule("/search", "search.index", lambda: "")
    return Page(Browser(app), "/posts/1/edit", app.response_class(FORM, mimetype="text/html"), [])


def test_the_entry_list_is_what_a_browser_sends(rendered):
    form = rendered.forms[0]
    assert form.key == "questions.edit POST" and form.args == {"post_id": 1}
    assert form.entries(form.button("Two")) == [
        ("csrf_token", "t0k"), ("title", "Line one"), ("body", "first\r\nsecond"), ("kept", "on"), ("size", "s"),
        ("colour", "g"), ("pick", "b"), ("limited", ""), ("go", "two"), ("nested", "n"), ("outside", "o")]
    # A form inside a form: its start tag is ignored (its fields join the outer form) and its end tag ends
    # the outer one, so a field after it belongs to no form, as in Chromium.
    assert len(rendered.forms) == 2


def test_only_what_a_person_can_change(rendered):
    form = rendered.forms[0]
    form.type("title", "Line\ntwo").check("seen").check("kept", False).choose("size", "m").choose("pick", "a")
    assert form.entries(form.button())[1:8] == [("title", "Linetwo"), ("body", "first\r\nsecond"),
                                                ("seen", "yes"), ("size", "m"), ("colour", "g"), ("pick", "a"),
                                                ("limited", "")]
    for attempt in (lambda: form.type("csrf_token", "forged"), lambda: form.type("off", "x"),
                    lambda: form.type("fenced", "y"), lambda: form.choose("size", "xl"),
                    lambda: form.type("limited", "four"), lambda: form.type("missing", "x"),
                    lambda: form.button("Three")):
        with pytest.raises(NotPossible):
            attempt()


def test_a_required_field_stops_a_form_without_novalidate(rendered):
    with pytest.raises(NotPossible, match="q must be filled in"):
        rendered.form("search.index GET").submit()
