"""Run the heuristics when a post is saved and keep what they find for the care queue: listeners on the
content events (subscribed by app.moderation), each inside the transaction of the post it scans."""

from sqlalchemy import select, update

from app import clock, events, heuristics
from app.extensions import db
from app.models import Comment, Post, PostSignal, Question, question_of
from app.moderation import unhappiness


def _replace(post_id: int, kind: str, detail: str | None, comment_id: int | None = None) -> None:
    """One open signal of a kind per post (per comment for comments); a new save refreshes it."""
    db.session.execute(update(PostSignal).where(
        PostSignal.post_id == post_id, PostSignal.kind == kind, PostSignal.dismissed_at.is_(None),
        PostSignal.comment_id.is_(None) if comment_id is None else PostSignal.comment_id == comment_id,
    ).values(dismissed_at=clock.now()))
    if detail:
        signal = PostSignal(post_id=post_id, kind=kind, detail=detail[:500], comment_id=comment_id,
                            created_at=clock.now())
        db.session.add(signal)
        events.emit(events.PostSignalled(signal))


def _personal_data(post_id: int, text: str, comment_id: int | None = None) -> None:
    """What looks like personal data opens a signal, or joins the one open. A save never closes it: an edit that
    takes the data out leaves it in the post's history, which only a redaction rewrites (or a moderator
    dismisses it)."""
    kinds = {finding.kind for finding in heuristics.find_personal_data(text)}
    if not kinds:
        return
    signal = db.session.scalar(select(PostSignal).where(
        PostSignal.post_id == post_id, PostSignal.kind == "personal_data", PostSignal.dismissed_at.is_(None),
        PostSignal.comment_id.is_(None) if comment_id is None else PostSignal.comment_id == comment_id))
    if signal is None:
        _replace(post_id, "personal_data", ", ".join(sorted(kinds)), comment_id)
    else:
        signal.detail = ", ".join(sorted(kinds | set(signal.detail.split(", "))))


def _unhappy(text: str, author) -> str:
    """The brand team's own words ("we will refund you") are not a customer's complaint."""
    return "" if author is not None and author.is_moderator else ", ".join(unhappiness.unhappy_signals(text))


def recheck_unhappy(signal: PostSignal) -> bool:
    """An open 'unhappy' signal read again by the current check: its words refreshed, or the signal removed
    when the text no longer sounds unhappy (it was the check's mistake, not a moderator's decision, so it leaves
    no dismissal behind). No event: the help desk heard of it when it was raised. True if it stays."""
    if signal.comment_id is None:
        text, author = f"{signal.post.title or ''}\n{signal.post.body_markdown}", signal.post.author
    else:
        comment = db.session.get_one(Comment, signal.comment_id)
        text, author = comment.body_markdown, comment.author
    words = _unhappy(text, author)
    if words:
        signal.detail = words[:500]
    else:
        db.session.delete(signal)
    return bool(words)


def scan_post(post: Post) -> None:
    text = f"{post.title or ''}\n{post.body_markdown}"
    _replace(post.id, "unhappy", _unhappy(text, post.author))
    _personal_data(post.id, text)


def scan_comment(comment: Comment, post: Post) -> None:
    question = question_of(post)
    _replace(post.id, "unhappy", _unhappy(comment.body_markdown, comment.author), comment.id)
    _personal_data(post.id, comment.body_markdown, comment.id)
    solved = question.accepted_answer_id is not None or question.has_official_answer
    if (comment.author_id == question.author_id and solved
            and heuristics.asker_still_unsolved(comment.body_markdown)):
        _replace(question.id, "still_unsolved", comment.body_markdown[:200], comment.id)


def on_question_asked(event: events.QuestionAsked) -> None:
    scan_post(event.question)


def on_answer_posted(event: events.AnswerPosted) -> None:
    scan_post(event.answer)


def on_comment_posted(event: events.CommentPosted) -> None:
    scan_comment(event.comment, event.post)


def on_post_edited(event: events.PostEdited) -> None:
    scan_post(event.post)


LISTENERS = (
    events.Subscription(events.QuestionAsked, on_question_asked),
    events.Subscription(events.AnswerPosted, on_answer_posted),
    events.Subscription(events.CommentPosted, on_comment_posted),
    events.Subscription(events.PostEdited, on_post_edited),
)


def mark_still_unsolved(question: Question, note: str = "") -> None:
    """The asker pressed "Still not solved" (after a reminder or on the question page)."""
    _replace(question.id, "still_unsolved", note or "still not solved")


def mark_dissatisfied(question: Question, comment: str = "") -> None:
    """The asker said the answer did not solve it (or rated the help 2 or less): the thread is unhappy, solved or
    not, with their comment."""
    _replace(question.id, "dissatisfied", comment or "not solved")


def clear_dissatisfied(question: Question) -> None:
    """The asker changed their answer to a happy one: the open signal it raised closes."""
    _replace(question.id, "dissatisfied", None)


def open_signals(post_ids: list[int]) -> list[PostSignal]:
    return list(db.session.scalars(select(PostSignal).where(PostSignal.post_id.in_(post_ids),
                                                            PostSignal.dismissed_at.is_(None))))
