"""Forms as the browser receives them: every field's rendered value (hidden fields, the selected option, checked
boxes), so a test changes only what a person types and submits the rest as it is."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)  # what the browser would send untouched
    names: set[str] = field(default_factory=set)  # every field, unticked boxes too, that a person may fill in

    def filled(self, **typed) -> dict[str, str]:
        unknown = set(typed) - self.names
        assert not unknown, f"the page has no field {sorted(unknown)} in this form: {sorted(self.names)}"
        return {**self.fields, **typed}


class _Forms(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url, self.forms, self.current, self.textarea, self.select = page_url, [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.current = Form(attrs.get("action") or self.page_url, attrs.get("method", "get").lower())
            self.forms.append(self.current)
        if self.current is None or "name" not in attrs and tag != "option":
            return
        if tag in ("input", "textarea", "select"):
            self.current.names.add(attrs["name"])
        if tag == "input" and attrs.get("type") not in ("submit", "button", "image", "reset", "file"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.current.fields[attrs["name"]] = attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.current.fields[self.textarea] = ""
        elif tag == "select":
            self.select = attrs["name"]
        elif tag == "option" and self.select and ("selected" in attrs or self.select not in self.current.fields):
            self.current.fields[self.select] = attrs.get("value", "")

    def handle_data(self, data):
        if self.textarea:
            text = self.current.fields[self.textarea] + data
            # A browser drops the newline right after <textarea>: it is markup, not the value.
            self.current.fields[self.textarea] = text[1:] if text.startswith("\n") and not self.current.fields[
                self.textarea] else text

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form":
            self.current = None


def forms_on(html: str, page_url: str = "") -> list[Form]:
    parser = _Forms(page_url)
    parser.feed(html)
    return parser.forms


def form_on(client, url: str, *, action: str | None = None, having: str | None = None) -> Form:
    """The one form on the page at `url` that posts to `action` (a part of it) or has a field named `having`."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    found = [form for form in forms_on(page.get_data(as_text=True), url) if form.method == "post"
             and (action is None or action in form.action) and (having is None or having in form.fields)]
    assert len(found) == 1, [f.action for f in found]
    return found[0]


def submit(client, url: str, typed: dict, *, action: str | None = None, having: str | None = None, **kwargs):
    """Open the page, fill in what a person types, and post the form as rendered."""
    form = form_on(client, url, action=action, having=having)
    return client.post(form.action, data=form.filled(**typed), **kwargs)
