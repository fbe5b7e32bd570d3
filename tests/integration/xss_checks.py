"""The XSS corpus (tests/data/xss_vectors.txt) and the checks its tests apply to HTML.

`unsafe_in_fragment` judges HTML made from user text (a post's stored body_html, a comment): no element
that can run script or change where the page loads from, no event handler, style, srcdoc or formaction
attribute, and every URL http(s), mailto or relative. `unsafe_in_page` judges a whole page: the same,
except for the site's own elements (its scripts from /static/, JSON-LD, its forms and the buttons that send
them to the assistant or to a question's translation link, stylesheet, meta tags and chart), which are
recognised by what they are, not by where they are.
"""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "data" / "xss_vectors.txt"
_PLACEHOLDER = re.compile(r"\{(NL|CR|TAB|NUL|U\+[0-9A-F]{4,6})\}")
_NAMED = {"NL": "\n", "CR": "\r", "TAB": "\t", "NUL": "\0"}


def load_vectors() -> list[str]:
    vectors = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#|"):
            vectors.append(_PLACEHOLDER.sub(lambda m: _NAMED.get(m.group(1)) or chr(int(m.group(1)[2:], 16)), line))
    return vectors


# Elements that run script, load other documents or styles, change the base URL, submit somewhere or
# switch the parser into another mode (where sanitisers and browsers disagree).
SCRIPT_CAPABLE = {
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "param", "portal", "style", "link",
    "meta", "base", "form", "input", "button", "textarea", "select", "isindex", "svg", "math", "template",
    "noscript", "noembed", "noframes", "xmp", "plaintext", "listing", "title", "xml", "bgsound", "video",
    "audio", "source", "track", "image", "foreignobject", "use", "animate", "set", "handler", "marquee",
}
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "poster", "data", "background", "cite", "longdesc", "lowsrc",
    "dynsrc", "xlink:href", "ping", "manifest", "codebase", "classid", "usemap", "profile", "icon", "srcset",
}
FORBIDDEN_ATTRIBUTES = {"style", "srcdoc", "formaction", "http-equiv"}
SAFE_SCHEMES = {"http", "https", "mailto"}
_INVISIBLE = re.compile("[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028\u2029\u2060\ufeff]")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")


def url_is_safe(value: str) -> bool:
    """http(s), mailto or relative. `value` is the attribute as a browser reads it (entities decoded once, by
    the parser, as a browser does: decoding twice would misjudge correctly escaped output); whitespace and
    control characters are dropped, since browsers ignore them around and inside a scheme."""
    value = _INVISIBLE.sub("", value)
    match = _SCHEME.match(value)
    return match is None or match.group(1).lower() in SAFE_SCHEMES


def _urls(name: str, value: str) -> list[str]:
    if name == "srcset":
        return [candidate.strip().split(" ")[0] for candidate in value.split(",") if candidate.strip()]
    return [value]


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.texts: list[tuple[str | None, str]] = []  # (enclosing element, text)
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))
        if tag not in ("br", "hr", "img", "meta", "link", "input", "source", "track", "wbr", "col", "area"):
            self._open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag in self._open:
            while self._open and self._open.pop() != tag:
                pass

    def handle_data(self, data):
        self.texts.append((self._open[-1] if self._open else None, data))


def _attribute_problems(tag: str, attrs) -> list[str]:
    problems = []
    for name, value in attrs:
        name = name.lower()
        if name.startswith("on"):
            problems.append(f"<{tag} {name}=…> (event handler)")
        elif name in FORBIDDEN_ATTRIBUTES:
            problems.append(f"<{tag} {name}=…>")
        elif name in URL_ATTRIBUTES and value is not None:
            problems += [f"<{tag} {name}={url!r}> (unsafe URL)" for url in _urls(name, value) if not url_is_safe(url)]
    return problems


def unsafe_in_fragment(fragment: str) -> list[str]:
    """What is unsafe in HTML made from user text (empty when it is safe)."""
    parser = _Collector()
    parser.feed(fragment)
    parser.close()
    problems = []
    for tag, attrs in parser.elements:
        if tag in SCRIPT_CAPABLE:
            problems.append(f"<{tag}> element")
        problems += _attribute_problems(tag, attrs)
    return problems


# The site's own elements, recognised by what they are.
_SITE_LINK_RELS = {"stylesheet", "canonical", "icon", "alternate", "preload", "manifest", "next", "prev",
                   "search", "apple-touch-icon", "shortcut icon", "license"}
_SITE_META = {"charset", "name", "content", "property"}
_FORM_CONTROLS = {"form", "input", "button", "textarea", "select"}
_CHART = {"svg", "g", "path", "polyline", "polygon", "line", "rect", "circle", "text", "tspan", "title", "desc",
          "defs", "lineargradient", "stop"}


# "Check the community first" on the ask page and "This solved it" in the assistant's reply: the typed question
# goes to the assistant's draft instead of being posted.
SITE_FORMACTIONS = {"/help/draft"}
# The close tool's "Link as translation instead" sends the picker to the question's own translation link.
SITE_FORMACTION_PATHS = re.compile(r"/questions/\d{1,10}/twins")


