"""Forms read from a page as a browser receives them: each field with its rendered value (checked boxes,
selected options, textarea text), so a test changes only what a person would type and submits the rest."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class PageForm:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)
    options: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # select name → (value, label)

    def filled(self, **typed) -> dict[str, str]:
        """The rendered values with what the person typed; a name the form lacks is a test error."""
        unknown = set(typed) - set(self.fields)
        assert not unknown, f"the form has no field {sorted(unknown)}: {sorted(self.fields)}"
        return {**self.fields, **typed}


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[PageForm] = []
        self.form: PageForm | None = None
        self.textarea: str | None = None
        self.select: str | None = None
        self.option: tuple[str, bool] | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.form = PageForm(a.get("action") or "", (a.get("method") or "get").lower())
            self.forms.append(self.form)
        elif self.form is None or "name" not in a and tag != "option":
            return
        elif tag == "input" and a.get("type") not in ("submit", "button", "reset"):
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in a:
                    self.form.fields[a["name"]] = a.get("value", "y")
            else:
                self.form.fields[a["name"]] = a.get("value", "")
        elif tag == "textarea":
            self.textarea, self.text = a["name"], []
        elif tag == "select":
            self.select = a["name"]
            self.form.options[self.select] = []
        elif tag == "option" and self.select:
            self.option, self.text = (a.get("value", ""), "selected" in a), []

    def handle_data(self, data):
        if self.textarea is not None or self.option is not None:
            self.text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "textarea" and self.textarea is not None:
            text = "".join(self.text)  # a browser drops the one line break after <textarea>
            self.form.fields[self.textarea] = text[2:] if text.startswith("\r\n") else text.removeprefix("\n")
            self.textarea = None
        elif tag == "option" and self.option is not None:
            value, selected = self.option
            self.form.options[self.select].append((value, "".join(self.text).strip()))
            if selected or self.select not in self.form.fields:
                self.form.fields[self.select] = value
            self.option = None
        elif tag == "select":
            self.select = None


def forms(page: str) -> list[PageForm]:
    parser = _Parser()
    parser.feed(page)
    return parser.forms


def form_with(page: str, action: str) -> PageForm:
    """The page's form that posts to `action` (its path, as rendered)."""
    found = [f for f in forms(page) if f.action == action and f.method == "post"]
    assert found, f"no form posting to {action}: {[f.action for f in forms(page)]}"
    return found[0]


def form_having(page: str, name: str) -> PageForm:
    """The page's form with a field of this name."""
    found = [f for f in forms(page) if name in f.fields]
    assert found, f"no form with a field {name!r}"
    return found[0]
