"""The benchmark text generator lives in the app (`flask bench seed` uses it); re-exported here for the
scripts in this folder."""

from app.bench.vocabulary import LANGUAGES, query_words, sentence, title, words

__all__ = ["LANGUAGES", "query_words", "sentence", "title", "words"]
