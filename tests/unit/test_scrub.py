"""Copies of redacted text lose the strings found, also where the copy was cut short (app/heuristics.py)."""

from app.heuristics import scrub

PHONE, EMAIL = "+39 347 918 2736", "giulia.quercioli@example.org"
LABELS = {PHONE: "[phone removed]", EMAIL: "[email removed]"}


def test_every_occurrence_goes():
    assert scrub(f"Call {PHONE} or {PHONE}, or write to {EMAIL}.", LABELS) == \
        "Call [phone removed] or [phone removed], or write to [email removed]."


def test_a_copy_cut_inside_a_string_loses_its_beginning():
    assert scrub("They told me to call +39 347 9", LABELS) == "They told me to call [phone removed]"
    # An excerpt: cut, trailing space dropped, an ellipsis added; the text goes on after it.
    assert scrub("… call +39 347…</blockquote><p>Open it", LABELS) == "… call [phone removed]…</blockquote><p>Open it"
    assert scrub("write to giulia.quer…", LABELS) == "write to [email removed]…"


def test_short_beginnings_and_whole_copies_keep_their_words():
    assert scrub("Model AU…", {"AURORA-1234567890": "[number removed]"}) == "Model AU…"
    assert scrub("They told me to call +39 347 9", LABELS, shortest_cut=None) == "They told me to call +39 347 9"


def test_a_longer_string_goes_whole_before_one_inside_it():
    labels = {"347 918 2736": "[phone removed]", PHONE: "[phone removed]"}
    assert scrub(f"Call {PHONE}", labels) == "Call [phone removed]"
