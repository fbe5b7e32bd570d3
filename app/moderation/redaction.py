"""Redaction: what looks like personal data leaves a post (title and body), its comments and its history, and
then every stored copy of them, in one action of the brand team.

COPIES names every column that keeps post text and how a redaction reaches it; a test holds each text column of
the schema to it or to a reason why it keeps no post text. Why history is rewritten rather than hidden, and what
stays (e-mails already sent), is in docs/decisions.md.
"""

import email
import email.policy
from collections import Counter
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import overload

from sqlalchemy import or_, select, update

from app import audit, clock, events, heuristics, markup
from app.errors import Conflict
from app.extensions import db
from app.i18n import lazy_gettext as _l
from app.models import (
    AssistantSession,
    Comment,
    FaqEntry,
    Flag,
    InboundMessage,
    InternalNote,
    Post,
    PostSignal,
    Question,
    Revision,
    User,
)
from app.permissions import require_moderator
from app.questions.operations import add_revision
from app.slugs import slugify

# Every column that keeps post text, and how a redaction reaches it:
# "rewritten" (the post's own texts: found and replaced, HTML rendered again), "copied" (copies elsewhere:
# the strings found are replaced, also where a copy was cut short), "unsent" (copied, while not yet sent:
# a sent e-mail has left), "derived" (rebuilt from the rows above after the commit).
COPIES = {
    "posts.title": "rewritten", "posts.slug": "rewritten", "posts.body_markdown": "rewritten",
    "posts.body_html": "rewritten", "posts.official_note": "copied",
    "comments.body_markdown": "rewritten", "comments.body_html": "rewritten",
    "revisions.title": "rewritten", "revisions.body_markdown": "rewritten", "revisions.summary": "rewritten",
    "faq_entries.title": "copied", "faq_entries.approved_html": "rewritten",
    "faq_entries.wording_markdown": "copied", "faq_entries.wording_html": "copied",
    "moderation_log.reason": "copied", "moderation_log.before": "copied", "moderation_log.after": "copied",
    "post_signals.detail": "copied", "flags.text": "copied", "notifications.detail": "copied",
    "webhook_deliveries.body": "copied",
    # The brand team's notes on the question may quote what the customer wrote.
    "internal_notes.body_markdown": "copied", "internal_notes.body_html": "copied",
    # What a customer typed to the assistant before handing it over as this question (sessions not handed over
    # are never shown to anyone else, and are deleted after the retention period).
    **dict.fromkeys(("assistant_sessions.title", "assistant_sessions.text", "assistant_sessions.topic",
                     "assistant_sessions.topic_words"), "copied"),
    "mail_outbox.subject": "unsent", "mail_outbox.text_body": "unsent", "mail_outbox.html_body": "unsent",
    "search_documents.title": "derived", "search_documents.body": "derived", "search_documents.answers": "derived",
    "search_documents.accepted": "derived", "search_documents.tsv": "derived",
    "search_documents.title_tsv": "derived",
    **dict.fromkeys(("assistant_terms.term", "assistant_vocabulary.term"), "derived"),
    **dict.fromkeys(("inbound_messages.subject", "inbound_messages.draft", "inbound_messages.detail"), "copied"),
}


@dataclass
class Removal:
    """What one redaction found, and how it rewrites a copy: each string found becomes its label, and the
    question's old address its new one when the title (and so the slug) changed."""

    labels: dict[str, str] = field(default_factory=dict)
    addresses: dict[str, str] = field(default_factory=dict)
    found: Counter = field(default_factory=Counter)
    places: list[str] = field(default_factory=list)

    def collect(self, text: str | None, place: str) -> list[heuristics.Finding]:
        findings = heuristics.find_personal_data(text or "")
        for finding in findings:
            self.labels[finding.text] = heuristics.LABELS[finding.kind]
            self.found[finding.kind] += 1
        if findings:
            self.places.append(place)
        return findings

    @overload
    def rewrite(self, text: str, limit: int | None = None) -> str: ...
    @overload
    def rewrite(self, text: None, limit: int | None = None) -> None: ...
    @overload
    def rewrite(self, text: str | None, limit: int | None = None) -> str | None: ...

    def rewrite(self, text: str | None, limit: int | None = None) -> str | None:
        """One of the post's own texts (never cut short): its findings and every other string found go."""
        if text is None:
            return None
        text = heuristics.scrub(heuristics.redact(text), self.labels, shortest_cut=None)
        return text if limit is None or len(text) <= limit else text[:limit - 1].rstrip() + "…"

    def __call__(self, copy: str) -> str:
        """A copy kept elsewhere (perhaps cut short, as excerpts are)."""
        copy = heuristics.scrub(copy, self.labels)
        for old, new in self.addresses.items():
            copy = copy.replace(old, new)
        return copy

    @property
    def needles(self) -> list[str]:
        """Short strings every affected copy contains: the beginning of each string found, the old address."""
        return sorted({text[:3] for text in self.labels} | set(self.addresses))


