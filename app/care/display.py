"""How care figures read on the page, in the reader's language: durations, shares and histogram bins."""

import math

from flask_babel import format_decimal, format_percent

from app.i18n import gettext as _
from app.i18n import ngettext

HOUR = 3600.0


def _one_decimal(value: float) -> tuple[str, int]:
    """The number with one decimal, and the count that picks its plural form (1 only for exactly 1.0)."""
    rounded = round(value, 1)
    return format_decimal(rounded, format="#,##0.0"), 1 if rounded == 1 else 2


def duration(seconds: float | None) -> str:
    """Minutes under an hour, hours under two days, days beyond."""
    if seconds is None:
        return "—"
    if seconds < HOUR:
        minutes = int(seconds // 60)
        return ngettext("%(num)s minute", "%(num)s minutes", minutes)
    if seconds < 48 * HOUR:
        text, count = _one_decimal(seconds / HOUR)
        return ngettext("%(value)s hour", "%(value)s hours", count, value=text)
    text, count = _one_decimal(seconds / (24 * HOUR))
    return ngettext("%(value)s day", "%(value)s days", count, value=text)


def hours_number(seconds: float | None) -> str:
    """Hours with one decimal, for chart tables whose column heading names the unit."""
    return "—" if seconds is None else format_decimal(round(seconds / HOUR, 1), format="#,##0.0")


def percent(share: float | None) -> str:
    return "—" if share is None else format_percent(share, "#,##0%")


def rating(value: float | None) -> str:
    """An average of 1–5 ratings, with two decimals (4.25)."""
    return "—" if value is None else format_decimal(round(value, 2), format="0.00")


def hours_label(hours: float) -> str:
    if hours < 48:
        return ngettext("%(value)s hour", "%(value)s hours", int(hours), value=format_decimal(hours))
    return ngettext("%(value)s day", "%(value)s days", int(hours // 24), value=format_decimal(hours / 24))


def bin_label(lower: float, upper: float) -> str:
    if lower == 0:
        return _("under %(upper)s", upper=hours_label(upper))
    if math.isinf(upper):
        return _("%(lower)s or more", lower=hours_label(lower))
    return _("%(lower)s to under %(upper)s", lower=hours_label(lower), upper=hours_label(upper))


def bin_short_label(lower: float, upper: float) -> str:
    """Axis labels: short, in hours (h) under a day and days (d) beyond, which read the same in both languages."""
    def short(hours: float) -> tuple[str, str]:
        return (format_decimal(hours), "h") if hours < 24 else (format_decimal(hours / 24), "d")

    if lower == 0:
        return "< {} {}".format(*short(upper))
    if math.isinf(upper):
        return "≥ {} {}".format(*short(lower))
    (low, low_unit), (high, high_unit) = short(lower), short(upper)
    return f"{low}–{high} {high_unit}" if low_unit == high_unit else f"{low} {low_unit}–{high} {high_unit}"


def init_app(app) -> None:
    for name, function in (("care_duration", duration), ("care_hours", hours_number), ("care_percent", percent),
                           ("care_rating", rating)):
        app.add_template_filter(function, name)
    app.add_template_filter(lambda seconds: None if seconds is None else seconds / HOUR, "care_seconds_to_hours")
    app.add_template_filter(lambda b: bin_short_label(b.lower_hours, b.upper_hours), "care_bin_short")
    app.add_template_global(bin_label, "care_bin_label")
    app.add_template_global(bin_short_label, "care_bin_short_label")
