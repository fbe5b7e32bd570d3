"""Badge rules are registered under the catalogue's badges: every badge has exactly one rule, every rule decides a
badge, and a slug the catalogue does not know (or a second rule for one badge) is refused when the rules load."""

import inspect

import pytest

from app.badges import rules
from app.badges.catalog import BADGES, BY_SLUG


def _rule_functions() -> dict[str, object]:
    """The functions of app/badges/rules.py shaped like a rule: (badge, user_ids)."""
    return {name: function for name, function in inspect.getmembers(rules, inspect.isfunction)
            if function.__module__ == rules.__name__ and not name.startswith("_")
            and list(inspect.signature(function).parameters) == ["badge", "user_ids"]}


def test_every_catalogue_badge_has_exactly_one_rule():
    assert len(BY_SLUG) == len(BADGES)  # slugs are unique, so one registry entry is one badge
    assert sorted(rules.RULES) == sorted(BY_SLUG)
    for badge in BADGES:
        assert rules.for_badge(badge) is rules.RULES[badge.slug]


def test_every_rule_decides_a_badge():
    functions = _rule_functions()
    assert len(functions) >= 10  # the shape above finds the rules
    unregistered = set(functions) - {function.__name__ for function in rules.RULES.values()}
    assert not unregistered, f"rules no badge uses: {sorted(unregistered)}"
    assert set(rules.RULES.values()) <= set(functions.values())


def test_a_slug_outside_the_catalogue_is_refused():
    with pytest.raises(LookupError, match="no badge 'bounty-hunter'"):
        rules.rule("bounty-hunter")(lambda badge, user_ids: [])
    assert "bounty-hunter" not in rules.RULES


def test_a_second_rule_for_a_badge_is_refused():
    before = dict(rules.RULES)
    with pytest.raises(ValueError, match="'helper' is decided by accepted_answers already"):
        rules.rule("helper")(lambda badge, user_ids: [])
    assert before == rules.RULES


def test_a_rule_names_its_badges():
    with pytest.raises(TypeError):
        rules.rule()
