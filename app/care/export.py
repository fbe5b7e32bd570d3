"""The care report outside the page: the per-question CSV, and the figures as JSON or text for the CLI.

Column names, JSON keys and the CLI's text are English and stable, for scripts and spreadsheets."""

import csv
import io
import re
from datetime import datetime

from app.care.assistant_figures import AssistantFigures
from app.care.helpfulness_figures import HelpfulnessFigures
from app.care.metrics import HOUR, Report
from app.care.satisfaction_figures import ANSWERER_MIN_RATINGS, SatisfactionFigures, Tally
from app.helpfulness import Helpfulness
from app.models import HELPFUL_REASONS
from app.spreadsheets import cell

CSV_COLUMNS = ("question_id", "title", "url", "asked_at", "tags", "closed", "first_answer_at", "hours_to_first_answer",
               "first_answer_by_staff", "response_target", "escalated", "solved_at", "hours_to_solution",
               "solved_by", "first_staff_action_at", "hours_to_first_staff_action", "first_claimed_at",
               "hours_to_claim")


def _time(moment: datetime | None) -> str:
    return moment.isoformat() if moment else ""


def _hours(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / HOUR, 4)


def _flag(value: bool) -> str:
    return "yes" if value else "no"


def csv_text(report: Report, question_url) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for r in report.rows:
        hours = [_hours(s) for s in (r.response_seconds, r.solution_seconds, r.staff_action_seconds,
                                     r.claim_seconds)]
        writer.writerow(map(cell, [
            r.id, r.title, question_url(r), _time(r.asked_at), " ".join(r.tags), _flag(r.closed),
            _time(r.response_at), "" if hours[0] is None else hours[0],
            _flag(r.response_by_staff) if r.response_at else "", r.target_status, _flag(r.escalated),
            _time(r.solved_at), "" if hours[1] is None else hours[1], r.solved_by or "",
            _time(r.first_staff_action_at), "" if hours[2] is None else hours[2],
            _time(r.first_claimed_at), "" if hours[3] is None else hours[3]]))
    return out.getvalue()


def file_name(first_day, last_day, tag_name: str | None, prefix: str = "care") -> str:
    """The download's name: dates and the tag, with any character a Content-Disposition header or a file
    system could misread replaced (a tag written before the tag-name rule held may carry quotes)."""
    name = f"{prefix}-{first_day.isoformat()}-{last_day.isoformat()}" + (f"-{tag_name}" if tag_name else "")
    return re.sub(r"[^A-Za-z0-9.#-]+", "_", name) + ".csv"


