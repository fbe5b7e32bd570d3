"""The flag and close forms. Fields only: the rules are checked by moderation.operations."""

from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField

from app.i18n import lazy_gettext as _l


class FlagForm(FlaskForm):
    """Under every post the question page renders this form as plain HTML (once for all posts); the class reads
    it, and a refused flag comes back on a page of its own with the reason and the details as sent."""

    reason = StringField()
    text = TextAreaField()


class CloseForm(FlaskForm):
    """The close tool under a question is rendered as plain HTML among the brand team's tools; a refused close
    comes back on a page of its own with the reason chosen and the original as typed."""

    reason = StringField(_l("Reason"))
    duplicate_of = StringField(_l("Duplicate of"))


class TwinForm(FlaskForm):
    """Linking a translation, from its own tool under the question or from the close tool's picker (its "Link as
    translation" button sends the picker's field here): a refused link comes back on a page of its own, as typed."""

    duplicate_of = StringField(_l("The same question in the other language"))


class NoteForm(FlaskForm):
    """An internal note, added under the question or edited in place; a refused one comes back on a page of its
    own with the text as typed."""

    body = TextAreaField(_l("Note"))

