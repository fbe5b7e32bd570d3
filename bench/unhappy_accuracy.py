"""Precision and recall of the unhappy-customer model (app/moderation/unhappiness.py) on the labelled set in
tests/data/unhappy/, per language and part (tuning, held-out), and how each group of texts fares.

    python bench/unhappy_accuracy.py [--errors]        the shipped model
    python bench/unhappy_accuracy.py --cross-validate  5-fold figures on the tuning part (trained without each fold)
    python bench/unhappy_accuracy.py --train           retrain from the tuning part and rewrite unhappy_model.json
    python bench/unhappy_accuracy.py --word-list-from CHECKOUT
                                                       the word list of an older checkout's app/moderation/
                                                       heuristics.py (any listed word, not negated, = unhappy)
"""

import argparse
import importlib.util
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.moderation import unhappiness, unhappy_training  # noqa: E402
from app.moderation.unhappy_training import LANGUAGES, load  # noqa: E402

PARTS = ("tuning", "held-out", "later")


def figures(truths: list[bool], verdicts: list[bool]) -> dict:
    counts = Counter(zip(truths, verdicts, strict=True))
    tp, fp, fn = counts[(True, True)], counts[(False, True)], counts[(True, False)]
    return {"precision": tp / (tp + fp) if tp + fp else 0.0, "recall": tp / (tp + fn) if tp + fn else 0.0,
            "tp": tp, "fp": fp, "fn": fn, "tn": counts[(False, False)], "n": len(truths)}


def row(language: str, part: str, f: dict) -> str:
    return (f"| {language} | {part} | {f['n']} | {f['precision']:.3f} | {f['recall']:.3f} | {f['tp']} | {f['fp']} "
            f"| {f['fn']} | {f['tn']} |")


HEADER = ("| language | part | texts | precision | recall | tp | fp | fn | tn |\n"
          "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")


def word_list(checkout: str):
    spec = importlib.util.spec_from_file_location("old_heuristics",
                                                  Path(checkout) / "app" / "moderation" / "heuristics.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return lambda text: bool(module.unhappy_signals(text))


def report(is_unhappy, show_errors: bool) -> None:
    print(HEADER)
    for language in LANGUAGES:
        for part in (*PARTS, "all"):
            rows = [r for p in PARTS for r in load(language, p)] if part == "all" else load(language, part)
            print(row(language, part, figures([t for t, _, _ in rows], [is_unhappy(text) for _, _, text in rows])))
    print("\nRead right, by group (every part):")
    for language in LANGUAGES:
        rows = [r for p in PARTS for r in load(language, p)]
        right, total = Counter(), Counter()
        for truth, group, text in rows:
            total[group] += 1
            right[group] += is_unhappy(text) == truth
        print(f"  {language}: " + ", ".join(f"{g} {right[g]}/{total[g]}" for g in sorted(total)))
    if show_errors:
        for language in LANGUAGES:
            for part in PARTS:
                for truth, group, text in load(language, part):
                    if is_unhappy(text) != truth:
                        verdict = unhappiness.assess(text)
                        print(f"{'MISSED' if truth else 'WRONG '} {language} {part} {group} "
                              f"({verdict.probability:.2f} {list(verdict.words)}): {text}")


def cross_validate() -> None:
    examples = [(language, row) for language in LANGUAGES for row in load(language, "tuning")]
    scored = unhappy_training.cross_validate([r for _, r in examples])
    print(HEADER)
    for language in LANGUAGES:
        pairs = [(r[0], p >= unhappy_training.THRESHOLD) for (lang, r), p in zip(examples, scored, strict=True)
                 if lang == language]
        print(row(language, "tuning, 5-fold", figures([t for t, _ in pairs], [v for _, v in pairs])))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--word-list-from", metavar="CHECKOUT")
    parser.add_argument("--cross-validate", action="store_true")
    parser.add_argument("--train", action="store_true")
    args = parser.parse_args()
    if args.train:
        unhappiness.MODEL_PATH.write_text(unhappy_training.as_json(unhappy_training.train(
            unhappy_training.tuning_set())), encoding="utf-8")
        unhappiness.model.cache_clear()
        print(f"wrote {unhappiness.MODEL_PATH}")
    if args.cross_validate:
        cross_validate()
    elif args.word_list_from:
        report(word_list(args.word_list_from), False)
    else:
        report(lambda text: unhappiness.assess(text).unhappy, args.errors)


if __name__ == "__main__":
    main()