def summary(report: Report, helper_names: dict[int, str]) -> dict:
    """Every figure, JSON-ready (durations in hours, shares as fractions, None where there is no data)."""
    oldest = report.oldest_unanswered
    f = report.filters
    return {
        "period": {"since": f.since.isoformat(), "until": f.until.isoformat(), "tag": f.tag.name if f.tag else None},
        "computed_at": report.now.isoformat(),
        "response_target_hours": report.target_hours,
        "questions_asked": report.asked,
        "customer_needs": report.needs_asked,
        "answered_within_target": {"share": report.headline, "met": report.met, "missed": report.missed,
                                   "pending": report.pending, "closed_without_answer": report.closed_unanswered},
        "time_to_first_answer_hours": {"median": _hours(report.response_median), "p90": _hours(report.response_p90),
                                       "answered": len(report.response_times)},
        "time_to_solution_hours": {"median": _hours(report.solution_median), "solved": report.solved},
        "still_unanswered": {"share": report.unanswered_share, "count": report.unanswered,
                             "oldest": oldest and {"question_id": oldest.id, "title": oldest.title,
                                                   "asked_at": oldest.asked_at.isoformat()}},
        "solved_by": {"community_alone": report.community_alone, "with_staff": report.with_staff,
                      "community_share": report.community_share, "staff_share": report.staff_share},
        "suggestion_clicks": {"member_clicks": len(report.member_clicks), "not_followed": report.clicks_not_followed,
                              "share_not_followed": report.deflection_share, "window_hours": report.window_hours},
        "escalated": {"count": report.escalated, "with_staff_action": report.escalated_with_action,
                      "median_hours_to_first_staff_action": _hours(report.staff_action_median)},
        "time_to_claim_hours": {"median": _hours(report.claim_median), "claimed": report.claimed},
        "top_helpers": [{"user_id": h.user_id, "name": helper_names.get(h.user_id, ""), "accepted": h.accepted,
                         "official": h.official, "total": h.total} for h in report.helpers],
        "unhappy_threads": {"open_now": report.unhappy_open, "found_in_period": report.unhappy_found,
                            "dismissed": report.unhappy_dismissed},
        "flags": {"raised": report.flags_raised, "still_open": report.flags_still_open,
                  "handled": len(report.handled_flags), "dismissed": report.flags_dismissed,
                  "acted_on": report.flags_acted, "median_hours_to_handle": _hours(report.flag_handling_median)},
        "weeks": [{"week_of": w.start.isoformat(), "asked": w.asked, "met": w.met, "missed": w.missed,
                   "share_within_target": w.headline, "median_hours_to_first_answer": _hours(w.response_median),
                   "median_hours_to_claim": _hours(w.claim_median)}
                  for w in report.weeks],
        "time_to_first_answer_histogram": [
            {"from_hours": b.lower_hours, "to_hours": None if b.upper_hours == float("inf") else b.upper_hours,
             "questions": b.count} for b in report.histogram],
        "assistant": assistant_summary(report.assistant) if report.assistant else None,
        "satisfaction": satisfaction_summary(report.satisfaction, helper_names) if report.satisfaction else None,
        "reader_helpfulness": helpfulness_summary(report.helpfulness) if report.helpfulness else None,
    }


def helpfulness_tally(t: Helpfulness) -> dict:
    return {"readers": t.readers, "helpful": t.helpful, "not_helpful": t.not_helpful,
            "helpful_share": t.helpful_share, **{reason: count for reason, count in t.reason_counts()}}


def helpfulness_summary(h: HelpfulnessFigures) -> dict:
    """Readers' "Was this helpful?": for the period, per product, and the pages most often called outdated."""
    return {**helpfulness_tally(h.total),
            "by_product": [{"product": p.product, **helpfulness_tally(p.tally)} for p in h.by_product],
            "worklist": [{"question_id": p.question_id, "title": p.title, **helpfulness_tally(p.tally)}
                         for p in h.worklist]}


def tally_summary(t: Tally) -> dict:
    """A survey tally's keys, the same in the CLI's JSON and the API."""
    return {"surveys_asked": t.asked, "answered": t.answered, "response_rate": t.response_rate, "yes": t.yes,
            "satisfaction": t.satisfaction, "ratings": t.ratings, "average_rating": t.average_rating}


def satisfaction_summary(s: SatisfactionFigures, names: dict[int, str]) -> dict:
    """The survey's figures: for the period, per product, and per answerer with enough ratings only."""
    return {**tally_summary(s.total),
            "by_product": [{"product": p.product, **tally_summary(p.tally)} for p in s.by_product],
            "answerers": [{"user_id": a.user_id, "name": names.get(a.user_id, ""), **tally_summary(a.tally)}
                          for a in s.answerers]}


def assistant_summary(a: AssistantFigures) -> dict:
    return {
        "sessions": a.sessions, "solved_by_the_assistant": a.solved, "handed_over": a.handed_over,
        "abandoned": a.abandoned, "still_open": a.still_open, "found_nothing": a.found_nothing,
        "shares": {"solved": a.solved_share, "handed_over": a.handed_over_share, "abandoned": a.abandoned_share},
        "kept_since": a.kept_since.isoformat() if a.kept_since else None,
        "by_product": [{"product": p.product, "sessions": p.sessions, "handed_over": p.handed_over,
                        "solved": p.solved, "handed_over_share": p.share} for p in a.by_product],
        "fell_through": [{"words": g.words, "sessions": g.sessions, "handed_over": g.handed_over,
                          "questions": [{"question_id": q.id, "title": q.title} for q in g.questions]}
                         for g in a.fell_through],
    }


