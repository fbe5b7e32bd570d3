"""The question page's content, rendered from its view model apart from the page around it: for one reader, or
kept for every member of one standing with slots for what is each reader's own.

The content (question, answers, comments, forms) is the page's costly part; the header around it carries the
reader's name, notifications and messages. Members of one standing (role and privileges) share one kept copy of
the content; their votes, whether they follow, the tools on their own posts and their CSRF token are slots
(`SLOTS`, app/seo/slots.py) filled per request, each slot's text kept per set of the reader facts it shows.
"""

from dataclasses import dataclass, field, replace

from flask import current_app, get_flashed_messages, render_template, template_rendered
from markupsafe import Markup

from app import follows, helpfulness, permissions, team_work
from app.extensions import db
from app.handovers import handover_details
from app.models import Question, User
from app.questions import page_queries, queries
from app.questions.forms import AnswerForm, CommentForm
from app.questions.view_models import QuestionPage
from app.replies import queries as saved_replies
from app.reputation import privileges
from app.seo import slots
from app.view_models import model_property

CONTENT_TEMPLATE = "questions/_question.html"
READER_PARTS = "questions/_reader_parts.html"


@dataclass(frozen=True)
class Standing:
    """A member as content kept for their standing sees them: a role and a reputation (their privileges), and
    nothing of their own on the page."""
    role: str
    reputation: int
    id = None
    is_authenticated = True
    is_moderator = model_property(User, "is_moderator")


@dataclass(frozen=True)
class Reader:
    """Who reads the page, as far as its content shows it: the member or visitor, their votes on the page's posts
    and whether they follow the question; for the brand team, its desk (claim and internal notes); for the asker,
    whether the team is on their question (when the brand tells askers so: CLAIM_SHOWN_TO_ASKER)."""
    user: permissions.Reader
    votes: dict = field(default_factory=dict)
    following: bool = False
    desk: team_work.Desk | None = None
    looked_into: bool = False

    def has(self, key: str) -> bool:
        return privileges.has(self.user, key)


def _own(reader: Reader, post) -> bool:
    return permissions.is_owner(reader.user, post)


# Each slot's macro in READER_PARTS, and the facts of the reader it shows (its text is kept per set of facts).
SLOTS = slots.SlotKinds(
    macros=lambda: current_app.jinja_env.get_template(READER_PARTS).module,
    facts={
        "vote_controls": lambda reader, post, _label: (reader.votes.get(post.id), _own(reader, post)),
        "post_actions": lambda reader, post, _flag_form: _own(reader, post),
        "comment_form": lambda reader, post, question, *_forms: (_own(reader, post), _own(reader, question)),
        "solved_mark": lambda reader, question: _own(reader, question),
        "follow": lambda reader, question: (reader.following, _own(reader, question)),
        "accept": lambda reader, _answer, question: _own(reader, question),
        "accepted_note": lambda reader, _answer, question: _own(reader, question),
        "survey_panel": lambda reader, _survey, question: _own(reader, question),
        # The team's desk is each staff reader's own (a staff page is rendered per request); nobody else has one.
        "team_desk": lambda reader, _question: reader.desk,
        "looked_into": lambda reader, _question: reader.looked_into,
    })


@dataclass(frozen=True)
class QuestionParts:
    content: Markup | slots.KeptContent
    title: str
    description: str
    thin: bool  # too little to be worth a search engine's index
    structured_data: Markup
    language: str | None
    feedback_shown: bool = False  # the reader's waiting messages are in the content, at their answer
    alternates: tuple = ()  # (hreflang, absolute URL) of its translations for the head (app/seo/alternates.py)

    def __len__(self) -> int:  # the size kept pages are budgeted by
        return len(self.content) + len(self.structured_data) + len(self.description)


def reader_of(user, read: page_queries.PageRows) -> Reader:
    """The reader's own facts on the page: their votes there and whether they follow it; the brand team's desk;
    whether the asker is told the team is on it."""
    # The user itself rather than Flask-Login's proxy: each slot reads it, and through the proxy every read
    # cost a context lookup (a quarter of a 50-answer page's time).
    user = getattr(user, "_get_current_object", lambda: user)()
    if not user.is_authenticated:
        return Reader(user)
    question_id = read.question_id
    desk = team_work.desk(question_id) if permissions.is_moderator(user) else None
    looked_into = (current_app.config["CLAIM_SHOWN_TO_ASKER"] and user.id == read.value("author_id")
                   and bool(team_work.claims_of([question_id])))
    return Reader(user, queries.votes_by_post(user, read.post_ids), follows.follows_question(user.id, question_id),
                  desk, looked_into)


