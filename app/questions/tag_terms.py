"""What people type for a tag: its address name, the typed form of its name in each language, and its aliases.

The tag field of the ask and edit forms (and the API), a search's tag filter and the tag suggestions read the
same terms: `tag_aliases` holds every term but the address name, and saving a tag's names adds their typed
forms to it, so "decalcificazione" finds `descaling` however it came to be a term.
"""

import difflib
import re
from dataclasses import dataclass

from sqlalchemy import delete, func, select

from app import typed_text
from app.errors import Invalid
from app.extensions import db
from app.i18n import LANGUAGE_NAMES
from app.i18n import lazy_gettext as _l
from app.locking import lock_values
from app.models import Tag, TagAlias
from app.models.tag import DISPLAY_NAME_MAX, typed_form

MAX_ALIASES = 20
NEAREST = 3
CANDIDATES = 200  # terms of each kind compared with a refused word
DESCRIPTION_MAX = 1000


def typed_name(tag, language: str) -> str:
    """What to type for a tag in `language`: its name there in typed form (saved as an alias with the name, see
    `check_names`), or the address name when that name cannot be typed as one word."""
    typed = typed_form(tag.display_name(language))
    return typed if Tag.is_valid_name(typed) else tag.name


def resolve(terms: list[str]) -> dict[str, Tag]:
    """The tag each typed term names (address names first, then aliases), in two indexed lookups."""
    keys = {term: typed_form(term) for term in terms}
    wanted = sorted({key for key in keys.values() if Tag.is_valid_name(key)})
    if not wanted:
        return {}
    found = {tag.name: tag for tag in db.session.scalars(select(Tag).where(Tag.name.in_(wanted)))}
    rest = [key for key in wanted if key not in found]
    if rest:
        aliased = select(TagAlias.term, Tag).join(Tag, Tag.id == TagAlias.tag_id).where(TagAlias.term.in_(rest))
        found.update((term, tag) for term, tag in db.session.execute(aliased))
    return {term: found[key] for term, key in keys.items() if key in found}


def resolve_names(terms: list[str]) -> list[str]:
    """Address names for a search's tag filter: a term that names no tag stays as typed (and finds nothing)."""
    found = resolve(terms)
    return [found[term].name if term in found else term for term in terms]


def nearest(words: list[str], language: str) -> list[str]:
    """The known tags closest in spelling to refused words, as they are typed in `language`. Bounded: for each
    word (cut to a tag name's length), only the terms that start with its letter and are nearest its length
    (CANDIDATES of the names and as many of the aliases, an index range each) are compared with it letter by
    letter."""
    found: list[int] = []
    for word in (typed_form(w)[:35] for w in words):
        if word:
            terms = _candidates(word)
            found += [terms[close] for close in difflib.get_close_matches(word, list(terms), n=NEAREST, cutoff=0.6)]
    tags = {tag.id: tag for tag in db.session.scalars(select(Tag).where(Tag.id.in_(set(found))))} if found else {}
    return list(dict.fromkeys(typed_name(tags[tag_id], language) for tag_id in found))[:NEAREST]


def _candidates(word: str) -> dict[str, int]:
    """Terms (and their tags' ids) that may be a misspelling of `word`: the same first letter, a close length."""
    terms: dict[str, int] = {}
    for term, tag_id in ((Tag.name, Tag.id), (TagAlias.term, TagAlias.tag_id)):
        same_start = (term >= word[0]) & (term < chr(ord(word[0]) + 1))
        closest = select(term, tag_id).where(same_start).order_by(func.abs(func.length(term) - len(word)), term)
        terms.update(db.session.execute(closest.limit(CANDIDATES)).all())
    return terms


@dataclass(frozen=True)
class TagNames:
    """A tag's names and descriptions by language, and its aliases, as a moderator typed them."""
    names: dict[str, str]
    descriptions: dict[str, str]
    aliases: str


def aliases_of(tag: Tag) -> list[str]:
    return list(db.session.scalars(select(TagAlias.term).where(TagAlias.tag_id == tag.id).order_by(TagAlias.term)))


