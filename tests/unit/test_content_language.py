"""Reading a post's language from its text: function words first, then word endings for short titles
without any, and the fallback (the author's interface language) when neither tells."""

import pytest

from app.content_language import MAX_CHARACTERS, choose, detect


@pytest.mark.parametrize("text", [
    "La macchina non fa il caffè e la spia rossa lampeggia",
    "Perché il latte non si monta?",
    "Dov'è il filtro dell'acqua?",
    "Ho comprato la Aurora One ma non trovo le istruzioni",
    "Lavatrice rumorosa durante centrifuga",  # no function word: the word endings tell
    "Macina bloccata dopo la pulizia",
])
def test_italian(text):
    assert detect(text, fallback="en") == "it"


@pytest.mark.parametrize("text", [
    "The machine does not brew and the red light is blinking",
    "Why is my milk not foaming?",
    "Where is the water filter of the machine?",
    "I bought the Aurora One but I cannot find the manual",
    "Stake pool leader logs",  # no function word: the word endings tell
    "Grinder burrs squeaking loudly",
])
def test_english(text):
    assert detect(text, fallback="it") == "en"


def test_codes_and_hashes_are_not_read_as_words():
    """Hex digests split into letters ("a", "c", "d" …) once made English posts look Italian."""
    log = "Command failed: transaction a85818c27926f34d627225 hash 9e7fc6a51bade2543617b5b77e102ed694d8 " * 20
    assert detect(f"{log} I am trying to get a testnet node running, but it fails after syncing.",
                  fallback="it") == "en"


def test_no_signal_gets_the_fallback():
    assert detect("Aurora One E04", fallback="it") == "it"
    assert detect("Aurora One E04", fallback="en") == "en"
    assert detect("", fallback="en") == "en"
    assert detect("E04", fallback="it") == "it"


def test_bounded_work_on_long_texts():
    """Only the beginning is read: a 30,000-character post costs what 4,000 characters do."""
    italian = "La macchina non scalda il latte e la spia lampeggia. " * 600
    assert len(italian) > 7 * MAX_CHARACTERS
    assert detect(italian + "the of and " * 5000, fallback="en") == "it"


def test_the_authors_choice_wins_and_unknown_choices_are_read_from_the_text():
    assert choose("en", "La macchina non fa il caffè", "it") == "en"
    assert choose(None, "La macchina non fa il caffè", "en") == "it"
    assert choose("fr", "The machine does not brew", "it") == "en"
    assert choose(None, "E04", "xx") == "en"
