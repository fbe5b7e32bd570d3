"""The moderation log as people read it: each entry a sentence naming who did what to which post (by title,
deleted ones too: only moderators read the log), its reason in words, and the fields it changed from one value
to the other. The page and the CSV export are built from the same `LogEntry` views."""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import url_for
from markupsafe import Markup, escape
from sqlalchemy import select

from app import clock
from app.extensions import db
from app.i18n import LANGUAGE_NAMES, full_time
from app.i18n import gettext as _
from app.models import FaqEntry, ModerationAction, Post, Tag, User
from app.moderation import actions, undo
from app.moderation.operations import CLOSE_REASON_LABELS
from app.spreadsheets import cell

TEXT_LIMIT = 160  # a value longer than this (a post's text) is cut in the log; the revisions keep it whole


@dataclass(frozen=True)
class Target:
    name: str
    url: str | None


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class LogEntry:
    id: int
    created_at: datetime
    moderator: User | None
    action: str
    label: str
    sentence: Markup
    sentence_text: str
    target_type: str
    target_id: int
    target: Target
    reason: str
    changes: tuple[Change, ...]
    undoable: bool


@dataclass
class _Names:
    """Everything the entries name, read in one query per kind."""

    posts: dict[int, Post]
    questions: dict[int, Post]
    users: dict[int, User]
    tags: dict[int, Tag]
    faq: dict[int, FaqEntry]
    undone: dict[int, ModerationAction]


def _ids(entries: list[ModerationAction], kind: str) -> set[int]:
    return {e.target_id for e in entries if e.target_type == kind}


POST_FIELDS = ("duplicate_of", "answer_id", "twins")  # values naming posts by id: shown by title
USER_FIELDS = ("holder",)  # values naming members by id: shown by name
TIME_FIELDS = ("until", "review_due")  # moments kept as ISO text: shown as the reader's date and time


def _referenced(entries: list[ModerationAction], fields: tuple[str, ...]) -> set[int]:
    """Ids named inside the values (a duplicate's original, an FAQ entry's answer or product, translations)."""
    found: set[int] = set()
    for entry in entries:
        for values in (entry.before or {}, entry.after or {}):
            for field in fields:
                value = values.get(field)
                found.update(v for v in (value if isinstance(value, list) else [value]) if isinstance(v, int))
    return found


def _by_id(model, ids: Iterable[int]) -> dict[int, Any]:
    ids = set(ids)
    return {row.id: row for row in db.session.scalars(select(model).where(model.id.in_(ids)))} if ids else {}


def _names(entries: list[ModerationAction]) -> _Names:
    posts = _by_id(Post, _ids(entries, "post") | _referenced(entries, POST_FIELDS))
    questions = _by_id(Post, {p.parent_id for p in posts.values() if p.parent_id} - set(posts))
    undone_ids = {undoes for e in entries if isinstance(undoes := (e.after or {}).get("undoes"), int)}
    users = _by_id(User, _ids(entries, "user") | _referenced(entries, USER_FIELDS))
    return _Names(posts, {**posts, **questions}, users,
                  _by_id(Tag, _ids(entries, "tag") | _referenced(entries, ("tag_id",))),
                  _by_id(FaqEntry, _ids(entries, "faq")), _by_id(ModerationAction, undone_ids))


def _post_name(post: Post | None, names: _Names) -> str:
    if post is None:
        return ""
    if post.kind == "answer":
        question = names.questions.get(post.parent_id or 0)
        return _("the answer to “%(title)s”", title=question.title if question else "")
    return f"“{post.title}”"


def _target(entry: ModerationAction, names: _Names) -> Target:
    kind, target_id = entry.target_type, entry.target_id
    if kind == "post":
        post = names.posts.get(target_id)
        return Target(_post_name(post, names) or _("post #%(id)s", id=target_id),
                      url_for("questions.post_link", post_id=target_id))
    if kind == "user":
        user = names.users.get(target_id)
        return Target(user.name if user else _("member #%(id)s", id=target_id),
                      url_for("accounts.profile", user_id=target_id))
    if kind == "tag":
        tag = names.tags.get(target_id)
        return Target(tag.name if tag else _("tag #%(id)s", id=target_id),
                      url_for("questions.tagged", name=tag.name) if tag else None)
    if kind == "faq":
        faq = names.faq.get(target_id)
        return Target(f"“{faq.title if faq else entry.reason}”",
                      url_for("questions.post_link", post_id=faq.question_id) if faq else None)
    if kind == "email":
        return Target(_("a received e-mail (#%(id)s)", id=target_id), url_for("inbound.held", message_id=target_id))
    if kind == "webhook":
        return Target(_("webhook #%(id)s", id=target_id), None)
    if kind == "saved_reply":
        title = (entry.after or entry.before or {}).get("title")
        return Target(f"“{title}”" if title else _("#%(id)s", id=target_id), None)
    return Target(f"{kind} #{target_id}", None)


