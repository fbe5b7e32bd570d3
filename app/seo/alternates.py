"""hreflang alternates of linked translations (twins): each language's page and `x-default`, the original (the
oldest twin). One rule for the page's `<head>` and the sitemap: the alternates name only pages worth a search
engine's index, and only when at least two of them are, so every page lists the same set (reciprocal)."""

from app.seo.indexing import is_thin_question
from app.urls import absolute_url, post_url

X_DEFAULT = "x-default"


def alternates(question) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) for a question page and its twins (`question.twins`, views of the questions);
    none when the page itself is not for the index or no twin is."""
    if is_thin_question(question):
        return []
    twins = [twin for twin in question.twins if twin.language and not is_thin_question(twin)]
    if not twins or not question.language:
        return []
    return hreflang_links([(p.language, p.created_at, p.id, post_url(p)) for p in (question, *twins)])


def hreflang_links(pages: list[tuple]) -> list[tuple[str, str]]:
    """(language, created, id, path) of every page of a group → its alternates, the original as x-default."""
    ordered = sorted(pages, key=lambda page: (page[1], page[2]))
    return [(language, absolute_url(path)) for language, _created, _id, path in ordered] + [
        (X_DEFAULT, absolute_url(ordered[0][3]))]
