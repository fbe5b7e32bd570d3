"""The forms harness's cases: one per form the app renders, keyed by the form's endpoint and method.

A case is a function of the world's ids (`w`) and `browser(who)` (a logged-in browser per person). It opens
the page where a person finds the form, changes only what a person would type or choose (the rendered
values of every other field, the CSRF token among them, go as they are), presses a button, and checks what
that person (or the next one concerned) sees afterwards: the change saved and shown, not only a status.

Register a case with `@case("endpoint METHOD", ...)` in the cases_*.py module of its area. A form whose view
takes several forms keyed by a hidden `which` field has one key per form ("accounts.settings POST
which=password"). A form with named submit buttons lists the "name=value" of each button in `buttons=`,
and the case presses every one of them.
"""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass

import tests.integration.forms as package


@dataclass(frozen=True)
class Case:
    name: str
    keys: tuple[str, ...]
    run: Callable
    buttons: frozenset[str]


_CASES: list[Case] = []


def case(*keys: str, buttons: tuple[str, ...] = ()):
    def register(function):
        _CASES.append(Case(function.__name__, keys, function, frozenset(buttons)))
        return function

    return register


def all_cases() -> list[Case]:
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("cases_"):
            importlib.import_module(f"{package.__name__}.{info.name}")
    return sorted(_CASES, key=lambda c: c.name)


def cases_by_key() -> dict[str, Case]:
    return {key: c for c in all_cases() for key in c.keys}


def refused(page, key: str, status: int = 400, args: dict | None = None, **kept: str):
    """The form came back refused: the status, an error a person can read, and what they typed still there.
    Returns the form, to be corrected and sent again."""
    assert page.status == status, f"{key}: expected {status}, got {page.status} at {page.url}"
    assert page.errors, f"{key}: refused without a message on {page.url}"
    form = page.form(key, **(args or {}))
    for name, value in kept.items():
        assert form[name] == value, f"{key}: {name!r} came back as {form[name]!r}, not as typed ({value!r})"
    return form
