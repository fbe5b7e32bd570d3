"""The forms harness (registry.py): every case runs; a form a page renders without a case fails."""

import pytest

from tests.integration.forms.registry import all_cases

CASES = all_cases()


@pytest.mark.parametrize("form_case", CASES, ids=[c.name for c in CASES])
def test_form(world, browsers, form_case):
    form_case.run(world, browsers)
    pressed = {button for b in browsers.opened.values() for key, button in b.pressed if key in form_case.keys}
    missing = sorted(form_case.buttons - pressed)
    assert not missing, f"{form_case.name} declares buttons it never pressed: {missing}"
