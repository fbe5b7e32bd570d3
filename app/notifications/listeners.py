"""Domain events become notifications (app/events.py). Each event tells each person at most once, the most
direct reason winning (your question answered, before: you were mentioned, before: you follow it), and
never the person who acted."""

from app import clock, events, markup
from app.extensions import db
from app.models import Follow, Post, Tag, User, question_of
from app.notifications import queries
from app.notifications.messages import MODERATION_ACTIONS
from app.notifications.operations import notify, scrub_details


class _Once:
    """Recipients of one event: the actor and whoever was already told are skipped."""

    def __init__(self, actor: User | None):
        self.actor = actor
        self.told: set[int] = {actor.id} if actor is not None else set()

    def tell(self, user: User | None, kind: str, **fields) -> None:
        if user is None or user.id in self.told:
            return
        self.told.add(user.id)
        notify(user, kind, actor=self.actor, **fields)


def _mentioned(html: str) -> list[User]:
    ids = {int(path.rstrip("/").split("/")[2]) for path in markup.mentioned_paths(html)
           if path.startswith("/users/") and path.split("/")[2].isdigit()}
    return [db.session.get_one(User, user_id) for user_id in sorted(ids)] if ids else []


def question_asked(event: events.QuestionAsked) -> None:
    question = event.question
    author = question.author
    if author is not None:  # the asker follows their own question
        db.session.add(Follow(user_id=author.id, question_id=question.id, created_at=clock.now()))
    once = _Once(author)
    for user in _mentioned(question.body_html):
        once.tell(user, "mention", question=question, post=question)
    tag_names = ", ".join(t.name for t in question.tags)
    for user in queries.tag_followers(question.id):
        once.tell(user, "followed_question", question=question, post=question, subject=tag_names)


def answer_posted(event: events.AnswerPosted) -> None:
    answer, question = event.answer, event.question
    once = _Once(answer.author)
    once.tell(question.author, "answer", question=question, post=answer)
    for user in _mentioned(answer.body_html):
        once.tell(user, "mention", question=question, post=answer)
    for user in queries.question_followers(question.id):
        once.tell(user, "followed_answer", question=question, post=answer)


def comment_posted(event: events.CommentPosted) -> None:
    comment, post = event.comment, event.post
    question = question_of(post)
    once = _Once(comment.author)
    fields = {"question": question, "post": post, "comment": comment}
    once.tell(post.author, "comment", **fields)
    for user in _mentioned(comment.body_html):
        once.tell(user, "mention", **fields)
    for user in queries.question_followers(question.id):
        once.tell(user, "followed_comment", **fields)


def answer_accepted(event: events.AnswerAccepted) -> None:
    _Once(event.user).tell(event.answer.author, "accepted", question=event.answer.question, post=event.answer)


def answer_official(event: events.AnswerMarkedOfficial) -> None:
    _Once(event.moderator).tell(event.answer.author, "official", question=event.answer.question, post=event.answer)


def faq_promoted(event: events.FaqPromoted) -> None:
    _Once(event.moderator).tell(event.question.author, "faq", question=event.question, post=event.question)


def badges_awarded(event: events.BadgesAwarded) -> None:
    for award in event.awards:
        user = db.session.get(User, award["user_id"])
        tag = db.session.get(Tag, award["tag_id"]) if award.get("tag_id") else None
        if user is not None:
            notify(user, "badge", subject=award["badge"], detail=tag.name if tag else "")


def moderation_recorded(event: events.ModerationRecorded) -> None:
    action = event.action
    if action.target_type != "post" or action.action not in MODERATION_ACTIONS:
        return
    post = db.session.get(Post, action.target_id)
    if post is None:
        return
    question = question_of(post)
    _Once(event.moderator).tell(post.author, "moderation", question=question, post=post, subject=action.action,
                                detail=action.reason if action.action != "redact" else "")


def question_assigned(event: events.QuestionAssigned) -> None:
    _Once(event.moderator).tell(event.assignee, "assigned", question=event.question, post=event.question)


def post_redacted(event: events.PostRedacted) -> None:
    scrub_details(event.post.id, event.scrub)


LISTENERS = (
    events.Subscription(events.QuestionAsked, question_asked),
    events.Subscription(events.AnswerPosted, answer_posted),
    events.Subscription(events.CommentPosted, comment_posted),
    events.Subscription(events.AnswerAccepted, answer_accepted),
    events.Subscription(events.AnswerMarkedOfficial, answer_official),
    events.Subscription(events.FaqPromoted, faq_promoted),
    events.Subscription(events.BadgesAwarded, badges_awarded),
    events.Subscription(events.ModerationRecorded, moderation_recorded),
    events.Subscription(events.QuestionAssigned, question_assigned),
    events.Subscription(events.PostRedacted, post_redacted),
)
