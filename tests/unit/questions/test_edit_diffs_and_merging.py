"""Word diffs (revisions, edit conflicts) and the merge of two edits: right for any text, and bounded work for
any text of the allowed length (30,000 characters)."""

import itertools
import random
import re
import string
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.questions.diffs import word_diff
from app.questions.merging import merge, merge_lines

BODY_MAX = 30_000
TEXT = st.text(alphabet=st.sampled_from("ab \n.é<&"), max_size=200)


def sides(diff: str) -> tuple[str, str]:
    """The old and the new text back from a diff's HTML."""
    old = re.sub(r"<ins>.*?</ins>", "", diff, flags=re.S)
    new = re.sub(r"<del>.*?</del>", "", diff, flags=re.S)
    unescape = lambda s: re.sub(r"</?(ins|del)>", "", s).replace("&lt;", "<").replace("&gt;", ">") \
        .replace("&#34;", '"').replace("&#39;", "'").replace("&amp;", "&")  # noqa: E731
    return unescape(old), unescape(new)


@given(TEXT, TEXT)
@settings(max_examples=300, deadline=None)
def test_a_word_diff_holds_both_texts(old, new):
    assert sides(str(word_diff(old, new))) == (old, new)


def _words(rng, n, vocabulary, separator=" "):
    return separator.join(rng.choice(vocabulary) for _ in range(n))[:BODY_MAX]


def pathological_pairs():
    """Texts that made difflib's matcher quadratic or worse: few distinct words, many short lines."""
    rng = random.Random(7)
    pairs = {}
    two_letters = ["".join(p) for p in itertools.product(string.ascii_lowercase, repeat=2)]
    pairs["two-letter words"] = (_words(rng, 10_000, two_letters), _words(rng, 10_000, two_letters))
    pairs["x and y"] = (_words(rng, 15_000, "xy"), _words(rng, 15_000, "xy"))
    pairs["x and y lines"] = (_words(rng, 15_000, "xy", "\n"), _words(rng, 15_000, "xy", "\n"))
    pairs["numbers reversed"] = (" ".join(map(str, range(6000)))[:BODY_MAX],
                                 " ".join(map(str, range(6000, 0, -1)))[:BODY_MAX])
    blocks = [_words(rng, 450, "xy") + "\nSEP\n" for _ in range(30)]
    pairs["many changed blocks"] = ("".join(blocks)[:BODY_MAX], "".join(reversed(blocks))[:BODY_MAX])
    text = _words(rng, 10_000, two_letters)
    pairs["one word changed in the middle"] = (text, text[:15_000] + " changed " + text[15_000:])
    return pairs


@pytest.mark.parametrize("name", sorted(pathological_pairs()))
def test_word_diff_and_merge_are_bounded(name):
    old, new = pathological_pairs()[name]
    started = time.process_time()
    diff = word_diff(old, new)
    merged = merge_lines(old, new, old[::-1])
    elapsed = time.process_time() - started
    assert sides(str(diff)) == (old, new)
    assert merged is None or isinstance(merged, str)
    assert elapsed < 0.25, f"{name}: {elapsed * 1000:.0f} ms of CPU"


def test_merge_takes_each_side_where_only_it_changed():
    base = {"title": "Error E04", "body": "one\ntwo\nthree\n", "tags": "aurora-one"}
    theirs = {**base, "body": "ONE\ntwo\nthree\n"}
    mine = {**base, "title": "Error E04 after descaling", "body": "one\ntwo\nTHREE\n"}
    assert merge(base, theirs, mine) == {"title": "Error E04 after descaling", "body": "ONE\ntwo\nTHREE\n",
                                         "tags": "aurora-one"}


@pytest.mark.parametrize(("theirs", "mine"), [
    ("one\nTWO\nthree\n", "one\n2\nthree\n"),  # the same line, differently
    ("one\nnew\ntwo\nthree\n", "one\nother\ntwo\nthree\n"),  # insertions at the same place
    ("one\ntwo\n3\n", "one\ntwo\n"),  # a change and a removal of the same line
])
def test_overlapping_changes_are_a_conflict(theirs, mine):
    assert merge_lines("one\ntwo\nthree\n", theirs, mine) is None
    assert merge({"tags": "a"}, {"tags": "a b"}, {"tags": "a c"}) is None


def test_the_same_change_on_both_sides_is_made_once():
    assert merge_lines("one\ntwo\n", "one\n2\n", "one\n2\n") == "one\n2\n"
