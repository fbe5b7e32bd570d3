"""Receiving e-mail: ask by writing to the support address, answer or comment by replying to a notification.
Every message is kept raw with its outcome (/admin/inbound); first messages from unknown senders wait in the
care queue's Held tab. Commands: `flask mail receive`, `flask mail serve-lmtp`, `flask mail inbound …`."""

from flask import Flask

from app.inbound import cli, labels, views
from app.inbound.parsing import LIMIT_DEFAULTS

DEFAULTS: dict[str, object] = {
    **LIMIT_DEFAULTS,
    # Product addresses and their tags: {"duo@example.com": "aurora-duo"} or "duo@example.com=aurora-duo,…".
    "MAIL_INBOUND_TAGS": {},
    # Tags for a question whose product could not be told from its address or text; unset, it is held.
    "MAIL_INBOUND_DEFAULT_TAGS": None,
    # Require the relay's Authentication-Results to show SPF, DKIM or DMARC passing for the sender's domain;
    # MAIL_AUTHSERV_ID names the relay's results (else the topmost header is read).
    "MAIL_REQUIRE_AUTH": False,
    "MAIL_AUTHSERV_ID": None,
    "MAIL_INBOUND_REPLIES_PER_HOUR": 5,  # answers (acknowledgements, refusals) to one sender an hour
}


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
    app.jinja_env.globals.update(inbound_status_label=labels.status_label, inbound_reason_label=labels.reason_label,
                                 inbound_reply_label=labels.reply_label)
    cli.init_app(app)