@dataclass(frozen=True)
class CheckedNames:
    names: dict[str, str]
    descriptions: dict[str, str]
    terms: tuple[str, ...]  # the aliases, with each name's typed form


def check_names(typed: TagNames, name: str, tag_id: int | None) -> CheckedNames:
    """The names, descriptions and aliases to save for the tag called `name` (None: one being created). Each
    name's typed form joins the aliases, so a name shown is a name that can be typed; a term that belongs to
    another tag is refused on the field that typed it."""
    errors: dict = {}
    names = {code: typed_text.single_line(typed.names.get(code, "")) for code in LANGUAGE_NAMES}
    for code, shown_name in names.items():
        if len(shown_name) > DISPLAY_NAME_MAX:
            errors[f"name_{code}"] = _l("Use at most %(n)s characters (you entered %(count)s).",
                                        n=DISPLAY_NAME_MAX, count=len(shown_name))
    wanted = {alias: "aliases" for alias in _typed_aliases(typed.aliases, errors)}
    for code, shown_name in names.items():
        if Tag.is_valid_name(typed_form(shown_name)):
            wanted.setdefault(typed_form(shown_name), f"name_{code}")
    wanted.pop(typed_form(name), None)
    _check_free(tag_id, wanted, errors)
    if errors:
        raise Invalid(errors=errors)
    descriptions = {code: typed_text.multi_line(typed.descriptions.get(code, ""))[:DESCRIPTION_MAX]
                    for code in LANGUAGE_NAMES}
    return CheckedNames(names, descriptions, tuple(sorted(wanted)))


def apply_names(tag: Tag, checked: CheckedNames) -> None:
    tag.name_en, tag.name_it = checked.names["en"], checked.names["it"]
    tag.description, tag.description_it = checked.descriptions["en"], checked.descriptions["it"]
    db.session.execute(delete(TagAlias).where(TagAlias.tag_id == tag.id))
    db.session.add_all(TagAlias(term=term, tag_id=tag.id) for term in checked.terms)
    db.session.flush()


def save_names(tag: Tag, typed: TagNames) -> None:
    """Check and set a tag's names, descriptions and aliases (the demo's tags; a moderator's go through
    admin.operations, which authorises and logs)."""
    apply_names(tag, check_names(typed, tag.name, tag.id))


def _typed_aliases(text: str, errors: dict) -> list[str]:
    aliases = list(dict.fromkeys(typed_form(word) for word in re.split(r"[\s,]+", text or "") if word.strip()))
    wrong = [alias for alias in aliases if not Tag.is_valid_name(alias)]
    if wrong:
        errors["aliases"] = _l("Use lower-case letters, digits and '-', at most 35 characters: %(aliases)s",
                               aliases=", ".join(wrong[:5]))
    elif len(aliases) > MAX_ALIASES:
        errors["aliases"] = _l("Use at most %(n)s aliases.", n=MAX_ALIASES)
    return [alias for alias in aliases if Tag.is_valid_name(alias)][:MAX_ALIASES]


def _check_free(tag_id: int | None, wanted: dict[str, str], errors: dict) -> None:
    """Each term names one tag: another tag's address name or alias is refused on the field that typed it."""
    if not wanted:
        return
    lock_values(*(f"tag:{term}" for term in sorted(wanted)))  # two tags claiming one word at once: one wins
    terms = list(wanted)
    taken = dict(db.session.execute(select(Tag.name, Tag.name).where(Tag.name.in_(terms), Tag.id != tag_id)).all())
    taken.update(db.session.execute(select(TagAlias.term, Tag.name).join(Tag, Tag.id == TagAlias.tag_id)
                                    .where(TagAlias.term.in_(terms), TagAlias.tag_id != tag_id)).all())
    for term, owner in sorted(taken.items()):
        errors.setdefault(wanted[term], _l("“%(term)s” already names the tag %(tag)s.", term=term, tag=owner))


def alias_owner(name: str) -> str | None:
    """The tag a new address name is already an alias of (a tag cannot take another tag's word)."""
    return db.session.scalar(select(Tag.name).join(TagAlias, TagAlias.tag_id == Tag.id)
                             .where(TagAlias.term == name))