def standing(user) -> tuple:
    """What of a member the kept content shows outside its slots: the privileges its buttons follow and the
    reputation a refusal names."""
    return user.role, tuple((p.key, privileges.has(user, p.key), privileges.threshold(p.key))
                            for p in privileges.PRIVILEGES)


def question_parts(page: QuestionPage, reader: Reader, answer_form=None, comment_form=None, comment_post_id=None,
                   feedback_at: int | None = None, answer_preview: Markup | None = None) -> QuestionParts:
    """The content rendered for one reader; `feedback_at` is the answer the reader's waiting messages are about;
    `answer_preview` the reader's answer as it will show (the form's Preview button)."""
    feedback = (feedback_at, get_flashed_messages(with_categories=True)) if feedback_at else None
    return _render(page, reader, SLOTS.inline(reader), answer_form, comment_form, comment_post_id, feedback,
                   answer_preview)


def kept_parts(page: QuestionPage, user) -> QuestionParts:
    """The content for every member of `user`'s standing, with slots (`slots.fill` gives each reader theirs)."""
    rendered = {}

    def render() -> Markup:
        parts = rendered["parts"] = _render(page, Reader(Standing(user.role, user.reputation)), SLOTS.recording())
        assert isinstance(parts.content, Markup)  # rendered here: the content itself, not yet a kept copy
        return parts.content

    content = slots.keep(render)
    return replace(rendered["parts"], content=content)


def _render(page: QuestionPage, reader: Reader, slot, answer_form=None, comment_form=None, comment_post_id=None,
            feedback=None, answer_preview: Markup | None = None) -> QuestionParts:
    # Visitors get no forms: building one makes a CSRF token, which would tie the shared page to a session.
    member = reader.user.is_authenticated
    context = dict(
        page=page, reader=reader, slot=slot, current_user=reader.user,  # the content sees only its own reader
        answer_form=answer_form or (AnswerForm(formdata=None) if member else None), comment_form=comment_form,
        comment_form_blank=CommentForm(formdata=None) if member else None, comment_post_id=comment_post_id,
        answer_preview=answer_preview,
        feedback=feedback,
        # The brand team's page is rendered for each request: it may show what the assistant had offered, and
        # their saved replies filled in for this question.
        handover=handover_details([page.question.id]).get(page.question.id) if page.staff else None,
        # What readers said to "Was this helpful?": for the brand team's eyes only, so on their page alone.
        helpfulness=helpfulness.tally(page.question.id) if page.staff else None,
        saved_replies=_saved_replies(page) if page.staff and member else ())
    app = current_app._get_current_object()  # type: ignore[attr-defined]  # the proxy's own method, typed as the app's
    template = app.jinja_env.get_template(CONTENT_TEMPLATE)
    # A template module is the rendered body plus the template's top-level variables: the head's parts.
    module = template.make_module(context)
    template_rendered.send(app, template=template, context=context)
    content = Markup(module).strip()  # nosec B704 # the template's own autoescaped output
    return QuestionParts(content=content, title=module.title, description=module.description,
                         thin=module.thin, structured_data=module.structured_data, language=page.question.language,
                         feedback_shown=module.feedback_shown, alternates=tuple(module.alternates))


def _saved_replies(page: QuestionPage) -> tuple:
    question = db.session.get(Question, page.question.id)
    return saved_replies.picker(question) if isinstance(question, Question) else ()


def solution_box(question_id: int, staff: bool) -> Markup:
    """The solution box under the question on its own, as the page shows it (the accept script swaps it in)."""
    page = page_queries.build_page(page_queries.read_existing_page(question_id, staff), with_related=False)
    html = render_template("questions/_solution.html", question=page.question, answers=page.answers).strip()
    return Markup(html)  # nosec B704 # our template's escaped output
