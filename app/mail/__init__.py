"""Mail: every e-mail goes through the outbox (`mail_outbox` rows written in the transaction of the change that
causes it), then leaves by `flask mail send` or, when MAIL_SEND_AFTER_COMMIT is on, right after the commit
(app/dispatch.py: the web process's worker, or before a command ends). SMTP in production (MAIL_SERVER set),
`.eml` files under MAIL_DIR otherwise."""

from flask import Flask

from app import dispatch, events
from app.mail import cli, outbox
from app.mail.outbox import queue, send_pending

DEFAULTS = {
    "MAIL_BACKEND": None,  # "smtp" or "file"; default: smtp when MAIL_SERVER is set, else file
    "MAIL_SERVER": None,
    "MAIL_PORT": 587,
    "MAIL_USE_TLS": True,  # STARTTLS on MAIL_PORT
    "MAIL_USE_SSL": False,  # implicit TLS (port 465)
    "MAIL_USERNAME": None,
    "MAIL_PASSWORD": None,
    "MAIL_TIMEOUT": 10,
    "MAIL_DEFAULT_SENDER": None,  # default: "<brand> Community <no-reply@localhost>"
    "MAIL_DIR": None,  # the file backend's folder; default: <instance>/mail
    "MAIL_SEND_AFTER_COMMIT": True,
    "MAIL_MAX_ATTEMPTS": 6,
    "MAIL_RETRY_SECONDS": 60,  # first retry after a minute, then doubling
    # A sender's claim on an e-mail lasts this long: one killed mid-send (a server lost) leaves the e-mail to the
    # next sender after it. Longer than a send can take (connection and each SMTP step wait MAIL_TIMEOUT), or a
    # slow live sender's e-mail would be sent again by another.
    "MAIL_CLAIM_SECONDS": 300,
    # Receiving (app/inbound): the brand's support address; unset, nothing is received and no e-mail carries a
    # reply address. MAIL_REPLY_ADDRESS: the reply address with `{token}`, default reply+{token}@<its domain>.
    "MAIL_INBOUND_ADDRESS": None,
    "MAIL_REPLY_ADDRESS": None,
    "MAIL_REPLY_TOKEN_DAYS": 90,
}

__all__ = ["init_app", "queue", "send_pending"]


def init_app(app: Flask) -> None:
    events.subscribe(events.RowsFlushed, outbox.on_rows_flushed)
    events.subscribe(events.PostRedacted, outbox.on_post_redacted)
    dispatch.register(outbox.OUTBOX, outbox.send_committed)
    cli.init_app(app)
