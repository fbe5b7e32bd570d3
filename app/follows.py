"""Whether a member follows a question or a tag. Read by the follow buttons of the question page, the tag pages
and the inbox, and by notifications (who is told of what); following and unfollowing are notifications'."""

from sqlalchemy import select

from app.extensions import db
from app.models import Follow


def follows_question(user_id: int, question_id: int) -> bool:
    return db.session.scalar(select(Follow.id).where(Follow.user_id == user_id,
                                                     Follow.question_id == question_id)) is not None


def follows_tag(user_id: int, tag_id: int) -> bool:
    return db.session.scalar(select(Follow.id).where(Follow.user_id == user_id, Follow.tag_id == tag_id)) is not None
