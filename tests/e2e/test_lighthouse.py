"""Lighthouse's mobile preset on a demo question page and the FAQ: SEO and accessibility 100, best practices
and performance at least 95. The scores are printed in the test log (tests/e2e/lighthouse.py does the work;
`python tests/e2e/lighthouse.py` runs it alone)."""

import pytest

from tests.e2e import lighthouse

pytestmark = pytest.mark.e2e


def test_lighthouse_scores_on_a_question_and_the_faq(capsys):
    with capsys.disabled():
        print()
        medians = lighthouse.measure(runs=1, out=lambda line: print(f"lighthouse: {line}"))
        if lighthouse.below_thresholds(medians):
            # Performance varies from run to run on a busy machine; Lighthouse's advice is the median of runs.
            print("lighthouse: below a threshold once; measuring again, median of three runs")
            medians = lighthouse.measure(runs=3, out=lambda line: print(f"lighthouse: {line}"))
    assert lighthouse.below_thresholds(medians) == []
