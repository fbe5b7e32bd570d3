"""The kinds of notification, how members choose to be e-mailed about each, and the defaults."""

from app.i18n import lazy_gettext as _l

# Preference kinds, in the order the settings page lists them: (label, default e-mail mode).
PREFERENCES = {
    "answer": (_l("Answers to your questions"), "instant"),
    "comment": (_l("Comments on your posts"), "digest"),
    "mention": (_l("Mentions of your @name"), "digest"),
    "accepted": (_l("Your answer accepted"), "digest"),
    "official": (_l("Your answer marked official"), "digest"),
    "faq": (_l("Your question added to the FAQ"), "digest"),
    "badge": (_l("Badges you earn"), "digest"),
    "moderation": (_l("The brand team's actions on your posts"), "digest"),
    "followed": (_l("New activity on questions and products you follow"), "digest"),
    "assigned": (_l("Questions a colleague in the brand team assigns to you"), "instant"),
    "reminder": (_l("Reminders to accept an answer that solved your question"), "digest"),
}
MODES = {"instant": _l("Right away"), "digest": _l("In a daily summary"), "off": _l("No e-mail")}
# An unsubscribe link in a daily summary turns off every kind that was going to it.
DIGEST = "digest"

# Notification kinds that share a preference.
_PREFERENCE_OF = {"followed_answer": "followed", "followed_comment": "followed", "followed_question": "followed"}


def preference_of(kind: str) -> str:
    return _PREFERENCE_OF.get(kind, kind)


def default_mode(preference: str) -> str:
    return PREFERENCES[preference][1]