ASSISTANT_CSV_COLUMNS = ("product", "sessions", "solved_by_the_assistant", "handed_over", "handover_share")


def assistant_csv_text(report: Report) -> str:
    """The assistant's figures per product (sessions are the customers' own: only counts leave the database)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(ASSISTANT_CSV_COLUMNS)
    for p in report.assistant.by_product if report.assistant else []:
        writer.writerow(map(cell, [p.product or "", p.sessions, p.solved, p.handed_over,
                                    "" if p.share is None else round(p.share, 4)]))
    return out.getvalue()


SATISFACTION_CSV_COLUMNS = ("product", "surveys_asked", "answered", "response_rate", "yes", "satisfaction",
                           "ratings", "average_rating")


def _rounded(value: float | None):
    return "" if value is None else round(value, 4)


def _per_product_csv(columns: tuple[str, ...], figures, cells) -> str:
    """One row per product of `figures` (its `by_product` and `total` tallies), the whole period last (product
    "all"), each tally's cells given by `cells`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    rows = [(p.product or "", p.tally) for p in figures.by_product] + [("all", figures.total)] if figures else []
    for product, tally in rows:
        writer.writerow(map(cell, [product, *cells(tally)]))
    return out.getvalue()


def satisfaction_csv_text(report: Report) -> str:
    """The survey's figures per product, with the whole period last (product "all")."""
    return _per_product_csv(SATISFACTION_CSV_COLUMNS, report.satisfaction, lambda t: [
        t.asked, t.answered, _rounded(t.response_rate), t.yes, _rounded(t.satisfaction), t.ratings,
        _rounded(t.average_rating)])


HELPFULNESS_CSV_COLUMNS = ("product", "readers", "helpful", "not_helpful", "helpful_share", *HELPFUL_REASONS)


def helpfulness_csv_text(report: Report) -> str:
    """Readers' answers per product, with the whole period last (product "all")."""
    return _per_product_csv(HELPFULNESS_CSV_COLUMNS, report.helpfulness, lambda t: [
        t.readers, t.helpful, t.not_helpful, _rounded(t.helpful_share),
        *(count for _reason, count in t.reason_counts())])


def _share(share: float | None) -> str:
    return "n/a" if share is None else f"{share * 100:.1f} %"


def _h(seconds: float | None) -> str:
    return "n/a" if seconds is None else f"{seconds / HOUR:.1f} h"


def text_lines(report: Report, helper_names: dict[int, str]) -> list[str]:
    f, r = report.filters, report
    oldest = r.oldest_unanswered
    target = f"{r.target_hours:g} h"
    helpers = ", ".join(f"{helper_names.get(h.user_id, h.user_id)} {h.total} ({h.accepted} accepted, "
                        f"{h.official} official)" for h in r.helpers) or "none"
    return [
        f"Care report {f.first_day.isoformat()} to {f.last_day.isoformat()} (UTC), "
        f"{'tag ' + f.tag.name if f.tag else 'all tags'}; response target {target}",
        f"Questions asked: {r.asked}",
        f"Answered within {target}: {_share(r.headline)} ({r.met} of {r.met + r.missed}; "
        f"{r.pending} still within the target, {r.closed_unanswered} closed without an answer)",
        f"Time to first answer: median {_h(r.response_median)}, 90th percentile {_h(r.response_p90)} "
        f"({len(r.response_times)} answered)",
        f"Time to an accepted or official answer: median {_h(r.solution_median)} ({r.solved} solved)",
        f"Still unanswered: {_share(r.unanswered_share)} ({r.unanswered} of {r.asked})"
        + (f"; oldest #{oldest.id} asked {oldest.asked_at:%Y-%m-%d %H:%M} UTC: {oldest.title}" if oldest else ""),
        f"Solved by the community alone: {_share(r.community_share)} ({r.community_alone} of {r.solved}); "
        f"with staff: {_share(r.staff_share)} ({r.with_staff} of {r.solved})",
        f"Suggestion clicks not followed by a question within {r.window_hours:g} h: {_share(r.deflection_share)} "
        f"({r.clicks_not_followed} of {len(r.member_clicks)})",
        f"Escalated (missed the target): {r.escalated}; first staff action after a median {_h(r.staff_action_median)} "
        f"({r.escalated_with_action} of {r.escalated} acted on)",
        f"Time to claim: median {_h(r.claim_median)} ({r.claimed} of {r.needs_asked} claimed)",
        f"Top helpers: {helpers}",
        f"Unhappy threads: {r.unhappy_open} open now; {r.unhappy_found} found in the period "
        f"({r.unhappy_dismissed} dismissed)",
        f"Flags: {r.flags_raised} raised ({r.flags_still_open} still open); {len(r.handled_flags)} handled "
        f"({r.flags_dismissed} dismissed, {r.flags_acted} acted on), median {_h(r.flag_handling_median)} to handle",
        *(_assistant_lines(r.assistant) if r.assistant else []),
        *(_satisfaction_lines(r.satisfaction, helper_names) if r.satisfaction else []),
        *(_helpfulness_lines(r.helpfulness) if r.helpfulness else []),
    ]