def _is_local_path(url: str | None) -> bool:
    return url is None or url == "" or (url.startswith("/") and not url.startswith("//") and "\\" not in url)


def unsafe_in_page(page: str) -> list[str]:
    """What is unsafe in a whole page: user text must not have added any element or attribute that can run
    script; the site's own scripts, forms, stylesheet and meta tags are allowed."""
    parser = _Collector()
    parser.feed(page)
    parser.close()
    problems = []
    for tag, attrs in parser.elements:
        values = {name.lower(): value for name, value in attrs}
        # The site's own buttons that send their form elsewhere, each to a path it names (any other formaction,
        # local or not, is what injected markup would add).
        own_formaction = tag == "button" and (values.get("formaction") in SITE_FORMACTIONS or bool(
            SITE_FORMACTION_PATHS.fullmatch(values.get("formaction") or "")))
        problems += _attribute_problems(tag, [(name, value) for name, value in attrs
                                              if not (own_formaction and name.lower() == "formaction")])
        if tag == "script":
            if values.get("type") == "application/ld+json":
                continue  # its text is checked below
            if not (values.get("src") or "").startswith("/static/"):
                problems.append(f"<script> not from /static/: {values}")
        elif tag == "link":
            if (values.get("rel") or "").lower() not in _SITE_LINK_RELS:
                problems.append(f"<link rel={values.get('rel')!r}>")
            elif values.get("rel") == "stylesheet" and not (values.get("href") or "").startswith("/static/"):
                problems.append(f"<link> stylesheet not from /static/: {values.get('href')!r}")
        elif tag == "meta":
            if set(values) - _SITE_META:
                problems.append(f"<meta> with {sorted(set(values) - _SITE_META)}")
        elif tag in _FORM_CONTROLS:
            if tag == "form" and not _is_local_path(values.get("action")):
                problems.append(f"<form action={values.get('action')!r}>")
        elif tag in _CHART:
            continue  # the reputation chart (and the page's <title>); attributes checked above
        elif tag in SCRIPT_CAPABLE:
            problems.append(f"<{tag}> element")
    for parent, text in parser.texts:
        if parent == "script" and text.strip():
            try:
                json.loads(text)
            except ValueError:
                problems.append(f"script text that is not JSON: {text[:120]!r}")
    return problems


def _decode(line: str) -> str:
    return _PLACEHOLDER.sub(lambda m: _NAMED.get(m.group(1)) or chr(int(m.group(1)[2:], 16)), line)


# The nastiest vectors (in the corpus file's notation): sent through every form and shown in Chromium.
NASTIEST = [_decode(line) for line in [
    "<script>window.__xss=1</script>",
    "<img src=x onerror=window.__xss=1>",
    "<svg/onload=window.__xss=1>",
    "<details open ontoggle=window.__xss=1>",
    "<input autofocus onfocus=window.__xss=1>",
    "<a href=\"https://ok.example/\" onmouseover=\"window.__xss=1\">ok link</a>",
    "<img src=\"https://ok.example/a.png\" onerror=\"window.__xss=1\" onload=\"window.__xss=1\">",
    "[click](javascript:window.__xss=1)",
    "[click](&#106;avascript:window.__xss=1)",
    "[click](java{TAB}script:window.__xss=1)",
    "<IMG SRC=java{NUL}script:window.__xss=1>",
    "[click][r]{NL}{NL}[r]: javascript:window.__xss=1",
    "![img](javascript:window.__xss=1)",
    "<a href=\"jav&#x0A;ascript:window.__xss=1\">x</a>",
    "<a href=\"javascript&colon;window.__xss=1\">x</a>",
    "[click](data:text/html,<script>window.__xss=1</script>)",
    "[click](vbscript:msgbox(1))",
    "![x](https://ok.example/a.png \"\\\" onerror=\\\"window.__xss=1\")",
    "[x](https://ok.example \"a\\\" onmouseover=\\\"window.__xss=1\")",
    "```html\" onmouseover=\"window.__xss=1{NL}code{NL}```",
    "<div>{NL}<script>window.__xss=1</script>{NL}</div>",
    "<svg><a xlink:href=\"javascript:window.__xss=1\"><text x=\"20\" y=\"20\">XSS</text></a></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    "<noscript><p title=\"</noscript><img src=x onerror=window.__xss=1>\"></noscript>",
    "<!--<img src=\"--><img src=x onerror=window.__xss=1//\">",
    "<template><style></template><img src=x onerror=window.__xss=1></style>",
    "<form><math><mtext></form><form><mglyph><style></math><img src onerror=window.__xss=1>",
    "<iframe srcdoc=\"<script>parent.window.__xss=1</script>\"></iframe>",
    "\"><img src=x onerror=window.__xss=1>",
    "'><img src=x onerror=window.__xss=1>",
    "</textarea><script>window.__xss=1</script>",
    "</script><script>window.__xss=1</script>",
    "\" style=\"background:url(javascript:window.__xss=1)",
    "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=window.__xss=1 )//%0D%0A%0d%0a//</stYle/</titLe/"
    "</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=window.__xss=1//>\\x3e",
]]
