"""A browser made of Flask's test client and an HTML5 parser (Lexbor, the standard's tree building, so a form
nested in another merges into it as in Chromium). It reads the forms a page renders, lets a test type only
where a person could, and submits each form the way a browser builds its entry list: the rendered values of
every field, hidden ones and the CSRF token included, only checked boxes, the selected option, the pressed
button's name and value, textarea line breaks as CRLF, and the files chosen for each file input (a form sent as
multipart/form-data carries them; one without a chosen file sends an empty file part, as browsers do)."""

import io
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect

REDIRECTS = {301, 302, 303, 307, 308}
TEXT_INPUTS = {"text", "search", "email", "password", "url", "tel", "number", "date", "time", "datetime-local",
               "month", "week"}
CONTROLS = "input, textarea, select, button"
INVISIBLE = "script, style, template, [hidden]"
ENCODINGS = ("application/x-www-form-urlencoded", "multipart/form-data")


class NotPossible(AssertionError):
    """The test asked for something a person could not do on the page as rendered."""


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Control:
    tag: str  # input, textarea, select or button
    type: str
    name: str
    value: str
    text: str = ""  # what a person reads on a button or next to an option
    checked: bool = False
    disabled: bool = False
    readonly: bool = False
    required: bool = False
    maxlength: int | None = None
    multiple: bool = False
    options: list[tuple[str, str]] = field(default_factory=list)  # (value, text) of a select's enabled options
    selected: list[str] = field(default_factory=list)
    accept: str = ""  # a file input's kinds of file, as its picker offers them
    files: list[tuple[str, bytes]] = field(default_factory=list)  # (name, content) chosen for a file input
    formaction: str = ""  # a submit button that sends its form elsewhere

    @property
    def is_button(self) -> bool:
        return self.tag == "button" or self.type in ("submit", "image", "reset", "button")

    @property
    def is_submit(self) -> bool:
        return (self.tag == "button" and self.type == "submit") or (self.tag == "input" and self.type in
                                                                     ("submit", "image"))

    @property
    def is_typeable(self) -> bool:
        return (self.tag == "textarea" or (self.tag == "input" and self.type in TEXT_INPUTS)) and \
            not self.disabled and not self.readonly

    def describe(self) -> str:
        return f"{self.name}={self.value}" if self.name else self.text


def _control(node, disabled_by_fieldset: bool) -> Control:
    attrs = node.attributes
    tag = node.tag
    kind = (attrs.get("type") or ("submit" if tag == "button" else "text" if tag == "input" else tag)).lower()
    value = attrs.get("value") or ""
    if tag == "textarea":
        value = node.text(deep=True, separator="")
    elif tag == "input" and kind in TEXT_INPUTS:
        value = value.replace("\r", "").replace("\n", "")  # the standard's value sanitisation
    elif tag == "input" and kind in ("checkbox", "radio") and "value" not in attrs:
        value = "on"
    control = Control(tag, kind, attrs.get("name") or "", value, collapse(node.text(deep=True)),
                      checked="checked" in attrs, disabled="disabled" in attrs or disabled_by_fieldset,
                      readonly="readonly" in attrs, required="required" in attrs,
                      maxlength=int(attrs["maxlength"]) if (attrs.get("maxlength") or "").isdigit() else None,
                      multiple="multiple" in attrs, accept=attrs.get("accept") or "",
                      formaction=attrs.get("formaction") or "")
    if tag == "select":
        options = [o for o in node.css("option") if "disabled" not in o.attributes]
        control.options = [(o.attributes.get("value", collapse(o.text())) or "", collapse(o.text()))
                           for o in options]
        control.selected = [value for o, (value, _) in zip(options, control.options, strict=True)
                            if "selected" in o.attributes]
        if not control.selected and not control.multiple and control.options:
            control.selected = [control.options[0][0]]  # a single select shows its first option
    return control


def _in_disabled_fieldset(node) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag == "fieldset" and "disabled" in parent.attributes:
            return True
        parent = parent.parent
    return False


