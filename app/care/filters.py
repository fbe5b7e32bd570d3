"""What the care figures are computed for: a period (the last 7, 30 or 90 days, or whole UTC days from–to)
and a product tag (or all). One parser for the page, the CSV export and `flask care report`."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from app import parameters
from app.errors import Invalid
from app.i18n import lazy_gettext as _l
from app.models import Tag
from app.moderation.queue_filters import find_tag

PRESETS = (7, 30, 90)
DEFAULT_PRESET = 30
CUSTOM = "custom"


@dataclass(frozen=True)
class Filters:
    since: datetime  # inclusive, aware UTC
    until: datetime  # exclusive, aware UTC
    tag: Tag | None
    preset: int | None  # the number of days for "last N days"; None for from–to

    @property
    def first_day(self) -> date:
        return self.since.date()

    @property
    def last_day(self) -> date:
        """The last day the period touches (until is exclusive)."""
        return (self.until - timedelta(microseconds=1)).date()


def _day(text: str, field: str, errors: dict) -> date | None:
    text = (text or "").strip()
    if not text:
        errors[field] = _l("Enter a date.")
        return None
    value = parameters.day(text)
    if value is None:
        errors[field] = _l("Enter the date as YYYY-MM-DD, for example %(example)s.", example="2026-03-31")
    elif not parameters.day_in_range(value):
        errors[field] = _l("Enter a date from %(first)s to %(last)s.", first=parameters.EARLIEST_DAY.isoformat(),
                           last=parameters.LATEST_DAY.isoformat())
        value = None
    return value


def _tag(name: str, errors: dict) -> Tag | None:
    if not name.strip():
        return None
    tag = find_tag(name)
    if tag is None:
        errors["tag"] = _l("There is no tag named “%(name)s”.", name=name.strip()[:35])
    return tag


def between(first: date, last: date | None, tag_name: str, now: datetime, errors: dict | None = None) -> Filters:
    """Whole UTC days from `first` to `last` (both included; `last` defaults to today)."""
    errors = {} if errors is None else errors
    last = min(last or now.date(), now.date())  # the days to come hold nothing yet
    tag = _tag(tag_name, errors)
    if first > last:
        errors["to"] = _l("The last day must not be before the first day.")
    if first > now.date():
        errors["from"] = _l("The period cannot start in the future.")
    if errors:
        raise Invalid(errors=errors)
    since = datetime.combine(first, time(), UTC)
    return Filters(since, datetime.combine(last + timedelta(days=1), time(), UTC), tag, None)


def from_args(args, now: datetime) -> Filters:
    """Filters from the query string (period=7|30|90|custom, from, to, tag); Invalid names each bad field."""
    period, errors = args.get("period", "").strip(), dict[str, object]()
    if not period:
        period = CUSTOM if args.get("from") or args.get("to") else str(DEFAULT_PRESET)
    if period == CUSTOM:
        first = _day(args.get("from", ""), "from", errors)
        last = _day(args.get("to", ""), "to", errors)
        if first is None or last is None:
            _tag(args.get("tag", ""), errors)
            raise Invalid(errors=errors)
        return between(first, last, args.get("tag", ""), now, errors)
    if period not in {str(days) for days in PRESETS}:
        errors["period"] = _l("Choose one of the periods offered.")
    tag = _tag(args.get("tag", ""), errors)
    if errors:
        raise Invalid(errors=errors)
    return Filters(now - timedelta(days=int(period)), now, tag, int(period))
