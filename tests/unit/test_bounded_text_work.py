"""Work on user text that grew faster than the text, now bounded: word diffs between revisions (a public
page), and the personal-data scan run on every post. Each keeps its results; times are CPU time, with a
generous bound (both took seconds or grew quadratically before)."""

import difflib
import random
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.moderation import heuristics
from app.questions.diffs import opcodes, word_diff

BOUND_MS = 500


def cpu_ms(call, *args) -> float:
    start = time.process_time()
    call(*args)
    return (time.process_time() - start) * 1000


def apply(ops, a, b):
    """b rebuilt from a and the opcodes: equal blocks taken from a, the rest from b."""
    rebuilt, position = [], (0, 0)
    for tag, a1, a2, b1, b2 in ops:
        assert (a1, b1) == position
        rebuilt += a[a1:a2] if tag == "equal" else b[b1:b2]
        if tag == "equal":
            assert a[a1:a2] == b[b1:b2]
        position = (a2, b2)
    assert position == (len(a), len(b))
    return rebuilt


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from("abcde "), max_size=40), st.lists(st.sampled_from("abcde "), max_size=40))
def test_a_diff_rebuilds_the_new_text_and_alternates_matches_and_changes(a, b):
    ops = opcodes(a, b)
    assert apply(ops, a, b) == b
    assert all((x[0] == "equal") != (y[0] == "equal") for x, y in zip(ops, ops[1:]))


def test_a_local_edit_is_shown_word_by_word():
    assert str(word_diff("The machine shows error E04 after descaling",
                         "The machine shows error E05 after descaling")) == \
        "The machine shows error <del>E04</del><ins>E05</ins> after descaling"
    assert str(word_diff("the pump is loud", "the pump is <quiet>")) == "the pump is <del>loud</del><ins>&lt;quiet&gt;</ins>"
    body = " ".join(f"word{i}" for i in range(5000))
    edited = body.replace("word2500", "changed", 1)
    assert str(word_diff(body, edited)).count("<del>") == 1 and "<del>word2500</del><ins>changed</ins>" in str(
        word_diff(body, edited))


def test_moved_and_rewritten_text_keeps_what_it_can():
    old, new = "a b c d e f", "a c b d f e"
    matched = sum(a2 - a1 for tag, a1, a2, *_ in opcodes(old.split(), new.split()) if tag == "equal")
    best = sum(block.size for block in difflib.SequenceMatcher(a=old.split(), b=new.split()).get_matching_blocks())
    assert matched == best == 4


@pytest.mark.parametrize("old, new", [
    ("a " * 15000, "b " * 15000),  # SequenceMatcher: cubic in the repeated words (1,000 characters took 3 s)
    ("a " * 15000, "x " + "a " * 14999),
    (" ".join(random.Random(1).choice("abcd") for _ in range(15000)),
     " ".join(random.Random(2).choice("abcd") for _ in range(15000))),
    (" ".join(str(i) for i in range(6000)), " ".join(str(i) for i in reversed(range(6000)))),
    (" ".join(f"{i} x" for i in range(5000)), " ".join(f"x {i}" for i in range(5000))),
    (("lorem ipsum dolor sit amet " * 1100)[:30000], ("lorem ipsum dolor sit amet " * 1100)[:29000] + " changed"),
])
def test_diffs_of_the_longest_bodies_take_bounded_time(old, new):
    assert cpu_ms(word_diff, old, new) < BOUND_MS


@pytest.mark.parametrize("text", [
    "1234567890 " * 2700,  # every word a long number: each was checked against every one found before
    "x@y.com ORD-1234567890 " * 1300, "+39 333 1234567 " * 1800, "http://a.example/1234567890 " * 1000,
])
def test_the_personal_data_scan_of_the_longest_bodies_takes_bounded_time(text):
    assert cpu_ms(heuristics.find_personal_data, text[:30000]) < BOUND_MS / 5


def test_findings_never_overlap_and_earlier_kinds_win():
    text = "write to a.b@mail.example or call +39 333 1234567, order ORD-2024-0001234 https://x.example/1234567890"
    found = heuristics.find_personal_data(text)
    assert [f.kind for f in found] == ["email", "phone", "long_number"]
    assert all(x.end <= y.start for x, y in zip(found, found[1:]))
