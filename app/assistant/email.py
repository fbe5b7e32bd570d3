"""The assistant's suggestions in the acknowledgement of a question asked by e-mail (app/inbound/responses.py):
the threads whose answers it would cite, then the related ones, as (title, absolute link). Nothing found, nothing
suggested. No session is recorded: the question is already posted, and a person will answer it."""

from app.assistant import replies
from app.models import Question
from app.search.documents import html_text
from app.urls import absolute_url

SUGGESTIONS = 3


def suggestions(question: Question) -> list[tuple[str, str]]:
    found = replies.reply(html_text(question.body_html or ""), question.language or "en", title=question.title or "",
                          exclude=(question.id,))
    cited = [(source.title, absolute_url(source.path)) for source in found.sources]
    related = [(thread.title, absolute_url(thread.path)) for thread in found.related]
    return (cited + related)[:SUGGESTIONS]

