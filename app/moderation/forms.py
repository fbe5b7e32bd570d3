"""The flag form. Fields only: the rules are checked by moderation.operations."""

from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField


class FlagForm(FlaskForm):
    """Under every post the question page renders this form as plain HTML (once for all posts); the class reads
    it, and a refused flag comes back on a page of its own with the reason and the details as sent."""

    reason = StringField()
    text = TextAreaField()
