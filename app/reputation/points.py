"""What each action is worth: one table, overridable with the REPUTATION_POINTS setting.

Defaults follow Stack Exchange's published values.
"""

from flask import current_app

from app.i18n import lazy_gettext as _l

DEFAULT_POINTS = {
    "question_upvoted": 10,
    "answer_upvoted": 10,
    "post_downvoted": -2,
    "downvoted_answer": -1,  # the voter pays for downvoting an answer
    "answer_accepted": 15,
    "accepted_an_answer": 2,  # the asker, for closing the loop (not for accepting their own answer)
    "answer_marked_official": 20,
    # The asker's Yes, "it solved my problem", on the accepted answer: a third of an acceptance, so a survey
    # click is worth less than an upvote and the acceptance stays the main reward; not capped, like accepts.
    "answer_confirmed_solved": 5,
    "post_deleted_as_spam": -100,
}
DEFAULT_DAILY_CAP = 200  # points from upvotes per user per UTC day; accepts and official marks are exempt
CAPPED_REASONS = ("question_upvoted", "answer_upvoted")

REASON_LABELS = {
    "question_upvoted": _l("question upvoted"),
    "answer_upvoted": _l("answer upvoted"),
    "post_downvoted": _l("post downvoted"),
    "downvoted_answer": _l("you downvoted an answer"),
    "answer_accepted": _l("answer accepted"),
    "accepted_an_answer": _l("you accepted an answer"),
    "answer_marked_official": _l("answer marked official by the brand"),
    "answer_confirmed_solved": _l("the asker confirmed the accepted answer solved their problem"),
    "post_deleted_as_spam": _l("post deleted as spam"),
    "daily_cap": _l("daily limit of points from votes reached"),
}

# On another member's page the ledger speaks of that member, not to the reader.
THIRD_PERSON_REASON_LABELS = {
    **REASON_LABELS,
    "downvoted_answer": _l("downvoted an answer"),
    "accepted_an_answer": _l("accepted an answer"),
}

CAUSE_LABELS = {
    "vote_retracted": _l("vote retracted"),
    "vote_changed": _l("vote changed"),
    "acceptance_moved": _l("acceptance moved or removed"),
    "official_unmarked": _l("official mark removed"),
    "post_deleted": _l("post deleted"),
    "post_undeleted": _l("post restored"),
    "survey_changed": _l("the asker changed their answer to whether it solved their problem"),
    "serial_voting": _l("serial voting reversed"),
    "recompute": _l("corrected by a recount"),
}


def value(reason: str) -> int:
    return int({**DEFAULT_POINTS, **current_app.config.get("REPUTATION_POINTS", {})}[reason])


def daily_cap() -> int:
    return int(current_app.config.get("REPUTATION_DAILY_CAP", DEFAULT_DAILY_CAP))