def _helpfulness_text(t: Helpfulness) -> str:
    return (f"helpful {_share(t.helpful_share)} ({t.helpful} of {t.readers} readers), "
            f"{t.doubting} outdated or did not work")


def _helpfulness_lines(h: HelpfulnessFigures) -> list[str]:
    products = "; ".join(f"{p.product or 'no product'}: {_helpfulness_text(p.tally)}" for p in h.by_product[:10])
    worklist = "; ".join(f"#{p.question_id} {p.title} ({p.tally.doubting} of {p.tally.readers})" for p in h.worklist)
    return [
        f"Readers' \"Was this helpful?\": {_helpfulness_text(h.total)}",
        f"Readers, per product: {products or 'none'}",
        f"Most often called outdated or not working: {worklist or 'none'}",
    ]


def _rating(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _tally_text(t: Tally) -> str:
    return (f"satisfaction {_share(t.satisfaction)} ({t.yes} Yes of {t.answered} answered), average rating "
            f"{_rating(t.average_rating)} ({t.ratings} ratings), response rate {_share(t.response_rate)} "
            f"({t.answered} of {t.asked})")


def _satisfaction_lines(s: SatisfactionFigures, names: dict[int, str]) -> list[str]:
    products = "; ".join(f"{p.product or 'no product'}: {_tally_text(p.tally)}" for p in s.by_product[:10])
    answerers = "; ".join(f"{names.get(a.user_id, a.user_id)}: {_tally_text(a.tally)}" for a in s.answerers[:10])
    return [
        f"Askers' survey: {_tally_text(s.total)}",
        f"Survey, per product: {products or 'none'}",
        f"Survey, per answerer with at least {ANSWERER_MIN_RATINGS} ratings: {answerers or 'none'}",
    ]


def _assistant_lines(a: AssistantFigures) -> list[str]:
    products = ", ".join(f"{p.product or 'no product'} {_share(p.share)} of {p.sessions}" for p in a.by_product[:10])
    fell = "; ".join(f"{g.words or (g.questions[0].title if g.questions else '')} ({g.sessions})"
                     for g in a.fell_through) or "none"
    return [
        f"Assistant sessions: {a.sessions}; solved by the assistant {_share(a.solved_share)} ({a.solved}), "
        f"handed over {_share(a.handed_over_share)} ({a.handed_over}), abandoned {_share(a.abandoned_share)} "
        f"({a.abandoned}), still open {a.still_open}"
        + (f"; sessions are kept from {a.kept_since:%Y-%m-%d} only" if a.kept_since else ""),
        f"Handed over, per product: {products or 'none'}",
        f"Fell through most often: {fell}",
    ]