def _limit(column) -> int:
    return column.property.columns[0].type.length


def redact_personal_data(moderator: User, post: Post) -> int:
    """Remove what looks like personal data from a post, its comments and its history, then from every copy
    (FAQ entry, audit log, signals, flags, the team's internal notes, notifications, e-mails not sent yet, webhook
    deliveries). Returns how many pieces were found."""
    require_moderator(moderator)
    comments = list(db.session.scalars(select(Comment).where(Comment.post_id == post.id).order_by(Comment.id)))
    revisions = list(db.session.scalars(select(Revision).where(Revision.post_id == post.id)
                                        .order_by(Revision.number)))
    removal = Removal()
    _collect(removal, post, comments, revisions)
    if not removal.labels:
        raise Conflict(_l("Nothing that looks like personal data was found in this post."))
    now = clock.now()
    if _rewrite_post(removal, post):
        post.last_edited_at = now
        add_revision(post, moderator, str(_l("personal data removed")))
    for comment in comments:
        body = removal.rewrite(comment.body_markdown, _limit(Comment.body_markdown))
        if body != comment.body_markdown:
            comment.body_markdown, comment.body_html, comment.redacted_at = body, markup.render_comment(body), now
    for revision in revisions:
        revision.title = removal.rewrite(revision.title, _limit(Revision.title))
        revision.body_markdown = removal.rewrite(revision.body_markdown)
        revision.summary = removal.rewrite(revision.summary, _limit(Revision.summary))
    # The question moves in "active" and in the sitemaps' lastmod, so that search engines fetch it again.
    db.session.execute(update(Post).where(Post.id == post.question_id).values(last_activity_at=now))
    db.session.flush()
    _rewrite_copies(removal, post)
    _dismiss_fixed_signals(moderator, post)
    audit.record(moderator, "redact", "post", post.id, ", ".join(sorted(removal.found)), None,
                 {"removed": dict(sorted(removal.found.items())), "from": removal.places})
    return sum(removal.found.values())


def _collect(removal: Removal, post: Post, comments: list[Comment], revisions: list[Revision]) -> None:
    removal.collect(post.title, "title")
    removal.collect(post.body_markdown, "body")
    for comment in comments:
        removal.collect(comment.body_markdown, f"comment {comment.id}")
    for revision in revisions:
        removal.collect(f"{revision.title or ''}\n{revision.body_markdown}\n{revision.summary}",
                        f"revision {revision.number}")


def _rewrite_post(removal: Removal, post: Post) -> bool:
    """The post's title (and so its address) and body; whether either changed."""
    title = removal.rewrite(post.title, _limit(Post.title))
    body = removal.rewrite(post.body_markdown)
    if title == post.title and body == post.body_markdown:
        return False
    if title is not None and title != post.title:  # (None only for a post without one: then it is unchanged)
        old = f"/questions/{post.id}/{post.slug}"
        post.title, post.slug = title, slugify(title)
        removal.addresses[old] = f"/questions/{post.id}/{post.slug}"
    if body != post.body_markdown:
        post.body_markdown, post.body_html = body, markup.render_post(body)
    return True


