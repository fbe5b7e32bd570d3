import pytest

from app.questions.diffs import word_diff
from app.slugs import slugify
from app.urls import _is_local_path


@pytest.mark.parametrize("target", [
    "//evil.example", "/\\evil.example", "\\\\evil.example", "https:evil.example", "javascript:alert(1)",
    "%2F%2Fevil.example", " //evil.example", "https://evil.example", "/ok\n//x", "",
])
def test_unsafe_next_targets_are_refused(target):
    assert not _is_local_path(target)


@pytest.mark.parametrize("target", ["/questions/1/x?tab=votes", "/", "/users/2/anna#answers"])
def test_local_paths_are_followed(target):
    assert _is_local_path(target)


def test_slugify_folds_accents_and_punctuation():
    assert slugify("Perché il caffè è acido?") == "perche-il-caffe-e-acido"
    assert slugify("!!!") == "-"
    assert len(slugify("a" * 200)) == 80


def test_word_diff_marks_removed_and_added_words():
    diff = str(word_diff("the pump is loud", "the pump is <quiet>"))
    assert "<del>loud</del>" in diff
    assert "<ins>&lt;quiet&gt;</ins>" in diff
