"""Webhook forms. Fields only: the rules are checked by webhooks.operations."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectMultipleField, StringField

from app.i18n import lazy_gettext as _l

EVENT_LABELS = {
    "question.created": _l("A question is asked"),
    "question.escalated": _l("A question passes the response target without an answer"),
    "answer.accepted": _l("An answer is accepted"),
    "answer.official": _l("An answer is marked official"),
    "flag.created": _l("A post is flagged"),
    "post.unhappy": _l("A post or comment sounds unhappy"),
}


class WebhookForm(FlaskForm):
    url = StringField(_l("URL"), description=_l("http:// or https:// address of the receiver, e.g. your help "
                                                "desk's inbound webhook."))
    secret = StringField(_l("Secret"), description=_l("Signs every delivery (HMAC-SHA256). Copy it into the "
                                                      "receiver; it is not shown again."))
    # Rendered as checkboxes from EVENT_LABELS by the template; operations keep only the known events.
    events = SelectMultipleField(_l("Events"), validate_choice=False)
    description = StringField(_l("Description"), description=_l("Optional: what receives it."))
    active = BooleanField(_l("Active (deliver events)"), default=True)
