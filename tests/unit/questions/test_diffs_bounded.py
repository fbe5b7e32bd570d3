"""Revision diffs stay readable and take bounded time whatever two texts of the allowed size they compare
(two 30,000-character revisions of the same words reversed once took 65 s of a worker, on a public page)."""

import html
import random
import re
import time

import pytest

from app.questions.diffs import Budget, word_diff

random.seed(7)
WORDS = ["".join(random.choice("abcdefghij") for _ in range(random.randint(1, 6))) for _ in range(6000)]
TEXT = " ".join(WORDS)[:30000]
PATHOLOGICAL = {
    "words reversed": (TEXT, " ".join(reversed(WORDS))[:30000]),
    "words shuffled": (TEXT, " ".join(random.sample(WORDS, len(WORDS)))[:30000]),
    "lines shuffled": ("\n".join(WORDS)[:30000], "\n".join(random.sample(WORDS, len(WORDS)))[:30000]),
    "one word repeated": ("a " * 15000, "a  " * 10000),
    "two words interleaved": ("a b " * 7500, "b a " * 7500),
    "one line repeated": ("a\n" * 15000, "a\nb\n" * 7500),
    "no spaces": ("x" * 30000, "y" * 30000),
    "repeats at the limit": ("p " + "x " * 30 + "q", "r " + "x  " * 30 + "s"),
}


def _without(diff: str, gone: str) -> str:
    kept = "ins" if gone == "del" else "del"
    return html.unescape(re.sub(rf"</?{kept}>", "", re.sub(rf"<{gone}>.*?</{gone}>", "", diff, flags=re.S)))


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_any_two_texts_are_compared_quickly_and_both_can_be_read_back(name):
    old, new = PATHOLOGICAL[name]
    started = time.perf_counter()
    diff = str(word_diff(old, new))
    assert time.perf_counter() - started < 0.5, name  # ~25 ms here at worst; a minute before
    assert _without(diff, "del") == new and _without(diff, "ins") == old


def test_a_pages_budget_is_shared_by_its_diffs():
    budget, started = Budget(), time.perf_counter()
    for _ in range(30):  # ten revisions: title, body and tags each
        word_diff(*PATHOLOGICAL["repeats at the limit"], budget)
    assert time.perf_counter() - started < 0.5 and budget.left < 5_000


def test_small_edits_in_long_texts_still_show_word_by_word():
    paragraphs = [" ".join(WORDS[i:i + 60]) for i in range(0, 3600, 60)]
    old = "\n\n".join(paragraphs)
    new = old.replace(paragraphs[3], paragraphs[3].replace(WORDS[190], "CHANGED", 1)).replace(
        paragraphs[50], paragraphs[50] + " and more")
    diff = str(word_diff(old, new))
    assert f"<del>{WORDS[190]}</del><ins>CHANGED</ins>" in diff and "<ins> and more</ins>" in diff
    assert diff.count("<del>") == 1 and diff.count("<ins>") == 2


def test_random_edits_read_back_exactly():
    vocabulary = ["a", "b", "the", "pump", "\n", "\n\n", "  ", "<q>", "&"]
    for _ in range(500):
        old = "".join(random.choice(vocabulary) + random.choice([" ", "\n", ""]) for _ in range(40))
        new = list(old)
        for _ in range(random.randint(0, 5)):
            at = random.randint(0, len(new))
            new[at:at + random.randint(0, 5)] = random.choice(vocabulary)
        new = "".join(new)
        diff = str(word_diff(old, new, Budget(random.choice([0, 100, 50_000]))))
        assert _without(diff, "del") == new and _without(diff, "ins") == old
