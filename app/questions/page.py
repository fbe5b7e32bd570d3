"""The question page's content, rendered apart from the page around it, and what a member's copy depends on.

The content (question, answers, comments, forms) is the page's costly part; the header around it carries
the reader's name, notifications and messages. Rendering the content on its own lets a member's copy be
kept for every member who would see it alike (app/seo/caching.py `keep_for_readers`).
"""

from dataclasses import dataclass

from flask import current_app, get_flashed_messages, render_template, template_rendered
from flask_login import current_user
from markupsafe import Markup

from app.moderation import queue
from app.notifications import queries as notification_queries
from app.permissions import is_moderator
from app.questions import queries
from app.questions.forms import AnswerForm, CommentForm
from app.reputation import privileges
from app.seo.caching import QuestionState

CONTENT_TEMPLATE = "questions/_question.html"


@dataclass(frozen=True)
class QuestionParts:
    content: Markup
    title: str
    description: str
    thin: bool  # too little to be worth a search engine's index
    structured_data: Markup
    language: str | None
    feedback_shown: bool = False  # the reader's waiting messages are in the content, at their answer

    def __len__(self) -> int:  # the size kept pages are budgeted by
        return len(self.content) + len(self.structured_data) + len(self.description)


def question_parts(question, answer_form=None, comment_form=None, comment_post_id=None,
                   feedback_at: int | None = None, answer_preview: Markup | None = None) -> QuestionParts:
    """The page's content; `feedback_at` is the answer the reader's waiting messages are about (shown there)."""
    answers = queries.list_answers(question, current_user)
    post_ids = [question.id, *(a.id for a in answers)]
    # Visitors get no forms: building one makes a CSRF token, which would tie the shared page to a session.
    member = current_user.is_authenticated
    context = dict(
        question=question, answers=answers, comments=queries.comments_by_post(post_ids),
        my_votes=queries.votes_by_post(current_user, post_ids),
        answer_form=answer_form or (AnswerForm(formdata=None) if member else None), comment_form=comment_form,
        comment_form_blank=CommentForm(formdata=None) if member else None, comment_post_id=comment_post_id,
        answer_preview=answer_preview,
        feedback=(feedback_at, get_flashed_messages(with_categories=True)) if feedback_at else None,
        # The brand team's page is rendered for each request: it may show what the assistant had offered.
        handover=queue.handover_details([question.id]).get(question.id) if is_moderator(current_user) else None)
    app = current_app._get_current_object()
    template = app.jinja_env.get_template(CONTENT_TEMPLATE)
    app.update_template_context(context)
    # A template module is the rendered body plus the template's top-level variables: the head's parts.
    module = template.make_module(context)
    template_rendered.send(app, template=template, context=context)
    content = Markup(module).strip()  # nosec B704 # the template's own autoescaped output
    return QuestionParts(content=content, title=module.title, description=module.description,
                         thin=module.thin, structured_data=module.structured_data, language=question.language,
                         feedback_shown=module.feedback_shown)


def solution_box(question) -> Markup:
    """The solution box under the question on its own, as the page shows it (the accept script swaps it in)."""
    answers = queries.list_answers(question, current_user)
    html = render_template("questions/_solution.html", question=question, answers=answers).strip()
    return Markup(html)  # nosec B704 # our template's escaped output


def reader_facts(user, question_id: int, state: QuestionState) -> tuple:
    """Everything of a member's own that their copy of the page shows: the privileges its buttons follow
    (and the reputation a refusal names), whether they wrote a post on the page (the copy is then theirs
    alone: edit, delete, accept, "still not solved"), their votes there and whether they follow it."""
    return (
        user.role,
        tuple((p.key, privileges.has(user, p.key), privileges.threshold(p.key)) for p in privileges.PRIVILEGES),
        user.id if user.id in state.author_ids else None,
        tuple(sorted(queries.votes_by_post(user, list(state.post_ids)).items())),
        notification_queries.follows_question(user.id, question_id),
    )