def _sentence_parts(entry: ModerationAction, names: _Names) -> tuple[str, dict[str, Target]]:
    """The sentence's id in `actions.ACTIONS` and the people and posts it names."""
    after = entry.after or {}
    parts = {"moderator": Target(entry.moderator.name, url_for("accounts.profile", user_id=entry.moderator.id))
             if entry.moderator else Target(_("An automatic rule"), None), "target": _target(entry, names)}
    key = entry.action
    original = names.posts.get(after.get("duplicate_of") or 0) if entry.action == "close" else None
    if original is not None:
        key = "close_duplicate"
        parts["original"] = Target(_post_name(original, names), url_for("questions.post_link", post_id=original.id))
    if entry.action == "undo":
        undone = names.undone.get(after.get("undoes") or 0)
        parts["undone"] = Target(actions.label(undone.action) if undone else "", None)
    return key, parts


def _sentence(entry: ModerationAction, names: _Names) -> tuple[Markup, str]:
    """The sentence as HTML (names linked, every name escaped) and as text (for the CSV)."""
    key, parts = _sentence_parts(entry, names)
    if key not in actions.ACTIONS:
        text = f"{entry.action}: {parts['target'].name}"
        return escape(text), text
    template = str(actions.ACTIONS[key][1])
    html = escape(template) % {name: Markup('<a href="{}">{}</a>').format(part.url, part.name) if part.url
                               else part.name for name, part in parts.items()}
    return html, template % {name: part.name for name, part in parts.items()}


def _value(field: str, value, names: _Names) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field in POST_FIELDS and isinstance(value, int):
        return _post_name(names.posts.get(value), names) or f"#{value}"
    if field in USER_FIELDS and isinstance(value, int):
        return names.users[value].name if value in names.users else f"#{value}"
    if field == "tag_id" and isinstance(value, int):
        return names.tags[value].name if value in names.tags else f"#{value}"
    if field == "twins" and isinstance(value, list):
        return ", ".join(_post_name(names.posts.get(v), names) or f"#{v}" for v in value)
    if field == "closed" and value in CLOSE_REASON_LABELS:
        return str(CLOSE_REASON_LABELS[value])
    if field == "language" and value in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[value]
    if field in TIME_FIELDS and isinstance(value, str):
        return _moment(value)
    if field == "role" and value in actions.ROLES:
        return str(actions.ROLES[value])
    if field == "open_flags" and isinstance(value, list):
        return str(len(value))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    text = str(value)
    return text if len(text) <= TEXT_LIMIT else text[:TEXT_LIMIT - 1] + "…"


def _moment(text: str) -> str:
    try:
        return full_time(datetime.fromisoformat(text))
    except ValueError:  # not a moment after all: shown as it was kept
        return text


def _changes(entry: ModerationAction, names: _Names) -> tuple[Change, ...]:
    """The fields whose value differs between before and after, in the order they were recorded. A field kept on
    one side only (the flags a deletion handled) is context, not a change, unless that side is all there is (a
    creation, a removal)."""
    before, after = entry.before or {}, entry.after or {}
    fields = [f for f in dict.fromkeys([*before, *after]) if f not in actions.UNSHOWN_FIELDS
              and (f in before or not before) and (f in after or not after)]
    return tuple(Change(str(actions.FIELDS.get(f, f.replace("_", " "))), _value(f, before.get(f), names),
                        _value(f, after.get(f), names)) for f in fields if before.get(f) != after.get(f))


def _reason(entry: ModerationAction) -> str:
    if entry.action == "close" and entry.reason in CLOSE_REASON_LABELS:
        return str(CLOSE_REASON_LABELS[entry.reason])
    return entry.reason


def build(entries: list[ModerationAction]) -> list[LogEntry]:
    names, now = _names(entries), clock.now()
    views = []
    for entry in entries:
        html, text = _sentence(entry, names)
        views.append(LogEntry(entry.id, entry.created_at, entry.moderator, entry.action, actions.label(entry.action),
                              html, text, entry.target_type, entry.target_id, _target(entry, names),
                              _reason(entry), _changes(entry, names), undo.undoable(entry, now)))
    return views


CSV_COLUMNS = ("entry_id", "at", "moderator", "action", "action_label", "sentence", "target_type", "target_id",
               "target", "reason", "changes")


def csv_text(entries: list[LogEntry]) -> str:
    """The log for an audit, in the reader's language (labels, sentences) beside the stable ids."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        changes = "; ".join(f"{c.field}: {c.before} → {c.after}" for c in e.changes)
        writer.writerow(map(cell, [e.id, e.created_at.isoformat(), e.moderator.username if e.moderator else "",
                                   e.action, e.label, e.sentence_text, e.target_type, e.target_id, e.target.name,
                                   e.reason, changes]))
    return out.getvalue()
