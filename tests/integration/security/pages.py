"""Forms as a page renders them: their fields and values parsed from the HTML, so a test submits what a
browser would (hidden fields and the CSRF token included) and changes only what a person types."""

from html.parser import HTMLParser


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._text: tuple[str, list[str]] | None = None  # an open <textarea>: its name and text
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self._form = {"action": attributes.get("action") or "",
                          "method": (attributes.get("method") or "get").lower(), "id": attributes.get("id"),
                          "fields": []}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and attributes.get("name"):
            kind = (attributes.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in attributes:
                return
            if kind not in ("submit", "button", "image", "reset", "file"):
                self._form["fields"].append((attributes["name"], attributes.get("value") or ("on" if kind in (
                    "checkbox", "radio") else "")))
        elif tag == "textarea" and attributes.get("name"):
            self._text = (attributes["name"], [])
        elif tag == "select" and attributes.get("name"):
            self._select, self._options = attributes["name"], []
        elif tag == "option" and self._select:
            self._options.append((attributes.get("value", ""), "selected" in attributes))

    def handle_data(self, data):
        if self._text is not None:
            self._text[1].append(data)

    def handle_endtag(self, tag):
        if tag == "textarea" and self._text is not None and self._form is not None:
            text = "".join(self._text[1]).replace("\r\n", "\n")  # a browser's parser drops one leading newline
            self._form["fields"].append((self._text[0], text[1:] if text.startswith("\n") else text))
            self._text = None
        elif tag == "select" and self._select is not None:
            # What a browser sends: the selected option, else the first one.
            chosen = [value for value, selected in self._options if selected] or [v for v, _ in self._options[:1]]
            self._form["fields"] += [(self._select, value) for value in chosen[:1]]
            self._select = None
        elif tag == "form":
            self._form = None


def forms(html: str) -> list[dict]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def form(html: str, action: str | None = None, having: str | None = None) -> dict:
    """The form posting to `action` (a path, the query ignored; "" for a form that posts to its own page)
    and/or holding a field named `having`: {"action", "method", "id", "fields"}."""
    found = [f for f in forms(html) if (action is None or f["action"].split("?", 1)[0] == action)
             and (having is None or any(name == having for name, _ in f["fields"]))]
    assert found, f"no form for {action!r} with {having!r}: " + ", ".join(repr(f["action"]) for f in forms(html))
    return found[0]


def fields(html: str, action: str | None = None, typed: dict | None = None, having: str | None = None) -> dict:
    """The form's fields as rendered (a list where a name repeats), with what a person typed in place."""
    values: dict = {}
    for name, value in form(html, action, having)["fields"]:
        if name in values:
            values[name] = [*values[name], value] if isinstance(values[name], list) else [values[name], value]
        else:
            values[name] = value
    values.update(typed or {})
    return values
