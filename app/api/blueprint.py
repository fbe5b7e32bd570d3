"""The /api/v1 blueprint: JSON errors for everything under it, rate limits, and the OpenAPI document."""

from collections.abc import Callable

from flask import Blueprint, current_app, jsonify

from app.api import auth, errors, openapi
from app.extensions import limiter

bp = Blueprint("api", __name__, url_prefix="/api/v1")
errors.register(bp)
bp.before_request(auth.act_as_token_owner)


def config_value(key: str):
    return lambda: current_app.config[key]


read_limit = limiter.limit(config_value("API_READ_RATE_LIMIT"))


def write_limit(limit: str | Callable[[], str]):
    """The web form's limit for the same action, counted per member."""
    return limiter.limit(limit, key_func=auth.rate_key)


@bp.get("/openapi.json")
@read_limit
def openapi_document():
    response = jsonify(openapi.document())
    response.headers["Access-Control-Allow-Origin"] = "*"  # public and credential-free: doc viewers may fetch it
    return response
