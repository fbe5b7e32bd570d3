"""Names a member may take: not the brand's, not its team's, and no look-alike of either.

Two names look alike when their keys are equal: the UTS #39 skeleton of the name (each character replaced by
the prototype it can be confused with, so `0` and `O`, Cyrillic `а` and Latin `a` meet), case-folded and
skeletonised again, with marks, punctuation, symbols and spaces left out and `i` taken for `l`
(`aur0ra_care.` and `Aurora Care` share the key `auroracare`). The confusables come from Unicode's
confusables.txt as shipped by the confusable-homoglyphs package. A reserved name of eight characters or more
is also refused inside a longer one, so appending "✔ Brand team" or a first name does not help.
"""

import unicodedata
from functools import cache

from confusable_homoglyphs import confusables
from flask import current_app
from flask_babel import force_locale
from sqlalchemy import select

from app.errors import Invalid
from app.extensions import db
from app.i18n import gettext as _
from app.i18n import lazy_gettext as _l
from app.models import User
from app.typed_text import single_line

# Shorter reserved keys are refused only as the whole name: a moderator called "admin" or "Anna" does not take
# "Badminton club" or "Anna Rossi" from the members.
CONTAINED_FROM = 8
STAFF_ROLES = ("moderator", "admin")


@cache
def _prototypes() -> dict[str, str]:
    """Character → its prototype (one or more characters), rebuilt from the package's two-way pairs.

    The pairs form stars: each source names one prototype, and a prototype is named by all its sources.
    A character paired with several others is a prototype; a pair of two maps to the smaller of the two
    (either way the two meet, which is all a comparison needs)."""
    def clean(text: str) -> str:
        return text.replace("\u200e", "")  # the package wraps right-to-left letters in direction marks

    pairs = {clean(key): [clean(entry["c"]) for entry in entries]
             for key, entries in confusables.confusables_data.items() if len(clean(key)) == 1}
    table = {}
    for char, others in pairs.items():
        if len(others) != 1:
            continue  # a prototype
        other = others[0]
        if len(other) > 1 or len(pairs.get(other, ())) > 1 or other < char:
            table[char] = other
    return {char: "".join(table.get(c, c) for c in target) for char, target in table.items()}


def _skeleton(text: str) -> str:
    table = _prototypes()
    mapped = "".join(table.get(char, char) for char in unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFD", mapped)


def look_alike_key(name: str) -> str:
    """What a reader takes a name for: names with the same key are confusable."""
    folded = _skeleton(_skeleton(single_line(name)).casefold())
    # Case does not count, and a capital I passes for a small L: so i and l are one letter here.
    return "".join(char for char in folded if unicodedata.category(char)[0] in "LN").replace("i", "l")


def _reserved() -> list[str]:
    """The brand's name and its team's label in every language, and every staff member's names."""
    config = current_app.config
    names = [config["BRAND_NAME"]]
    for language in config["LANGUAGES"]:
        with force_locale(language):
            names.append(config.get("BRAND_TEAM_LABEL") or _("Brand team"))
    for username, display_name in db.session.execute(
            select(User.username, User.display_name).where(User.role.in_(STAFF_ROLES))):
        names += [username, display_name]
    return [key for key in map(look_alike_key, names) if key]


def check_available(name: str, field: str) -> None:
    """Raise Invalid when a member's username or display name passes for the brand or one of its team."""
    key = look_alike_key(name)
    for reserved in _reserved():
        if key == reserved or (len(reserved) >= CONTAINED_FROM and reserved in key):
            raise Invalid(_l("This name is reserved for the brand and its team, or looks too much like one of "
                             "their names: choose another."), field)
