"""Names of the statuses and reasons of received messages, as the pages show them."""

from app.i18n import lazy_gettext as _l

STATUS_LABELS = {
    "received": _l("Waiting"), "posted": _l("Posted"), "held": _l("Held"), "refused": _l("Refused"),
    "dropped": _l("Dropped"), "duplicate": _l("Duplicate"), "rejected": _l("Rejected"), "failed": _l("Failed"),
}
REASON_LABELS = {
    "auto_submitted": _l("automatic message (Auto-Submitted)"), "bulk": _l("bulk mail (Precedence)"),
    "auto_reply": _l("auto-reply"), "mailing_list": _l("mailing list (List-Id)"), "bounce": _l("bounce"),
    "no_sender": _l("no sender address"), "no_reply_sender": _l("sent from a no-reply address"),
    "loop": _l("sent by this site"), "not_for_us": _l("not sent to one of our addresses"),
    "not_authenticated": _l("sender not authenticated (SPF/DKIM)"),
    "unknown_sender": _l("first message of a new sender"),
    "forged_from": _l("sent from another address than the reply address's member"),
    "personal_data": _l("looks like personal data"), "no_tag": _l("product not recognised"),
    "suspended": _l("sender suspended"), "unknown_token": _l("unknown reply address"),
    "expired_token": _l("expired reply address"), "no_post": _l("reply to an e-mail about no single post"),
    "post_gone": _l("the post was deleted"), "empty": _l("no new text"), "too_large": _l("too large"),
    "malformed": _l("malformed"), "headers_too_long": _l("headers too long"),
    "header_too_long": _l("a header too long"), "too_many_parts": _l("too many parts"),
    "too_deep": _l("parts nested too deep"), "invalid": _l("refused by the rules"),
    "rate_limited": _l("over a limit"), "forbidden": _l("not allowed"), "conflict": _l("conflict"),
    "duplicate": _l("the same Message-ID again"), "error": _l("processing failed"),
}


REPLY_LABELS = {
    "acknowledged": _l("acknowledged, with the question's link"), "confirmed": _l("told what was left out"),
    "held": _l("told it waits for a check"), "refused": _l("told why it was refused"),
    "approved": _l("told it is published"), "rejected": _l("told the moderator's reason"),
}


def reply_label(kind: str | None) -> str:
    return str(REPLY_LABELS.get(kind, kind)) if kind else ""


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


def reason_label(reason: str | None) -> str:
    return str(REASON_LABELS.get(reason, reason)) if reason else ""
