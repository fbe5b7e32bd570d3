"""Forms as a browser receives them: each form's address, method and fields with their rendered values, so a
test submits what the page shows and changes only what a person types."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class RenderedForm:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)
    buttons: dict[str, str] = field(default_factory=dict)  # name -> value of named submit buttons

    def submit(self, client, page_url: str, typed: dict | None = None, **kwargs):
        """POST (or GET) the rendered fields with what a person typed over them; a form without an action
        goes back to the page's own address, query included, as a browser sends it."""
        data = {**self.fields, **(typed or {})}
        target = self.action or page_url
        if self.method == "get":
            return client.get(target, query_string=data, **kwargs)
        return client.post(target, data=data, **kwargs)


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[RenderedForm] = []
        self.textarea: str | None = None
        self.select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append(RenderedForm(a.get("action") or "", (a.get("method") or "get").lower()))
        elif not self.forms or "name" not in a and tag not in ("option",):
            return
        elif tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.forms[-1].fields[a["name"]] = a.get("value") or ("y" if kind == "checkbox" else "")
        elif tag == "button" and (a.get("type") or "submit") == "submit":
            self.forms[-1].buttons[a["name"]] = a.get("value") or ""
        elif tag == "textarea":
            self.textarea = a["name"]
            self.forms[-1].fields[self.textarea] = ""
        elif tag == "select":
            self.select = a["name"]
        elif tag == "option" and self.select and ("selected" in a or self.select not in self.forms[-1].fields):
            self.forms[-1].fields[self.select] = a.get("value", "")

    def handle_data(self, data):
        if self.textarea:
            self.forms[-1].fields[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            # A browser reads CR LF as LF and drops the newline right after <textarea>.
            text = self.forms[-1].fields[self.textarea].replace("\r\n", "\n").replace("\r", "\n")
            self.forms[-1].fields[self.textarea] = text.removeprefix("\n")
            self.textarea = None
        elif tag == "select":
            self.select = None


def rendered_forms(html: str) -> list[RenderedForm]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def rendered_form(html: str, action: str = "") -> RenderedForm:
    """The one form whose address contains `action` (the page's own address when empty)."""
    matching = [f for f in rendered_forms(html) if (action in f.action if action else not f.action)]
    assert len(matching) == 1, f"{len(matching)} forms with action {action!r} on the page"
    return matching[0]
