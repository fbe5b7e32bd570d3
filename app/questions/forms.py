"""Question, answer, comment and edit forms. Fields only: rules live in questions.operations."""

from flask_wtf import FlaskForm
from markupsafe import escape
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3, newer than its stubs

from app import content_language
from app.i18n import LANGUAGE_NAMES, LazyString, current_language
from app.i18n import gettext as _
from app.i18n import lazy_gettext as _l
from app.parameters import whole_number
from app.questions import queries
from app.uploads.forms import PhotoFields

PERSONAL_DATA_LABEL = _l("Post anyway: it is meant to be public")
TAG_EXAMPLES = 2
DETECT = ""  # the language choice that leaves it to the text


def _tags_help():
    """The hint names real tags, the most used ones, so that typing it as shown is accepted."""
    names = queries.popular_tag_names(TAG_EXAMPLES, current_language())
    if not names:
        return escape(_("1 to 5 tags separated by spaces or commas."))
    return escape(_("1 to 5 tags separated by spaces or commas, e.g. %(example)s.", example=" ".join(names)))


def language_choices(detected: str | None = None) -> list[SelectChoice]:
    """Read from the text (naming what it found, once there is text), or one language as the author says."""
    automatic = (_("Detected from your text: %(language)s", language=LANGUAGE_NAMES[detected]) if detected
                 else _("Detected from your text"))
    return [SelectChoice(DETECT, automatic),
            *(SelectChoice(code, name, render_kw={"lang": code}) for code, name in LANGUAGE_NAMES.items())]


class PostLanguageField(SelectField):
    """The post's language: the detection, shown and pre-selected, or the author's own choice."""

    def __init__(self, label=None, **kwargs):
        super().__init__(label, choices=language_choices(), default=DETECT, **kwargs)

    def show_detection(self, text: str, fallback: str) -> None:
        """Name the language read from the text typed so far (after a refused submit), so the author sees it."""
        if text.strip():
            self.choices = language_choices(content_language.detect(text, fallback))


class AskForm(PhotoFields, FlaskForm):
    title = StringField(_l("Title"), description=_l("Say what the problem is, as if you were asking a person: "
                                                     "15 to 150 characters."))
    body = TextAreaField(_l("Details"), description=_l("What did you try, what happened, which model and version? "
                                                       "Markdown is supported."))
    tags = StringField(_l("Products and topics"), description=LazyString(_tags_help))
    language = PostLanguageField(_l("Language of your question"))
    allow_personal_data = BooleanField(PERSONAL_DATA_LABEL)


class AnswerForm(PhotoFields, FlaskForm):
    body = TextAreaField(_l("Your answer"), description=_l("At least 20 characters. Markdown is supported."))
    language = PostLanguageField(_l("Language of your answer"))
    allow_personal_data = BooleanField(PERSONAL_DATA_LABEL)
    official = BooleanField(_l("Post as an official answer of the brand"))
    # The brand team's saved replies (app/replies): the one chosen in the picker, to insert, and the one last
    # inserted, counted when the answer is saved. Read only for the brand team.
    saved_reply = StringField(_l("Saved reply"))
    used_reply = HiddenField()

    def used_reply_id(self) -> int | None:
        return whole_number(str(self.used_reply.data or ""))


class CommentForm(FlaskForm):
    body = TextAreaField(_l("Comment"), description=_l("2 to 600 characters: `code`, *emphasis* and links."))
    allow_personal_data = BooleanField(PERSONAL_DATA_LABEL)


class EditForm(FlaskForm):
    """The revision the form was filled from: a save from an older one than the newest is combined with the
    newer version or refused (app.questions.merging)."""

    base_revision = HiddenField()

    def base(self) -> int | None:
        return whole_number(str(self.base_revision.data or ""))  # None when absent or not a revision number


def stored_language(post) -> str:
    """The language choice an edit form starts from: the author's choice when they made one, else the detection
    (which names what it reads in the text)."""
    return post.language if post.language_chosen and post.language in LANGUAGE_NAMES else DETECT


class EditQuestionForm(AskForm, EditForm):
    summary = StringField(_l("Edit summary"), description=_l("Optional: what did you change?"))

    @classmethod
    def of(cls, question, revision: int | None):
        # Keywords, not obj=: WTForms prefers an object's attribute to a keyword, and `question.tags` is a
        # list of rows, which rendered as "[<Tag …>]" and was refused on save.
        return cls(title=question.title, body=question.body_markdown, tags=" ".join(t.name for t in question.tags),
                   language=stored_language(question), base_revision=revision)


class EditAnswerForm(PhotoFields, EditForm):
    body = TextAreaField(_l("Answer"))
    language = PostLanguageField(_l("Language of your answer"))
    allow_personal_data = BooleanField(PERSONAL_DATA_LABEL)
    summary = StringField(_l("Edit summary"), description=_l("Optional: what did you change?"))

    @classmethod
    def of(cls, answer, revision: int | None):
        return cls(body=answer.body_markdown, language=stored_language(answer), base_revision=revision)