class Form:
    """One rendered form: its fields with their rendered values, which a test changes as a person would."""

    def __init__(self, page: "Page", node, controls: list[Control]):
        attrs = node.attributes
        self.page = page
        self.method = (attrs.get("method") or "get").upper()
        self.enctype = attrs.get("enctype") or "application/x-www-form-urlencoded"
        self.novalidate = "novalidate" in attrs
        self.action = urljoin(page.url, attrs.get("action") or page.url).split("#")[0]
        self.controls = controls
        self.endpoint, self.args = page.browser.route(self.action, self.method)
        which = next((c.value for c in controls if c.type == "hidden" and c.name == "which"), None)
        # Views that take several forms tell them apart by a hidden "which" field (settings, tag edit).
        self.key = f"{self.endpoint} {self.method}" + (f" which={which}" if which else "")

    def __repr__(self) -> str:
        return f"<Form {self.key} {self.action}>"

    def _named(self, name: str) -> list[Control]:
        found = [c for c in self.controls if c.name == name and not c.is_button]
        if not found:
            raise NotPossible(f"{self.key} on {self.page.url} has no field {name!r} "
                              f"(it has {sorted({c.name for c in self.controls if c.name})})")
        return found

    def __getitem__(self, name: str) -> str:
        """What the field shows: its text, the selected option, or the checked radio button's value."""
        values = self.values(name)
        return values[0] if values else ""

    def values(self, name: str) -> list[str]:
        """What this field sends: a select's selected options, checked boxes and radio buttons."""
        controls = self._named(name)
        if controls[0].tag == "select":
            return list(controls[0].selected)
        if controls[0].type in ("checkbox", "radio"):
            return [c.value for c in controls if c.checked]
        return [controls[0].value]

    def __contains__(self, name: str) -> bool:
        return any(c.name == name and not c.is_button for c in self.controls)

    def type(self, name: str, text: str) -> "Form":
        """Replace what the field holds with `text`, as a person selecting it all and typing."""
        control = self._named(name)[0]
        if not control.is_typeable:
            raise NotPossible(f"a person cannot type into {name!r} ({control.tag} {control.type}"
                              f"{', disabled' if control.disabled else ''}{', read-only' if control.readonly else ''})"
                              f" on {self.page.url}")
        if control.maxlength is not None and len(text) > control.maxlength:
            raise NotPossible(f"{name!r} takes at most {control.maxlength} characters; a browser stops the typing")
        control.value = text if control.tag == "textarea" else text.replace("\r", "").replace("\n", "")
        return self

    def choose(self, name: str, value: str) -> "Form":
        """Pick an option of a select, or a radio button, by its value (it must be one the page offers)."""
        controls = self._named(name)
        if controls[0].tag == "select":
            offered = [v for v, _ in controls[0].options]
            if value not in offered or controls[0].disabled:
                raise NotPossible(f"{name!r} offers {offered}, not {value!r}")
            controls[0].selected = [value]
            return self
        radios = [c for c in controls if c.type == "radio" and not c.disabled]
        if value not in [c.value for c in radios]:
            raise NotPossible(f"{name!r} offers {[c.value for c in radios]}, not {value!r}")
        for radio in radios:
            radio.checked = radio.value == value
        return self

    def attach(self, name: str, *files: tuple[str, bytes]) -> "Form":
        """Choose files (name, content) in a file input's picker, as a person would: only where the form sends
        files, several only where the input takes several, and only kinds its picker offers."""
        control = self._named(name)[0]
        if control.type != "file" or control.disabled:
            raise NotPossible(f"{name!r} is not a file input a person can choose files in on {self.page.url}")
        if self.enctype != "multipart/form-data":
            raise NotPossible(f"{self.key} is sent as {self.enctype}: the browser would send the file's name only")
        if len(files) > 1 and not control.multiple:
            raise NotPossible(f"{name!r} takes one file; the picker chooses no more")
        if control.accept == "image/*" and not all(_looks_like_an_image(file_name) for file_name, _ in files):
            raise NotPossible(f"{name!r} offers only images (accept={control.accept!r})")
        control.files = list(files)
        return self

    def check(self, name: str, checked: bool = True, value: str | None = None) -> "Form":
        boxes = [c for c in self._named(name) if c.type == "checkbox" and not c.disabled
                 and (value is None or c.value == value)]
        if not boxes:
            raise NotPossible(f"{name!r} is not a checkbox a person can tick on {self.page.url}")
        for box in boxes:
            box.checked = checked
        return self

    @property
    def buttons(self) -> list[Control]:
        return [c for c in self.controls if c.is_submit and not c.disabled]

    def button(self, which: str | None = None) -> Control:
        """The submit button a person presses: by its visible text, or "name=value"; else the default one."""
        if not self.buttons:
            raise NotPossible(f"{self.key} on {self.page.url} has no button to press")
        if which is None:
            return self.buttons[0]  # pressing Enter submits with the first submit button
        found = [b for b in self.buttons if (b.name and f"{b.name}={b.value}" == which) or which in b.text]
        if len(found) != 1:
            raise NotPossible(f"{len(found)} buttons match {which!r} in {self.key}: "
                              f"{[b.describe() for b in self.buttons]}")
        return found[0]

    def entries(self, submitter: Control | None) -> list[tuple[str, str | tuple[str, bytes]]]:
        """The entry list a browser sends for this form and this pressed button."""
        out: list[tuple[str, str | tuple[str, bytes]]] = []
        for control in self.controls:
            if not control.name or control.disabled or control.type in ("reset", "button"):
                continue
            if control.type == "file":
                if self.enctype == "multipart/form-data":
                    out.extend((control.name, file) for file in control.files or [("", b"")])
                else:
                    out.extend((control.name, file_name) for file_name, _ in control.files)
            elif control.is_submit:
                if control is submitter:
                    out.append((control.name, control.value))
            elif control.type in ("checkbox", "radio"):
                if control.checked:
                    out.append((control.name, control.value))
            elif control.tag == "select":
                out.extend((control.name, value) for value in control.selected)
            elif control.tag == "textarea":
                out.append((control.name, re.sub(r"\r\n|\r|\n", "\r\n", control.value)))
            else:
                out.append((control.name, control.value))
        return out

    def _refusals(self) -> list[str]:
        """What the browser's own validation stops (forms without `novalidate`)."""
        refusals = []
        radio_groups: dict[str, bool] = {}
        for c in self.controls:
            if not c.required or c.disabled or c.is_button:
                continue
            if c.type == "radio":
                radio_groups[c.name] = radio_groups.get(c.name, False) or c.checked
            elif (c.type == "checkbox" and not c.checked) or (c.tag == "select" and not any(c.selected)) or \
                    (c.tag != "select" and c.type not in ("checkbox",) and not c.value):
                refusals.append(c.name)
        return refusals + [name for name, chosen in radio_groups.items() if not chosen]

    def submit(self, button: str | None = None, follow: bool = True) -> "Page":
        submitter = self.button(button) if self.buttons or button else None
        if not self.novalidate and (refused := self._refusals()):
            raise NotPossible(f"the browser would not send {self.key}: {', '.join(refused)} must be filled in")
        if self.enctype not in ENCODINGS:
            raise NotPossible(f"{self.key} is sent as {self.enctype}, which this browser does not do")
        self.page.browser.pressed.add((self.key, submitter.describe() if submitter and submitter.name else ""))
        entries = self.entries(submitter)
        action = urljoin(self.page.url, submitter.formaction) if submitter and submitter.formaction else self.action
        if self.method == "GET":
            return self.page.browser.get(action.split("?")[0] + "?" + urlencode(entries))
        return self.page.browser.request("POST", action, entries, follow, self.enctype)


