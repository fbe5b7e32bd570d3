"""Reads for the search page, the ask page's suggestions and "Related questions"."""

import functools
import logging
import re
from dataclasses import dataclass

from flask import current_app
from markupsafe import Markup
from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import defer, lazyload, with_polymorphic
from sqlalchemy.orm.attributes import set_committed_value

from app.extensions import db
from app.models import FaqEntry, Post, Question, Tag, question_tags
from app.pagination import CutPage
from app.questions import queries as question_queries
from app.questions import tag_terms
from app.questions.queries import EVERY_LANGUAGE
from app.questions.view_models import QuestionRow
from app.reading import Reading
from app.search import highlight, syntax
from app.search.backend import Backend, Languages, Results
from app.text_analysis import LANGUAGES

log = logging.getLogger(__name__)
FEW_RESULTS = 3  # below this, a spelling correction that finds more is offered


def backend() -> Backend:
    chosen: Backend = current_app.extensions["search"]
    return chosen


ResultsPagination = CutPage  # a page the search backend already cut


@dataclass(frozen=True)
class Row:
    """A result as the page shows it (its key: the question's row, the marked title and snippet, the FAQ mark)."""
    question: QuestionRow
    title: Markup
    snippet: Markup
    in_faq: bool = False


@dataclass
class SearchPage:
    listing: ResultsPagination
    some_words: bool = False  # nothing had every word: these results have some of them
    corrected: str | None = None  # "Did you mean …", or with `showing_corrected` the query shown
    showing_corrected: bool = False  # nothing matched as typed: these are the corrected query's results
    unavailable: bool = False
    exact_total: bool = True  # False: more results than listing.total


def load_questions(ids: list[int], with_tags: bool = True) -> list[Question]:
    """Questions in the order given, skipping any deleted or hidden since they were indexed."""
    if not ids:
        return []
    found = {q.id: q for q in db.session.scalars(_questions_by_id(), {"ids": ids}) if isinstance(q, Question)}
    if with_tags and found:
        _load_tags(list(found.values()))
    return [found[i] for i in ids if i in found]


# The statements of a results page are built once, with the ids bound when run: building a statement
# and its cache key cost as much as running it and loading its twenty rows.
@functools.cache
def _questions_by_id() -> Select[Post]:
    # Through the base entity: a Question query adds `kind = 'question'`, and SQLite then walks the
    # (kind, score) index over every question instead of looking the few ids up.
    posts = with_polymorphic(Post, [Question])
    return (select(posts).where(posts.id.in_(bindparam("ids", expanding=True)), posts.deleted_at.is_(None),
                                posts.hidden_at.is_(None))
            .options(lazyload(posts.Question.tags), defer(posts.body_markdown), defer(posts.body_html)))


@functools.cache
def _tags_by_question() -> Select[int, Tag]:
    return (select(question_tags.c.question_id, Tag).join(Tag, Tag.id == question_tags.c.tag_id)
            .where(question_tags.c.question_id.in_(bindparam("ids", expanding=True))).order_by(Tag.name))


@functools.cache
def _in_faq() -> Select[int]:
    return select(FaqEntry.question_id).where(FaqEntry.question_id.in_(bindparam("ids", expanding=True)))


def _load_tags(questions: list[Question]) -> None:
    """Every question's tags from one plain query: the relationship's own loader (selectin) cost more
    than loading the questions themselves."""
    tags: dict[int, list[Tag]] = {q.id: [] for q in questions}
    for question_id, tag in db.session.execute(_tags_by_question(), {"ids": list(tags)}):
        tags[question_id].append(tag)
    for question in questions:
        set_committed_value(question, "tags", tags[question.id])


def languages_read(reading: Reading) -> Languages:
    """The runs a search reads for this reader: the languages of the list's runs (a search document always has
    a language), or every language in one order for "all"."""
    return tuple(language for language in reading.segments() if language in LANGUAGES) or None


def search(text: str, sort: str, page: int, per_page: int, autocorrect: bool = True,
           reading: Reading = EVERY_LANGUAGE) -> SearchPage:
    """One page of results, read as `reading` asks. When nothing matches as typed and a spelling correction
    does, the corrected query's results are shown at once (`autocorrect`: the page's "search instead for" link
    turns it off); with few results, the correction is only offered."""
    query, languages = _parse(text), languages_read(reading)
    try:
        results = backend().search(query, sort, page, per_page, languages=languages)
        some_words = showing_corrected = False
        corrected = _correction(text, query) if results.total == 0 and autocorrect else None
        if corrected:
            corrected_results = backend().search(_parse(corrected), sort, page, per_page, languages=languages)
            showing_corrected = corrected_results.total > 0
            results = corrected_results if showing_corrected else results
        if not showing_corrected and results.total == 0 and len(query.words) + len(query.phrases) > 1:
            results, some_words = backend().search(query, sort, page, per_page, False, languages), True
        if not showing_corrected:
            corrected = _did_you_mean(text, query, results.total, languages) if corrected is None else None
    except Exception:
        log.exception("search failed for %r", text)
        return SearchPage(ResultsPagination([], 0, page, per_page), unavailable=True)
    rows = _rows(results)
    return SearchPage(ResultsPagination(rows, results.total, page, per_page), some_words, corrected,
                      showing_corrected, exact_total=results.exact)


def _parse(text: str) -> syntax.ParsedQuery:
    """The search box's text, its tag filters by address name ("[decalcificazione]" searches `descaling`)."""
    query = syntax.parse(text)
    query.tags = tag_terms.resolve_names(query.tags)
    return query


def _rows(results: Results) -> list[Row]:
    rows, questions = [], question_queries.rows_by_id(results.ids)
    in_faq = set(db.session.scalars(_in_faq(), {"ids": [q.id for q in questions]})) if questions else set()
    for question in questions:
        title, snippet = results.highlights.get(question.id, (highlight.clean(question.title), ""))
        rows.append(Row(question, highlight.to_markup(title), highlight.to_markup(snippet), question.id in in_faq))
    return rows


def _correction(text: str, query: syntax.ParsedQuery) -> str | None:
    """The search box's text with its misspelt words corrected, or None when none is."""
    fixes = backend().corrections(query.words) if query.words else {}
    corrected = text
    for word, fix in fixes.items():
        corrected = re.sub(rf"(?<![\w:-]){re.escape(word)}(?!\w)", fix, corrected)
    return corrected if corrected != text else None


def _did_you_mean(text: str, query: syntax.ParsedQuery, total: int, languages: Languages) -> str | None:
    if total >= FEW_RESULTS:
        return None
    corrected = _correction(text, query)
    if corrected is None:
        return None
    better = backend().search(_parse(corrected), "relevance", 1, 1, languages=languages).total
    return corrected if better > total else None


@dataclass
class Suggestion:
    question: Question
    in_faq: bool


def suggestions(text: str, limit: int) -> list[Suggestion]:
    """Questions in the FAQ whose titles have every word a title being typed is matched on, then other answered
    ones, FAQ entries among them (lifted by their quality factor). FAQ entries that share any one word led the list
    before: a long title's product name alone put them above the thread the title was about."""
    try:
        faq = backend().suggest(text, limit, faq_only=True)
        others = [i for i in backend().suggest(text, limit + len(faq)) if i not in faq]
        # The ask page shows titles and marks only: no tags.
        return [Suggestion(q, q.id in faq) for q in load_questions(faq + others, with_tags=False)[:limit]]
    except Exception:
        log.exception("suggestions failed for %r", text)
        return []
