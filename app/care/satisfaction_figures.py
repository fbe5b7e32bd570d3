"""The askers' survey on the care dashboard, the CSV and `flask care report`: pure functions of the period's surveys
(app/care/queries.py `surveys`).

Definitions (the page says them too):
- Surveys: askers asked "Did this solve your problem?" in the period (when an answer was accepted or marked
  official), about questions not deleted (with the chosen product tag).
- Response rate: surveys answered (now) ÷ surveys asked.
- Satisfaction: surveys whose current answer is Yes ÷ surveys answered.
- Average rating: the mean of the 1–5 ratings given, over the surveys that have one.
- Per product: a survey counts for each tag of its question; a question without tags under "no product".
- Answerers: the author of the answer each survey was about. An answerer is shown only with at least
  ANSWERER_MIN_RATINGS ratings: fewer would let a single asker's score be read as the person's.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

# Below this many ratings an answerer's figures are not shown at all (never a person's score on fewer).
ANSWERER_MIN_RATINGS = 5


@dataclass(frozen=True)
class SurveyRow:
    asked_at: datetime
    answered: bool
    outcome: str | None  # yes | partly | no, the asker's current answer
    rating: int | None
    products: tuple[str, ...]
    answerer_id: int | None  # the author of the answer the survey was about


@dataclass(frozen=True)
class Tally:
    """Counts over some surveys, and the three figures made of them."""

    asked: int = 0
    answered: int = 0
    yes: int = 0
    ratings: int = 0
    rating_sum: int = 0

    def add(self, row: SurveyRow) -> "Tally":
        rating = row.rating or 0
        return Tally(self.asked + 1, self.answered + row.answered, self.yes + (row.outcome == "yes"),
                     self.ratings + (row.rating is not None), self.rating_sum + rating)

    @property
    def response_rate(self) -> float | None:
        return self.answered / self.asked if self.asked else None

    @property
    def satisfaction(self) -> float | None:
        return self.yes / self.answered if self.answered else None

    @property
    def average_rating(self) -> float | None:
        return self.rating_sum / self.ratings if self.ratings else None


@dataclass(frozen=True)
class ProductTally:
    product: str | None  # None: the question has no tag
    tally: Tally


@dataclass(frozen=True)
class AnswererTally:
    user_id: int
    tally: Tally


def _tally(rows) -> Tally:
    total = Tally()
    for row in rows:
        total = total.add(row)
    return total


@dataclass
class SatisfactionFigures:
    rows: list[SurveyRow]

    @property
    def total(self) -> Tally:
        return _tally(self.rows)

    @property
    def by_product(self) -> list[ProductTally]:
        grouped: dict[str | None, list[SurveyRow]] = defaultdict(list)
        for row in self.rows:
            for product in row.products or (None,):
                grouped[product].append(row)
        tallies = [ProductTally(product, _tally(rows)) for product, rows in grouped.items()]
        return sorted(tallies, key=lambda p: (-p.tally.asked, p.product is None, p.product or ""))

    @property
    def answerers(self) -> list[AnswererTally]:
        """Answerers with at least ANSWERER_MIN_RATINGS ratings, best average rating first."""
        grouped: dict[int, list[SurveyRow]] = defaultdict(list)
        for row in self.rows:
            if row.answerer_id is not None:
                grouped[row.answerer_id].append(row)
        shown = [AnswererTally(user_id, tally) for user_id, tally in
                 ((user_id, _tally(rows)) for user_id, rows in grouped.items())
                 if tally.ratings >= ANSWERER_MIN_RATINGS]
        # Every one shown has ratings, so an average.
        return sorted(shown, key=lambda a: (-(a.tally.average_rating or 0), -a.tally.ratings, a.user_id))
