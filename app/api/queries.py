"""Reads for the token settings page."""

from flask import abort
from sqlalchemy import select

from app.extensions import db
from app.models import User
from app.models.api_token import ApiToken


def list_tokens(user: User) -> list[ApiToken]:
    """Active tokens first, newest first; revoked ones stay listed so their owner sees what ended when."""
    return list(db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)
                                   .order_by(ApiToken.revoked_at.is_not(None), ApiToken.created_at.desc(),
                                             ApiToken.id.desc())))


def get_own_token(user: User, token_id: int) -> ApiToken:
    """One of the user's tokens, or 404: someone else's token does not exist for them."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        abort(404)
    return token
