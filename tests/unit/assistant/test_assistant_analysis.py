"""The assistant's text analysis, term weights and figures, without a database."""

from app.assistant import analysis
from app.assistant.evaluation import Tally, _quantiles, _rank
from app.assistant.index import IMPACT_SCALE, impact


def test_a_question_is_analysed_in_its_own_language():
    italian = analysis.query("La lancia vapore della macchina gocciola", "Perché perde acqua quando è spenta?")
    assert italian.language == "it"
    assert "lanc" in italian.weights and "gocciol" in italian.weights
    english = analysis.query("The steam wand keeps dripping", "Why does it leak when it is switched off?")
    assert english.language == "en" and "drip" in english.weights and "the" not in english.weights


def test_too_short_to_tell_takes_the_readers_language():
    assert analysis.query("Duo", fallback_language="it").language == "it"
    assert analysis.query("Duo", fallback_language="en").language == "en"


def test_title_words_outweigh_body_words_and_repetition_grows_slowly():
    weights = analysis.query("Descaling", "descaling descaling descaling grinder").weights
    assert weights["grinder"] == 1.0
    assert weights["descal"] > analysis.TITLE_WEIGHT + 2  # the title's 3, plus 1 + ln 3 for the body's three
    assert weights["descal"] < analysis.TITLE_WEIGHT + 3


def test_a_long_question_is_analysed_only_up_to_the_bound():
    body = "filler " * (analysis.QUERY_CHARS // 7) + "unreachable"
    assert "unreach" not in analysis.query("Title words", body).weights


def test_a_passage_holds_both_languages_analyses_prefixed_by_kind():
    terms = analysis.passage_terms("answer", [("Le lavatrici non centrifugano", 1.0)])
    assert {"ait:lavatric", "ait:centrifug"} <= set(terms)
    assert any(term.startswith("aen:") for term in terms)
    assert analysis.passage_length(terms) == sum(terms.values()) / 2
    assert set(analysis.query("lavatrice centrifuga", fallback_language="it").for_kind("answer")) <= set(terms)


def test_impact_saturates_with_frequency_and_falls_with_length():
    assert impact(1, 10, 10) < impact(2, 10, 10) < impact(20, 10, 10) < (1.2 + 1) * IMPACT_SCALE
    assert impact(1, 100, 10) < impact(1, 10, 10) < impact(1, 2, 10)
    assert impact(0.001, 10_000, 10) == 1  # a stored term always counts a little


def test_figures():
    tally = Tally()
    for rank in (1, 2, None, 4):
        tally.add(rank, abstained=rank is None)
    assert tally.figures() == {"asked": 4, "hit@1": 0.25, "hit@3": 0.5, "hit@5": 0.75, "mrr": 0.438,
                               "abstained": 0.25}
    assert _rank([7, 8, 9], {9, 10}) == 3 and _rank([7], {1}) is None
    assert _quantiles([]) == {"count": 0}
    assert _quantiles([0.1 * n for n in range(10)])["p50"] == 0.5
