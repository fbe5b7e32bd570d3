"""The search box's little language: words, "exact phrases", -exclusions, tag:name or [name],
user:name and is:answered / is:unanswered / is:solved / is:official / is:faq. Anything else is text."""

import re
from dataclasses import dataclass, field

FLAGS = ("answered", "unanswered", "solved", "official", "faq")
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_BRACKET_TAG = re.compile(r"\[([^\[\]\s]+)\]")


@dataclass
class ParsedQuery:
    words: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)  # words or phrases that must not appear
    tags: list[str] = field(default_factory=list)
    users: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    @property
    def has_text(self) -> bool:
        return bool(self.words or self.phrases)

    @property
    def is_empty(self) -> bool:
        return not (self.has_text or self.tags or self.users or self.flags)

    def text(self) -> str:
        """The positive free text, for suggestions and spelling."""
        return " ".join([*self.words, *self.phrases])


def parse(text: str) -> ParsedQuery:
    query = ParsedQuery()
    text = _BRACKET_TAG.sub(lambda m: f" tag:{m.group(1)} ", text)
    for match in _TOKEN.finditer(text):
        negated, phrase, token = match.groups()
        if phrase is not None:
            if phrase.strip():
                (query.excluded if negated else query.phrases).append(phrase.strip())
        else:
            _add_token(query, token)
    return query


def _add_token(query: ParsedQuery, token: str) -> None:
    key, _, value = token.partition(":")
    key = key.lower()
    if value and key == "tag":
        query.tags.append(value.lower())
    elif value and key == "user":
        query.users.append(value.lower())
    elif value and key == "is" and value.lower() in FLAGS:
        query.flags.append(value.lower())
    elif token.startswith("-") and len(token) > 1:
        query.excluded.append(token[1:])
    elif token != "-":
        query.words.append(token)  # unknown operators too: "error:e04" is just text
