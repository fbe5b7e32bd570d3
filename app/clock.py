"""The current time, in one place, so the demo seeder and tests can set it."""

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

_frozen: ContextVar[datetime | None] = ContextVar("frozen_now", default=None)


def now() -> datetime:
    return _frozen.get() or datetime.now(UTC)


@contextmanager
def frozen(moment: datetime):
    """Make now() return `moment` inside the block (timezone-aware UTC)."""
    token = _frozen.set(moment)
    try:
        yield
    finally:
        _frozen.reset(token)