def _looks_like_an_image(file_name: str) -> bool:
    return file_name.rsplit(".", 1)[-1].lower() in ("jpg", "jpeg", "png", "webp", "gif", "heic", "heif")


class Page:
    """A response as the browser shows it: status, final address, forms, the text a person reads."""

    def __init__(self, browser: "Browser", url: str, response, history: list[str]):
        self.browser, self.url, self.response, self.history = browser, url, response, history
        self.status = response.status_code
        self.html = "" if response.mimetype.startswith("image/") else response.get_data(as_text=True)  # a picture
        self.tree = LexborHTMLParser(self.html) if response.mimetype == "text/html" else None

    def __repr__(self) -> str:
        return f"<Page {self.status} {self.url}>"

    @property
    def forms(self) -> list[Form]:
        if self.tree is None:
            return []
        nodes = self.tree.css("form")
        owned: dict[int, list[Control]] = {i: [] for i in range(len(nodes))}
        by_id = {node.attributes.get("id"): i for i, node in enumerate(nodes) if node.attributes.get("id")}
        for i, node in enumerate(nodes):
            for control in node.css(CONTROLS):
                owner = control.attributes.get("form")
                if owner is None:
                    owned[i].append(_control(control, _in_disabled_fieldset(control)))
        for control in self.tree.css(CONTROLS):  # the `form` attribute ties a control to a form elsewhere
            owner = control.attributes.get("form")
            if owner in by_id:
                owned[by_id[owner]].append(_control(control, _in_disabled_fieldset(control)))
        return [Form(self, node, owned[i]) for i, node in enumerate(nodes)]

    def forms_for(self, key: str, button: str | None = None, **args) -> list[Form]:
        return [f for f in self.forms if (f.key == key or f"{f.endpoint} {f.method}" == key)
                and all(str(f.args.get(k)) == str(v) for k, v in args.items())
                and (button is None or any(button in b.text for b in f.buttons))]

    def form(self, key: str, button: str | None = None, **args) -> Form:
        """The one form on this page for `key` ("endpoint METHOD"), narrowed by its URL arguments and by the
        visible text of one of its buttons."""
        found = self.forms_for(key, button, **args)
        if len(found) != 1:
            raise NotPossible(f"{len(found)} forms for {key} {args or ''} on {self.url} ({self.status}); "
                              f"the page has {[f.key for f in self.forms]}")
        return found[0]

    def texts(self, selector: str) -> list[str]:
        """The text a person reads in each element the CSS selector finds."""
        if self.tree is None:
            return []
        tree = LexborHTMLParser(self.html)
        for node in tree.css(INVISIBLE):
            node.decompose()
        return [collapse(node.text(deep=True, separator=" ")) for node in tree.css(selector)]

    @property
    def text(self) -> str:
        """What a person reads in the page's main part."""
        return " ".join(self.texts("main") or self.texts("body"))

    @property
    def title(self) -> str:
        node = self.tree.css_first("title") if self.tree else None
        return collapse(node.text()) if node else ""

    @property
    def flashes(self) -> list[str]:
        return self.texts(".flash")

    @property
    def errors(self) -> list[str]:
        return self.texts(".error-summary, .error")

    def links(self, text: str, within: str = "html") -> list[str]:
        return [urljoin(self.url, a.attributes.get("href") or "") for a in self.tree.css(f"{within} a[href]")
                if text in collapse(a.text(deep=True))]

    def click(self, text: str, within: str = "html") -> "Page":
        """Follow the one link whose text contains `text` (inside the elements `within` selects)."""
        found = sorted(set(self.links(text, within)))
        if len(found) != 1:
            raise NotPossible(f"{len(found)} links read {text!r} on {self.url}: {found}")
        return self.browser.get(found[0])


