"""Does a customer sound unhappy with the product, the brand or its service? A logistic regression over the words
of the text, trained on the labelled set in tests/data/unhappy/ (app/moderation/unhappy_training.py) and shipped
as its weights in unhappy_model.json: every verdict can name the words that pushed it, with their weights.

Why a trained model and not a word list: hand-written cue lists reached their targets on the texts they were
written against and fell to 0.35-0.55 recall on texts written later, while this model, with its settings chosen
by cross-validation on the tuning part, holds precision ≥ 0.85 at recall ≥ 0.8 on a held-out part it never saw
(figures and the rounds that led here: docs/decisions.md, `python bench/unhappy_accuracy.py`).

What the model reads (features): words folded as app/phrases.py folds them ("perché" = "perche"),
pairs of neighbouring words in a clause ("no answer", "mai più"), a word in the scope of a negation as its own
feature ("not:disappointed" is not "disappointed"), and punctuation that carries tone ("??", "!!", a text that
ends by asking). Only the first SCAN_CHARACTERS are read, so the work is bounded for any text.
"""

import json
import math
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from app import phrases

MODEL_PATH = Path(__file__).with_name("unhappy_model.json")
SCAN_CHARACTERS = 5000
NEGATION_SCOPE = 3  # words (of two letters or more) after a negator that it negates, within the clause
SHOWN_WORDS = 5  # the strongest reasons named with a verdict


@dataclass(frozen=True)
class Feature:
    name: str
    start: int  # where the words it stands for begin and end in the text
    end: int


def features(text: str) -> list[Feature]:
    """What the model reads in a text, each with the place it came from (first occurrence only)."""
    text = unicodedata.normalize("NFC", text[:SCAN_CHARACTERS])
    found: dict[str, Feature] = {}

    def add(name: str, start: int, end: int) -> None:
        if name not in found:
            found[name] = Feature(name, start, end)

    previous, scope, ending = None, 0, ""
    for token in phrases.tokens(text):
        if token.word is None:
            previous, scope = None, 0
            ending = (ending + token.text)[-2:] if token.text in "?!" else ""
            if token.text in "?!":
                add("mark:" + token.text, token.start, token.end)
            if len(ending) == 2:
                add("mark:double", token.start - 1, token.end)
            continue
        ending = ""
        if phrases.is_negator(token):
            add("w:" + token.word, token.start, token.end)
            previous, scope = token, NEGATION_SCOPE
            continue
        add("w:" + ("not:" if scope else "") + token.word, token.start, token.end)
        if scope and len(token.word) > 1:
            scope -= 1
        if previous is not None:
            add(f"b:{previous.word}_{token.word}", previous.start, token.end)
        previous = token
    if text.rstrip().endswith("?"):
        end = len(text.rstrip())
        add("mark:ends?", end - 1, end)
    return list(found.values())


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]
    bias: float
    threshold: float


@cache
def model() -> Model:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    return Model(data["weights"], data["bias"], data["threshold"])


def probability(score: float) -> float:
    return 1 / (1 + math.exp(-max(min(score, 30.0), -30.0)))


@dataclass(frozen=True)
class Verdict:
    unhappy: bool
    probability: float
    words: tuple[str, ...]  # the words that pushed most towards unhappy, as written, in text order


# Not shown as a reason: the model weighs them ("this is", "questo") but a moderator learns nothing from them.
FUNCTION_WORDS = frozenset(phrases.fold(w) for w in (
    "a an the this that these those it its is are was were be been am do does did have has had i i'm me my we "
    "our you your he she they them their to of in on at for with from by as and or so if then than there here "
    "what which who when just about after before again also all any some one two very really still "
    "il lo la i gli le un uno una di da del della dei delle al alla nel nella con su per tra fra che chi e è ed "
    "o ma se io tu noi voi lui lei loro mi ti ci vi si me te ne questo questa questi queste quello quella mio "
    "mia miei mie tuo vostro vostra ho ha hanno sono sei siamo siete era sia stato stata essere avere fa c un' "
    "l' anche ancora già più molto poi dopo prima ora oggi qui là così"
).split())


def _shown(feature: Feature) -> bool:
    if feature.name.startswith("mark:"):
        return False
    words = feature.name.split(":", 1)[1].removeprefix("not:").split("_")
    return not all(word in FUNCTION_WORDS for word in words)


def _merged(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or neighbouring spans as one ("money" inside "money back" is shown once, "terza" "volta" as
    "terza volta"), in text order."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and (start <= merged[-1][1] or not text[merged[-1][1]:start].strip()):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def assess(text: str, trained: Model | None = None) -> Verdict:
    """Whether the text sounds unhappy, how sure the model is, and (when it does) the words that said so."""
    trained = trained or model()
    found = [(trained.weights.get(f.name, 0.0), f) for f in features(text)]
    chance = probability(trained.bias + sum(weight for weight, _ in found))
    if chance < trained.threshold:
        return Verdict(False, chance, ())
    reasons = sorted((item for item in found if item[0] > 0 and _shown(item[1])), key=lambda item: -item[0])
    normalised = unicodedata.normalize("NFC", text[:SCAN_CHARACTERS])
    spans = _merged(normalised, [(f.start, f.end) for _, f in reasons[:SHOWN_WORDS]])
    words = [" ".join(normalised[start:end].lower().split()) for start, end in spans]
    return Verdict(True, chance, tuple(dict.fromkeys(words)))


def unhappy_signals(text: str) -> list[str]:
    """The words that make a text sound unhappy, as written (lower-cased), in order; [] if it does not."""
    return list(assess(text).words)
