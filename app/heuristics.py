"""Cheap text heuristics for the care queue: does the asker say an accepted answer did not solve the problem,
and does a post contain personal data (e-mail addresses, phone numbers, long order or serial numbers) that
should not be public. Shared by posting (the warning before a post is saved), the care queue's signals and
redaction. Whether a customer sounds unhappy is app/moderation/unhappiness.py.

These are transparent heuristics, not a classifier: word lists and regular expressions that a moderator can
read, and every result names the exact words that triggered it. They are meant to sort the queue and to warn
an author before posting, never to act on a post by themselves; false positives and misses are expected.

Pure functions over strings (standard library only), so they are fast and trivially testable.

Choices worth knowing (the tests pin each of them):
- Phrases are found as app/phrases.py describes: folded words, cheap inflection, negation in the
  few words before a phrase, phrases carrying their own negation never cancelled ("non è che non funziona"
  counts as "non funziona": a false alarm costs a moderator a glance, a miss costs a customer).
- Personal data: numbers inside URLs (http://, https://, www., and this site's own paths as Markdown link and
  image targets, such as an uploaded image's content hash) are never reported, since they are page addresses,
  not someone's data; e-mail addresses are reported wherever they are.
"""

import bisect
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from app import phrases

# --- Word lists (data; edit freely, the table below is built from them) ---------------------------------------

# What an asker writes when an accepted answer did not help ...
UNSOLVED_SIGNALS: dict[str, tuple[str, ...]] = {
    "en": (
        # Not bare "still not": "I'm still not sure which grind" is a question, not a relapse.
        "still not working", "still not fixed", "still not solved", "still not resolved", "still doesn't",
        "still does not", "still won't", "still isn't", "still no", "still nothing",
        "still broken", "still leaking", "still leaks", "still there", "still the same", "still same",
        "still happens", "still happening", "still having", "still getting", "still get",
        "doesn't work", "does not work", "not working", "won't work", "stopped working",
        "didn't work", "did not work", "didn't help", "did not help", "doesn't help", "does not help",
        "didn't fix", "did not fix", "didn't solve", "did not solve", "didn't change", "nothing changed",
        "no change", "no difference", "same problem", "same issue", "same error", "problem persists",
        "happened again", "happening again",
    ),
    "it": (
        "non funziona", "non funzionano", "ancora non", "non ancora", "smesso di funzionare", "non parte",
        "non si accende", "c'è ancora", "ancora rotto", "ancora lo stesso", "ancora uguale", "sempre uguale",
        "perde ancora", "ancora perde", "persiste", "stesso problema", "stessa cosa", "stesso errore",
        "non ha risolto", "non risolve", "non è servito", "non ha funzionato", "non ha aiutato",
        "niente da fare", "nulla da fare", "non è cambiato niente", "non cambia niente", "non cambia nulla",
        "si ripresenta", "si è ripresentato",
    ),
}

# ... and what they write when it did. The last of these statements in a comment wins, so "it didn't work at
# first, now it works" is solved and "I thought it was fixed, but it still leaks" is not.
SOLVED_SIGNALS: dict[str, tuple[str, ...]] = {
    "en": (
        "it works", "it worked", "now works", "works now", "working now", "works again", "working again",
        "works fine", "works perfectly", "works great", "fixed", "solved", "resolved", "that did it",
        "that helped", "this helped",
    ),
    "it": (
        "ora funziona", "adesso funziona", "funziona ora", "funziona adesso", "ora va", "adesso va",
        "funziona di nuovo", "funziona bene", "funziona perfettamente", "ha funzionato", "risolto",
        "tutto ok", "tutto a posto", "ha aiutato",
    ),
}

EMAIL_LABEL = "[email removed]"
PHONE_LABEL = "[phone removed]"
NUMBER_LABEL = "[number removed]"
LABELS = {"email": EMAIL_LABEL, "phone": PHONE_LABEL, "long_number": NUMBER_LABEL}


_SOLVED_OR_NOT = phrases.Table().add(UNSOLVED_SIGNALS, True).add(SOLVED_SIGNALS, False)


def asker_still_unsolved(text: str) -> bool:
    """Does this comment say the problem is still there? The last statement wins: "it works now" after
    "it didn't work at first" is solved. A negated "solved" ("not fixed", "non è risolto") means unsolved; a
    negated "unsolved" ("not the same problem") says nothing either way."""
    unsolved = False
    for match in phrases.scan(phrases.tokens(unicodedata.normalize("NFC", text)), _SOLVED_OR_NOT):
        if not match.negated:
            unsolved = bool(match.value)
        elif match.value is False:
            unsolved = True
    return unsolved


# --- Personal data ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    kind: str  # "email", "phone" or "long_number"
    text: str
    start: int
    end: int


_EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b", re.ASCII)
# Up to a space, a quote or a closing bracket, so "[text](https://…)" in Markdown ends at the ")".
_URL = re.compile(r"(?:https?://|www\.|(?<=\]\()/)[^\s<>\"')\]]+", re.IGNORECASE)
# A phone-shaped run: digit groups with one separator between them, optionally after "+39 " or "(555) ". Not
# glued to a word (E04, AUR123…), to a price ("349,00") or to a path; _is_phone decides.
_PHONE = re.compile(r"""
    (?<![\w.,/+-])
    (?P<intl>\+\d{1,3}[ .-]?)?
    (?P<area>\(\d{2,4}\)[ ]?)?
    (?P<body>\d+(?:[ .\-/]\d+)*)
    (?!\w|[.,]\d)
""", re.VERBOSE | re.ASCII)
_SEPARATOR = re.compile(r"[ .\-/]")
_DATE = re.compile(r"\d{4}([./-])\d{1,2}\1\d{1,2}|\d{1,2}([./-])\d{1,2}\2\d{2,4}", re.ASCII)
# A code: letters and digits, possibly in hyphenated parts ("ORD-2024-000123"); _is_long_number decides.
_CODE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?![A-Za-z0-9])", re.ASCII)

PHONE_MIN_DIGITS, PHONE_MAX_DIGITS = 8, 15  # 15 is the E.164 maximum
LONG_NUMBER_MIN_CHARS, LONG_NUMBER_MIN_DIGITS = 10, 6


def _is_phone(match: re.Match) -> bool:
    body, digits = match["body"], re.sub(r"\D", "", match.group())
    if not PHONE_MIN_DIGITS <= len(digits) <= PHONE_MAX_DIGITS or _DATE.fullmatch(body):
        return False
    if match["intl"]:  # "+39 …": only phone numbers are written like that
        return True
    if len(set(_SEPARATOR.findall(body))) > 1:  # mixed separators: a date and a time, a list of figures
        return False
    if match["area"]:  # (555) 123-4567, (02) 1234 5678
        return True
    groups = _SEPARATOR.split(body)
    if body.startswith("00"):  # 0039 …
        return True
    if body[0] == "3":  # Italian mobile: 3xx xxx xxxx
        return len(digits) in (9, 10) and (len(groups) == 1 or len(groups[0]) == 3)
    if body[0] == "0":  # Italian landline: area code 0x… of 2-4 digits, 6-11 digits in all
        return len(digits) <= 11 and (len(groups) == 1 or 2 <= len(groups[0]) <= 4)
    return [len(g) for g in groups] == [3, 3, 4]  # North American 555-123-4567 / 555.123.4567


def _is_long_number(code: str) -> bool:
    alphanumerics = code.replace("-", "")
    return (len(alphanumerics) >= LONG_NUMBER_MIN_CHARS
            and sum(c.isdigit() for c in alphanumerics) >= LONG_NUMBER_MIN_DIGITS)


class _Spans:
    """Disjoint spans of text kept sorted, for telling in log time whether a new span overlaps one (checking
    every span was quadratic: 2,700 order numbers in a post took 100 ms)."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(spans):
            if self.ends and start < self.ends[-1]:  # overlapping spans are joined
                self.ends[-1] = max(self.ends[-1], end)
            else:
                self.starts.append(start)
                self.ends.append(end)

    def overlaps(self, start: int, end: int) -> bool:
        after = bisect.bisect_left(self.starts, end)  # spans starting before `end`: the last may overlap
        return after > 0 and self.ends[after - 1] > start

    def add(self, start: int, end: int) -> None:
        at = bisect.bisect_left(self.starts, start)
        self.starts.insert(at, start)
        self.ends.insert(at, end)


def find_personal_data(text: str) -> list[Finding]:
    """E-mail addresses, phone numbers and long order/serial numbers, sorted, never overlapping. Earlier kinds
    win (an e-mail's digits are not also a phone); digits inside URLs are skipped."""
    findings = [Finding("email", m.group(), m.start(), m.end()) for m in _EMAIL.finditer(text)]
    taken = _Spans([(f.start, f.end) for f in findings] + [m.span() for m in _URL.finditer(text)])
    candidates = [("phone", m) for m in _PHONE.finditer(text) if _is_phone(m)]
    candidates += [("long_number", m) for m in _CODE.finditer(text) if _is_long_number(m.group())]
    for kind, match in candidates:
        if not taken.overlaps(match.start(), match.end()):
            findings.append(Finding(kind, match.group(), match.start(), match.end()))
            taken.add(*match.span())
    return sorted(findings, key=lambda f: f.start)


def redact(text: str, findings: Iterable[Finding] | None = None) -> str:
    """The text with each finding replaced by its label; findings default to find_personal_data(text)."""
    if findings is None:
        findings = find_personal_data(text)
    parts, position = [], 0
    for finding in sorted(findings, key=lambda f: f.start):
        parts += [text[position:finding.start], LABELS[finding.kind]]
        position = finding.end
    return "".join(parts) + text[position:]


def scrub(text: str, replacements: dict[str, str], shortest_cut: int | None = 3) -> str:
    """The text with every occurrence of each key replaced by its value, and also where a copy was cut short
    (unless `shortest_cut` is None): a key's beginning of `shortest_cut` characters or more at the very end of
    the text, or just before an ellipsis, as excerpts and shortened columns leave it. Longer keys first, so that
    one inside another goes whole."""
    for found in sorted(replacements, key=len, reverse=True):
        label = replacements[found]
        text = text.replace(found, label)
        for length in range(len(found) - 1, (shortest_cut or len(found)) - 1, -1):
            beginning = found[:length]
            if text.endswith(beginning):
                text = text[:-length] + label
            cut = beginning.rstrip() + "…"
            if cut in text:
                text = text.replace(cut, label + "…")
    return text
