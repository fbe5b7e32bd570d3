"""What a notification says and where it leads, composed in the reader's language when shown or e-mailed."""

from app.badges.catalog import BY_SLUG, display_name
from app.extensions import db
from app.i18n import gettext as _
from app.i18n import lazy_gettext as _l
from app.i18n import ngettext
from app.markup import plain_text
from app.models import Answer, Comment, Notification
from app.moderation.operations import CLOSE_REASON_LABELS
from app.notifications import links

# Moderator actions on a post that its author hears about, each a sentence of its own so that
# Italian can phrase it naturally. (Official marks have their own notification; dismissed signals and
# flags are the team's housekeeping.)
MODERATION_ACTIONS = {
    "close": _l("The brand team closed your question “%(title)s”."),
    "reopen": _l("The brand team reopened your question “%(title)s”."),
    "lock": _l("The brand team locked your question “%(title)s”."),
    "unlock": _l("The brand team unlocked your question “%(title)s”."),
    "delete": _l("Your post in “%(title)s” was deleted by %(actor)s."),
    "delete_spam": _l("Your post in “%(title)s” was deleted as spam by %(actor)s."),
    "undelete": _l("Your post in “%(title)s” was restored by %(actor)s."),
    "edit": _l("%(actor)s edited your post in “%(title)s”."),
    "redact": _l("The brand team removed personal data from your post in “%(title)s”."),
    "unmark_official": _l("The brand team no longer marks your answer to “%(title)s” as official."),
}

_SENTENCES = {
    "answer": _l("%(actor)s answered your question “%(title)s”."),
    "comment": _l("%(actor)s commented on your post in “%(title)s”."),
    "mention": _l("%(actor)s mentioned you in “%(title)s”."),
    "accepted": _l("%(actor)s accepted your answer to “%(title)s”."),
    "official": _l("The brand team marked your answer to “%(title)s” as official."),
    "faq": _l("Your question “%(title)s” is now in the FAQ."),
    "followed_answer": _l("%(actor)s answered “%(title)s”, a question you follow."),
    "followed_comment": _l("%(actor)s commented in “%(title)s”, a question you follow."),
    "followed_question": _l("%(actor)s asked “%(title)s” about %(tag)s, a product you follow."),
    "assigned": _l("%(actor)s assigned the question “%(title)s” to you."),
    "reminder": _l("Did an answer solve “%(title)s”? Accept it, or tell the brand team it is still not solved."),
}


def describe(notification: Notification) -> str:
    """One sentence, in the current language."""
    n = notification
    if n.kind == "badge":
        badge = BY_SLUG.get(n.subject)
        name = display_name(badge, n.detail or None) if badge else n.subject
        return _("You earned the badge “%(badge)s”.", badge=name)
    actor = n.actor.name if n.actor else _("A former member")
    title = n.question.title if n.question else _("a deleted question")
    if n.kind == "moderation":
        sentence = MODERATION_ACTIONS.get(n.subject)
        text = str(sentence % {"title": title, "actor": actor}) if sentence else _(
            "The brand team changed your post in “%(title)s”.", title=title)
        reason = str(CLOSE_REASON_LABELS.get(n.detail, n.detail)) if n.subject == "close" else n.detail
        return " ".join((text, _("Reason: %(reason)s", reason=reason))) if reason else text
    sentence = _SENTENCES.get(n.kind)
    if sentence is None:
        return _("Something happened in “%(title)s”.", title=title)
    return str(sentence) % {"actor": actor, "title": title, "tag": n.subject}


# Several notifications of one kind about one question, said once ("%(num)s updates" for other kinds).
_GROUPED = {
    "answer": lambda n, title: ngettext("%(num)s new answer to your question “%(title)s”.",
                                        "%(num)s new answers to your question “%(title)s”.", n, title=title),
    "comment": lambda n, title: ngettext("%(num)s new comment on your posts in “%(title)s”.",
                                         "%(num)s new comments on your posts in “%(title)s”.", n, title=title),
    "mention": lambda n, title: ngettext("%(num)s new mention of you in “%(title)s”.",
                                         "%(num)s new mentions of you in “%(title)s”.", n, title=title),
    "followed_answer": lambda n, title: ngettext("%(num)s new answer in “%(title)s”, a question you follow.",
                                                 "%(num)s new answers in “%(title)s”, a question you follow.",
                                                 n, title=title),
    "followed_comment": lambda n, title: ngettext("%(num)s new comment in “%(title)s”, a question you follow.",
                                                  "%(num)s new comments in “%(title)s”, a question you follow.",
                                                  n, title=title),
}


def _updates(n: int, title: str) -> str:
    return ngettext("%(num)s update on “%(title)s”.", "%(num)s updates on “%(title)s”.", n, title=title)


def describe_group(newest: Notification, count: int) -> str:
    """One sentence for a group of `count` notifications whose newest is `newest`."""
    if count == 1:
        return describe(newest)
    title = newest.question.title if newest.question else _("a deleted question")
    return _GROUPED.get(newest.kind, _updates)(count, title)


def target_path(notification: Notification) -> str | None:
    """Where the notification leads: the answer or comment itself, the question, or the badge."""
    n = notification
    if n.kind == "badge":
        return links.path_for("badges.show", slug=n.subject) if n.subject in BY_SLUG else None
    if n.question is None or not n.question.is_public:  # deleted, or hidden after flags: no page to lead to
        return None
    if n.comment_id:
        return links.question_path(n.question, f"comment-{n.comment_id}")
    if isinstance(n.post, Answer) and n.post.is_public:
        return links.question_path(n.question, f"answer-{n.post.id}")
    return links.question_path(n.question)


def excerpt(notification: Notification, length: int = 300) -> str:
    """The words that caused it (an answer, a comment, a question), as plain text, for e-mails; none once they
    are deleted or hidden (a daily summary is written hours later)."""
    n = notification
    if n.question is None or not n.question.is_public or (n.post is not None and not n.post.is_public):
        return ""
    if n.comment_id:
        comment = db.session.get(Comment, n.comment_id)
        html = comment.body_html if comment and comment.deleted_at is None else ""
    elif n.post is not None and n.kind in ("answer", "followed_answer", "mention", "followed_question"):
        html = n.post.body_html
    else:
        return ""
    text = plain_text(html)
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
