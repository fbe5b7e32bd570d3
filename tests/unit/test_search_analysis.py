"""Folding and stemming: inflections and accents in either language meet on one term."""

from app.text_analysis import fold, terms


def test_fold_removes_accents_and_case():
    assert fold("PERCHÉ Città Caffè") == "perche citta caffe"


def test_italian_inflections_share_a_stem():
    assert terms("macchina", "it") == terms("macchine", "it")
    assert terms("decalcificazione", "it") == terms("decalcifica", "it")
    assert terms("caffè", "it") == terms("CAFFE", "it")


def test_english_inflections_share_a_stem():
    assert terms("descaling", "en") == terms("descaled", "en") == terms("descale", "en")
    assert terms("grinders", "en") == terms("grinder", "en")


def test_stop_words_per_language():
    assert terms("il caffè della macchina", "it") == terms("caffè macchina", "it")
    assert terms("the machine of the year", "en") == terms("machine year", "en")
    assert terms("perche", "it") == []  # "perché" without its accent is still a stop word
