"""Reads for moderation pages: the audit log with its filters, finding a question by link, and the question a
duplicate points to."""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from urllib.parse import urlsplit

from flask import abort, current_app, has_request_context, request
from sqlalchemy import select

from app import parameters
from app.extensions import db
from app.models import ModerationAction, Post, Question, User
from app.questions.view_models import named_original


def _date(text: str | None) -> datetime | None:
    """A filter's day, or None (no filter) for one that is not a day the log could hold."""
    value = parameters.day(text)
    return datetime.combine(value, time(), UTC) if value and parameters.day_in_range(value) else None


@dataclass
class LogFilters:
    moderator_id: int | None
    action: str
    since: datetime | None
    until: datetime | None

    @classmethod
    def from_args(cls, args) -> "LogFilters":
        return cls(parameters.id_argument(args, "moderator"), args.get("action", "")[:40], _date(args.get("since")),
                   _date(args.get("until")))

    def arguments(self) -> dict[str, str]:
        """The filters as the page's query, for links that keep them (the CSV download)."""
        values = {"moderator": str(self.moderator_id or ""), "action": self.action,
                  "since": self.since.date().isoformat() if self.since else "",
                  "until": self.until.date().isoformat() if self.until else ""}
        return {name: value for name, value in values.items() if value}


EXPORT_LIMIT = 20_000  # rows in one CSV download: years of a brand team's work, and a bounded response


def _log_query(filters: LogFilters):
    query = select(ModerationAction).order_by(ModerationAction.created_at.desc(), ModerationAction.id.desc())
    if filters.moderator_id:
        query = query.where(ModerationAction.moderator_id == filters.moderator_id)
    if filters.action:
        query = query.where(ModerationAction.action == filters.action)
    if filters.since:
        query = query.where(ModerationAction.created_at >= filters.since)
    if filters.until:
        query = query.where(ModerationAction.created_at < filters.until + timedelta(days=1))
    return query


def list_log(filters: LogFilters, page: int, per_page: int = 50):
    return db.paginate(_log_query(filters), page=page, per_page=per_page, error_out=False)


def export_log(filters: LogFilters) -> list[ModerationAction]:
    return list(db.session.scalars(_log_query(filters).limit(EXPORT_LIMIT)))


def get_entry(entry_id: int) -> ModerationAction:
    return db.session.get(ModerationAction, entry_id) or abort(404)


def list_moderators() -> list[User]:
    return list(db.session.scalars(select(User).where(User.role.in_(("moderator", "admin"))).order_by(User.username)))


def list_actions() -> list[str]:
    return list(db.session.scalars(select(ModerationAction.action).distinct().order_by(ModerationAction.action)))


_QUESTION_REFERENCE = re.compile(r"#?(\d{1,10})|/questions/(\d{1,10})(?:/[^?#\s]*)?(?:[?#]\S*)?")


def _site_hosts() -> set[str]:
    """This site's host as configured, and as this request reached it (a trusted host)."""
    hosts = {urlsplit(current_app.config.get("SITE_URL") or "").netloc.lower()}
    if has_request_context():
        hosts.add(request.host.lower())
    return hosts - {""}


def find_question(text: str) -> Question | None:
    """A question given by number (`93`, `#93`), by its path (`/questions/93/…`) or by its full address on this
    site, as copied from the browser's address bar; None for anything else, another site's address included."""
    text = text.strip()
    if "://" in text:
        try:
            address = urlsplit(text)
            host = address.netloc.lower()
        except ValueError:  # e.g. an unclosed IPv6 bracket: no address of ours
            return None
        if host not in _site_hosts():
            return None
        text = address.path
    match = _QUESTION_REFERENCE.fullmatch(text)
    number = int(match.group(1) or match.group(2)) if match else None
    question = db.session.get(Question, number) if number and number <= parameters.MAX_ID else None
    return question if isinstance(question, Question) else None


def duplicate_original(question: Question) -> Question | None:
    """The question this one was closed as a duplicate of, while the public can see it (`named_original`)."""
    if question.closed_reason != "duplicate" or question.duplicate_of_id is None:
        return None
    original = db.session.get(Post, question.duplicate_of_id)
    return original if isinstance(original, Question) and named_original(question, original) else None
