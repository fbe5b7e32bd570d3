"""Detecting English or Italian for posts stored without a language."""

import pytest

from app.search.language import detect


@pytest.mark.parametrize("text", [
    "La macchina non fa il caffè e la spia rossa lampeggia",
    "Perché il latte non si monta?",
    "Dov'è il filtro dell'acqua?",
    "Ho comprato la Aurora One ma non trovo le istruzioni",
])
def test_italian(text):
    assert detect(text) == "it"


@pytest.mark.parametrize("text", [
    "The machine does not brew and the red light is blinking",
    "Why is my milk not foaming?",
    "Where is the water filter of the machine?",
    "I bought the Aurora One but I cannot find the manual",
])
def test_english(text):
    assert detect(text) == "en"


def test_no_signal_gets_the_fallback():
    assert detect("Aurora One E04", fallback="it") == "it"
    assert detect("", fallback="en") == "en"
