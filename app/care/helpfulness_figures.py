"""Readers' "Was this helpful?" on the care dashboard, the CSV and `flask care report`: pure functions of the
period's answers counted per page (app/care/queries.py `reader_answers`).

Definitions (the page says them too):
- Readers: answers given in the period on question pages not deleted (with the chosen product tag), one per
  reader, page and day (app/satisfaction/readers.py).
- Helpful: the share of Yes among them.
- Per product: a page counts for each tag of its question; a question without tags under "no product".
- Worklist: the pages whose readers most often said their answer is outdated or did not work, most first.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from app.helpfulness import Helpfulness

WORKLIST_LENGTH = 10


@dataclass(frozen=True)
class PageAnswers:
    """The period's answers on one page with one (helpful, reason) pair: `count` readers gave it."""
    question_id: int
    title: str | None
    slug: str | None
    helpful: bool
    reason: str | None
    count: int
    products: tuple[str, ...]


@dataclass(frozen=True)
class ProductHelpfulness:
    product: str | None  # None: the question has no tag
    tally: Helpfulness


@dataclass(frozen=True)
class DoubtedPage:
    question_id: int
    title: str | None
    slug: str | None
    tally: Helpfulness


def _tally(rows) -> Helpfulness:
    readers, helpful, reasons = 0, 0, Counter[str]()
    for row in rows:
        readers += row.count
        helpful += row.count if row.helpful else 0
        if row.reason:
            reasons[row.reason] += row.count
    return Helpfulness(readers, helpful, dict(reasons))


@dataclass
class HelpfulnessFigures:
    rows: list[PageAnswers]

    @property
    def total(self) -> Helpfulness:
        return _tally(self.rows)

    @property
    def by_product(self) -> list[ProductHelpfulness]:
        grouped: dict[str | None, list[PageAnswers]] = defaultdict(list)
        for row in self.rows:
            for product in row.products or (None,):
                grouped[product].append(row)
        tallies = [ProductHelpfulness(product, _tally(rows)) for product, rows in grouped.items()]
        return sorted(tallies, key=lambda p: (-p.tally.readers, p.product is None, p.product or ""))

    @property
    def worklist(self) -> list[DoubtedPage]:
        """The pages readers most often said were outdated or did not work (at least once), most first."""
        grouped: dict[int, list[PageAnswers]] = defaultdict(list)
        for row in self.rows:
            grouped[row.question_id].append(row)
        pages = [DoubtedPage(rows[0].question_id, rows[0].title, rows[0].slug, _tally(rows))
                 for rows in grouped.values()]
        doubted = [page for page in pages if page.tally.doubting]
        doubted.sort(key=lambda p: (-p.tally.doubting, -(p.tally.doubting_share or 0), p.question_id))
        return doubted[:WORKLIST_LENGTH]