def _rewrite_copies(removal: Removal, post: Post) -> None:
    """The copies this module knows; the features that keep others (the FAQ, notifications, unsent e-mail,
    webhook deliveries) rewrite theirs on PostRedacted."""
    if post.official_note:
        post.official_note = removal(post.official_note)[:_limit(Post.official_note)]
    events.emit(events.PostRedacted(post, removal, tuple(removal.needles)))
    entry_ids = list(db.session.scalars(select(FaqEntry.id).where(FaqEntry.question_id == post.question_id)))
    messages = _received_mail(post)
    audit.scrub_entries([("post", post.id), *(("faq", entry_id) for entry_id in entry_ids),
                         *(("email", message.id) for message in messages)], removal)
    for signal in db.session.scalars(select(PostSignal).where(PostSignal.post_id == post.id)):
        signal.detail = removal(signal.detail)[:_limit(PostSignal.detail)]
    for flag in db.session.scalars(select(Flag).where(Flag.post_id == post.id)):
        flag.text = removal(flag.text)[:_limit(Flag.text)]
    for note in db.session.scalars(select(InternalNote).where(InternalNote.question_id == post.question_id)):
        note.body_markdown = removal(note.body_markdown)
        note.body_html = markup.render_post(note.body_markdown)
    for session in db.session.scalars(select(AssistantSession).where(AssistantSession.question_id == post.id)):
        session.title, session.text = removal(session.title), removal(session.text)
        session.topic = removal(session.topic)[:_limit(AssistantSession.topic)]
        session.topic_words = removal(session.topic_words)[:_limit(AssistantSession.topic_words)]
    for message in messages:
        _rewrite_received(removal, message)


def _received_mail(post: Post) -> list[InboundMessage]:
    """The e-mails that became the post or one of its comments, or replied to it (held or refused), and their
    second deliveries: their words are the post's."""
    comment_ids = select(Comment.id).where(Comment.post_id == post.id)
    linked = select(InboundMessage.id).where(or_(InboundMessage.post_id == post.id,
                                                 InboundMessage.target_post_id == post.id,
                                                 InboundMessage.comment_id.in_(comment_ids)))
    return list(db.session.scalars(select(InboundMessage).where(or_(InboundMessage.id.in_(linked),
                                                                    InboundMessage.duplicate_of_id.in_(linked)))))


def _rewrite_received(removal: Removal, message: InboundMessage) -> None:
    """A received e-mail keeps its words without the data, as plain text: attachments and the HTML part, which
    the post never showed, go."""
    message.subject = removal(message.subject)[:_limit(InboundMessage.subject)] if message.subject else None
    message.detail = removal(message.detail) if message.detail else None
    if message.draft:  # its pictures were attachments of the message, which go: so do their descriptions
        message.draft = {key: removal(value) if isinstance(value, str) else value
                         for key, value in message.draft.items() if key != "pictures"}
    message.raw_message = _plain_copy(message.raw_message, removal)


def _plain_copy(raw: bytes, removal: Removal) -> bytes:
    received = email.message_from_bytes(raw, policy=email.policy.default)
    copy = EmailMessage()
    for name in ("From", "To", "Date", "Message-ID", "In-Reply-To", "References", "Subject"):
        value = received.get(name)
        if value is not None:
            copy[name] = removal(str(value)) if name == "Subject" else str(value)
    body = received.get_body(preferencelist=("plain", "html"))
    text = body.get_content() if body is not None else ""
    copy.set_content(removal(text if body is None or body.get_content_subtype() == "plain"
                             else markup.plain_text(text)))
    return copy.as_bytes()


def _dismiss_fixed_signals(moderator: User, post: Post) -> None:
    """Dismiss the personal-data signals whose text is now clean: the post's own (title, body and history) and
    each comment's; a signal whose text still holds something stays in the queue."""
    now = clock.now()
    for signal in db.session.scalars(select(PostSignal).where(
            PostSignal.post_id == post.id, PostSignal.kind == "personal_data", PostSignal.dismissed_at.is_(None))):
        if not heuristics.find_personal_data(_signal_text(post, signal)):
            signal.dismissed_at, signal.dismissed_by_id = now, moderator.id


def _signal_text(post: Post, signal: PostSignal) -> str:
    if signal.comment_id is not None:
        comment = db.session.get(Comment, signal.comment_id)
        return comment.body_markdown if comment else ""
    history = db.session.execute(select(Revision.title, Revision.body_markdown, Revision.summary)
                                 .where(Revision.post_id == post.id))
    title = post.title if isinstance(post, Question) else ""
    return "\n".join([title or "", post.body_markdown, *("\n".join(filter(None, row)) for row in history)])