class Browser:
    """A person's browser on the app: cookies kept, redirects followed, pages parsed."""

    def __init__(self, app, name: str = "visitor"):
        self.app, self.name = app, name
        self.client = app.test_client()
        self.adapter = app.url_map.bind("localhost")
        self.pressed: set[tuple[str, str]] = set()  # (form key, button) of every form this browser sent

    def __repr__(self) -> str:
        return f"<Browser {self.name}>"

    def route(self, url: str, method: str) -> tuple[str, dict]:
        try:
            endpoint, args = self.adapter.match(urlsplit(url).path, method=method)
        except RequestRedirect:
            return "redirect", {}
        except (NotFound, MethodNotAllowed):
            return f"unrouted:{urlsplit(url).path}", {}
        return endpoint, args

    def get(self, url: str) -> Page:
        return self.request("GET", url)

    def request(self, method: str, url: str, entries: list | None = None, follow: bool = True,
                enctype: str = ENCODINGS[0]) -> Page:
        history: list[str] = []
        while True:
            parts = urlsplit(url)
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if method == "GET":
                response = self.client.open(path, method=method)
            elif enctype == "multipart/form-data":
                response = self.client.open(path, method=method, content_type=enctype, data=MultiDict([
                    (name, (io.BytesIO(value[1]), value[0]) if isinstance(value, tuple) else value)
                    for name, value in entries or []]))
            else:
                response = self.client.open(path, method=method, data=urlencode(entries or []),
                                            content_type="application/x-www-form-urlencoded")
            if response.status_code not in REDIRECTS or len(history) > 10 or not follow:
                return Page(self, path, response, history)
            history.append(path)
            url = urljoin(path, response.headers["Location"])
            if response.status_code in (301, 302, 303):
                method, entries, enctype = "GET", None, ENCODINGS[0]

    def log_in(self, username: str, password: str) -> Page:
        """Log in through the rendered log-in form (the page it sends the person to is not fetched)."""
        page = self.get("/login").form("sign_in.login POST").type("login", username).type("password", password)\
            .submit(follow=False)
        assert page.status == 302, f"{username} could not log in: {page.errors}"
        return page
