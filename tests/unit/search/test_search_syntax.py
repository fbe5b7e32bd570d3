"""The search box's operators parse as a customer means them; nothing is ever an error."""

from app.search.syntax import parse


def test_words_phrases_and_exclusions():
    query = parse('espresso "water tank" -leak -"old model" crema')
    assert query.words == ["espresso", "crema"]
    assert query.phrases == ["water tank"]
    assert query.excluded == ["leak", "old model"]


def test_tags_users_and_flags():
    query = parse("tag:Grinder [descaling] user:Giulia is:answered is:UNANSWERED is:solved is:official is:faq")
    assert query.tags == ["grinder", "descaling"]
    assert query.users == ["giulia"]
    assert query.flags == ["answered", "unanswered", "solved", "official", "faq"]
    assert not query.has_text and not query.is_empty


def test_unknown_operators_are_words():
    query = parse("error:E04 is:broken lang:it")
    assert query.words == ["error:E04", "is:broken", "lang:it"]
    assert query.flags == []


def test_unclosed_quote_and_lone_dash():
    query = parse('"no closing quote - here')
    assert query.phrases == ["no closing quote - here"]
    assert parse("a - b").words == ["a", "b"]


def test_empty():
    assert parse("   ").is_empty
    assert parse('""').is_empty
