"""Training the unhappy-customer model (app/moderation/unhappiness.py) from the labelled set in tests/data/unhappy/:
logistic regression by stochastic gradient descent with L2 shrinkage, in plain Python and deterministic, so that
retraining from the same files gives the weights shipped in unhappy_model.json (a test holds them to it).

`python bench/unhappy_accuracy.py --train` rewrites the model; `--cross-validate` reports k-fold figures.
"""

import json
import random
from collections.abc import Iterable
from pathlib import Path

from app.moderation import unhappiness

DATA = Path(__file__).resolve().parents[2] / "tests" / "data" / "unhappy"
LANGUAGES = ("en", "it")
EPOCHS = 40
LEARNING_RATE = 0.2
L2 = 0.03
THRESHOLD = 0.4
SEED = 0
DIGITS = 4  # weights are stored rounded: the file stays readable and the same on every machine

Example = tuple[bool, str, str]  # unhappy, group, text


def load(language: str, part: str) -> list[Example]:
    """(unhappy, group, text) for every labelled line of tests/data/unhappy/<language>-<part>.tsv."""
    rows = []
    for line in (DATA / f"{language}-{part}.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        if line and not line.startswith("#"):
            label, group, text = line.split("\t")
            rows.append((label == "1", group, text))
    return rows


def tuning_set() -> list[Example]:
    return [row for language in LANGUAGES for row in load(language, "tuning")]


def train(examples: Iterable[Example]) -> unhappiness.Model:
    examples = list(examples)
    # Features seen in one text only are kept: they absorb what is particular to it, which keeps the common
    # ones moderate (leaving them out cost 8 points of cross-validated precision).
    read = [sorted({f.name for f in unhappiness.features(text)}) for _, _, text in examples]
    weights: dict[str, float] = {}
    bias, order, shuffle = 0.0, list(range(len(examples))), random.Random(SEED).shuffle
    for _ in range(EPOCHS):
        shuffle(order)
        for i in order:
            names = read[i]
            error = unhappiness.probability(bias + sum(weights.get(n, 0.0) for n in names)) - examples[i][0]
            for name in names:
                weight = weights.get(name, 0.0)
                weights[name] = weight - LEARNING_RATE * (error + L2 * weight)
            bias -= LEARNING_RATE * error
    kept = {name: round(weight, DIGITS) for name, weight in sorted(weights.items()) if round(weight, DIGITS)}
    return unhappiness.Model(kept, round(bias, DIGITS), THRESHOLD)


def as_json(trained: unhappiness.Model) -> str:
    return json.dumps({"threshold": trained.threshold, "bias": trained.bias, "weights": trained.weights},
                      ensure_ascii=False, indent=0, sort_keys=True) + "\n"


def cross_validate(examples: list[Example], folds: int = 5) -> list[float]:
    """Each example's probability from a model trained without its fold (folds dealt in a fixed shuffle)."""
    order = list(range(len(examples)))
    random.Random(SEED + 1).shuffle(order)
    fold_of = {index: position % folds for position, index in enumerate(order)}
    scored = [0.0] * len(examples)
    for fold in range(folds):
        trained = train(examples[i] for i in order if fold_of[i] != fold)
        for i in order:
            if fold_of[i] == fold:
                scored[i] = unhappiness.assess(examples[i][2], trained).probability
    return scored
