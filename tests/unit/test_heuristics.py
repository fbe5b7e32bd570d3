import pytest

from app.heuristics import (
    EMAIL_LABEL,
    NUMBER_LABEL,
    PHONE_LABEL,
    Finding,
    asker_still_unsolved,
    find_personal_data,
    redact,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("It still doesn't work", True),
    ("Still not working after descaling", True),
    ("I tried, it does not work", True),
    ("The problem is still there", True),
    ("Same problem here", True),
    ("Didn't help, sorry", True),
    ("That didn't fix it", True),
    ("It's not fixed", True),  # a negated "solved"
    ("I thought it was fixed, but it still leaks", True),  # the last statement wins
    ("Non funziona ancora", True),
    ("Ancora non funziona", True),
    ("Il problema c'è ancora", True),
    ("Stesso problema", True),
    ("Non ha risolto", True),
    ("Non è ancora risolto", True),
    ("Now it works, thanks!", False),
    ("It didn't work at first, but now it works", False),
    ("Grazie, ora funziona", False),
    ("Risolto, grazie mille!", False),
    ("Non è lo stesso problema di prima", False),  # a negated "unsolved" says nothing
    ("Thanks for the quick answer!", False),
    ("I'm still not sure which grind to use", False),
])
def test_asker_still_unsolved(text, expected):
    assert asker_still_unsolved(text) is expected


@pytest.mark.parametrize(("text", "kind", "found"), [
    ("write me at mario.rossi@example.com", "email", "mario.rossi@example.com"),
    ("mail: Anna_B+caffe@posta.example.it.", "email", "Anna_B+caffe@posta.example.it"),
    ("call me on +39 347 123 4567", "phone", "+39 347 123 4567"),
    ("cell 347-123-4567", "phone", "347-123-4567"),
    ("cell 347.123.4567 after six", "phone", "347.123.4567"),
    ("cell 3471234567", "phone", "3471234567"),
    ("US office (555) 123-4567", "phone", "(555) 123-4567"),
    ("US line 555-123-4567", "phone", "555-123-4567"),
    ("ufficio 02 1234 5678", "phone", "02 1234 5678"),
    ("0039 347 1234567", "phone", "0039 347 1234567"),
    ("Ordine n. 40012345678", "long_number", "40012345678"),
    ("Serial AUR1234567890", "long_number", "AUR1234567890"),
    ("SN: 4829103847", "long_number", "4829103847"),
    ("order ORD-2024-000123 arrived", "long_number", "ORD-2024-000123"),
])
def test_personal_data_is_found(text, kind, found):
    start = text.index(found)
    assert find_personal_data(text) == [Finding(kind, found, start, start + len(found))]


@pytest.mark.parametrize("text", [
    "Bought on 2024-05-12, delivered 12/05/2024",
    "Consegnata il 03/05/2024",  # a date shaped like a landline number
    "il 03.05.24 09.30",  # mixed separators: a date and a time
    "interno 02 12345",  # seven digits: too short for a phone
    "after updating to firmware 2.3.1 it shows E04",
    "brew at 93 °C, 18 g in 25 s, 40 ml",
    "I paid € 349,00 (was 1.299,00)",
    "at 10:30 and again at 14.45",
    "router 192.168.1.100",
    "see https://example.com/item/12345678901 and www.example.com/p/3471234567",
    "[manual](https://example.com/manual-12345678901.pdf)",
    "model ABCDEFGHIJK12",  # long, but fewer than six digits
    "12 34 56 78 90",  # figures, not a phone shape
])
def test_personal_data_misses(text):
    assert find_personal_data(text) == []


def test_findings_are_sorted_and_do_not_overlap():
    text = "Order 40012345678, mail 3471234567@example.com, phone +39 347 123 4567"
    assert [(f.kind, f.text) for f in find_personal_data(text)] == [
        ("long_number", "40012345678"), ("email", "3471234567@example.com"), ("phone", "+39 347 123 4567"),
    ]


def test_redact_replaces_each_finding_with_its_label():
    text = "Scrivimi a mario@example.com o chiama il 347 123 4567, ordine 40012345678. Grazie!"
    assert redact(text) == (f"Scrivimi a {EMAIL_LABEL} o chiama il {PHONE_LABEL}, ordine {NUMBER_LABEL}. Grazie!")


def test_labels_are_plain_english_constants():
    assert redact("a@example.com 3471234567 AUR1234567890") == "[email removed] [phone removed] [number removed]"


def test_redact_uses_the_given_findings_only():
    text = "mario@example.com 3471234567"
    emails = [f for f in find_personal_data(text) if f.kind == "email"]
    assert redact(text, emails) == f"{EMAIL_LABEL} 3471234567"
    assert redact(text, []) == text
    assert redact("nothing here") == "nothing here"
