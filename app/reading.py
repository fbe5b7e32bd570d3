"""Which languages a reader reads the lists, search and the FAQ in: `?language=` (all, it, en), or by default the
reader's own language first and then the other, so an English answer still reaches an Italian reader who has
nothing better.

The reader's language is the interface's (their setting, the language cookie, Accept-Language); a visitor who
gives none reads in the site's default language (BABEL_DEFAULT_LOCALE) first.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from flask import request, url_for
from markupsafe import Markup

from app.content_language import LANGUAGES
from app.i18n import current_language, gettext

PARAMETER = "language"
ALL = "all"
CHOICES = (ALL, *LANGUAGES)


@dataclass(frozen=True)
class Reading:
    """`chosen` is the filter asked for (None: the reader's language first); `reader` the reader's language."""
    chosen: str | None
    reader: str

    @property
    def only(self) -> str | None:
        """The one language shown, when the reader asked for one."""
        return self.chosen if self.chosen in LANGUAGES else None

    @property
    def first(self) -> str | None:
        """The language shown first, when the reader asked for no filter."""
        return self.reader if self.chosen is None else None

    def segments(self) -> tuple[str | None, ...]:
        """The languages a list shows, in order: each a run of the list in its own order ('all' is one run, and
        a post whose language is not known comes last in the reader's-language-first order)."""
        if self.only:
            return (self.only,)
        if self.first:
            return (self.first, *(language for language in LANGUAGES if language != self.first), None)
        return (ALL,)

    def is_other(self, language: str | None) -> bool:
        """Whether a post in `language` is labelled as in the other language ("in English")."""
        return language is not None and language != self.reader


def reading() -> Reading:
    """This request's reading; an unknown `?language=` reads as none given (like an unknown tab)."""
    chosen = request.args.get(PARAMETER, "").strip().lower()
    reader = current_language()
    return Reading(chosen if chosen in CHOICES else None, reader if reader in LANGUAGES else LANGUAGES[0])


# Each language's label named in that language, so a reader who does not read the interface's language still
# recognises their own (like the language switcher's names).
LABELS = {"en": "in English", "it": "in italiano"}


def other_language_label(language: str | None) -> Markup:
    """The small label on a post in a language other than the reader's (the template global `other_language`),
    after a space: nothing at all for a post in the reader's language."""
    if language not in LABELS or language == current_language():
        return Markup("")
    return Markup(' <span class="post-language" lang="%s">%s</span>') % (language, LABELS[language])


def filter_links(current: Reading) -> list[tuple[str, str, bool]]:
    """The language filter's choices as (label, address, chosen): this page with its other query arguments kept
    (tab, sort, query), from its first page."""
    kept = [(key, value) for key, value in request.args.items(multi=True) if key not in (PARAMETER, "page")]
    base = url_for(request.endpoint or "", **(request.view_args or {}))
    first = gettext("Italian first") if current.reader == "it" else gettext("English first")
    names = {None: first, ALL: gettext("All languages"), "it": gettext("Only Italian"), "en": gettext("Only English")}
    links = []
    for choice in (None, ALL, *LANGUAGES):
        args = kept + [(PARAMETER, choice)] if choice else kept
        links.append((names[choice], f"{base}?{urlencode(args)}" if args else base, choice == current.chosen))
    return links
