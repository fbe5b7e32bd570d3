"""Question, answer, comment and edit forms. Fields only: rules live in questions.operations."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField

from app.i18n import lazy_gettext as _l

PERSONAL_DATA_LABEL = _l("Post anyway: it is meant to be public")


class AskForm(FlaskForm):
    title = StringField(_l("Title"), description=_l("Say what the problem is, as if you were asking a person: "
                                                     "15 to 150 characters."))
    body = TextAreaField(_l("Details"), description=_l("What did you try, what happened, which model and version? "
                                                       "Markdown is supported."))
    tags = StringField(_l("Products and topics"),
                       description=_l("1 to 5 tags separated by spaces or commas, e.g. aurora-one descaling."))
    allow_personal_data = BooleanField(PERSONAL_DATA_LABEL)


class AnswerForm(FlaskForm):
    body = TextAreaField(_l("Your answer"), description=_l("At least 20 characters. Markdown is supported."))
    allow_personal_data = BooleanField(PERSONAL_DATA_LABEL)
    official = BooleanField(_l("Post as an official answer of the brand"))


class CommentForm(FlaskForm):
    body = TextAreaField(_l("Comment"), description=_l("2 to 600 characters: `code`, *emphasis* and links."))
    allow_personal_data = BooleanField(PERSONAL_DATA_LABEL)


class EditQuestionForm(AskForm):
    summary = StringField(_l("Edit summary"), description=_l("Optional: what did you change?"))


class EditAnswerForm(FlaskForm):
    body = TextAreaField(_l("Answer"))
    allow_personal_data = BooleanField(PERSONAL_DATA_LABEL)
    summary = StringField(_l("Edit summary"), description=_l("Optional: what did you change?"))
