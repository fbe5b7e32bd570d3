"""Every badge in one place: slug, names in both languages (through the catalogs), tier, whether it can
be earned more than once, its threshold, and which actions can earn it. Each badge's rule is registered
under its slug in app/badges/rules.py."""

from dataclasses import dataclass

from app.i18n import lazy_gettext as _l

TIERS = ("gold", "silver", "bronze")


@dataclass(frozen=True)
class Badge:
    slug: str
    name: object
    description: object
    tier: str
    threshold: int = 1
    repeatable: bool = False  # once per post or per tag, rather than once
    triggers: tuple[str, ...] = ()  # actions after which the rule is checked for the users involved
    per_product: bool = False  # earned once per product (tag), whose name the badge's name carries


ACCEPT = ("accept", "official", "delete")
SOLVED = ("solved", "accept")  # the asker's Yes, or the acceptance of the answer a Yes was about
SCORE = ("vote", "delete")

BADGES = [
    Badge("helper", _l("Helper"), _l("An answer of yours was accepted."), "bronze", 1,
          triggers=ACCEPT),
    Badge("problem-solver", _l("Problem Solver"), _l("10 of your answers were accepted."), "silver",
          10, triggers=ACCEPT),
    Badge("community-expert", _l("Community Expert"), _l("50 of your answers were accepted."), "gold",
          50, triggers=ACCEPT),
    Badge("solved-it", _l("Solved It"),
          _l("An asker confirmed that your accepted answer solved their problem."), "bronze", 1, triggers=SOLVED),
    Badge("fixer", _l("Fixer"),
          _l("Askers confirmed that 10 of your accepted answers solved their problem."), "silver", 10,
          triggers=SOLVED),
    Badge("troubleshooter", _l("Troubleshooter"),
          _l("Askers confirmed that 50 of your accepted answers solved their problem."), "gold", 50,
          triggers=SOLVED),
    Badge("trusted-advisor", _l("Trusted Advisor"),
          _l("At least 20 answers, 60% or more of them accepted or marked official."), "silver",
          20, triggers=(*ACCEPT, "answer")),
    Badge("brand-verified", _l("Brand-Verified"), _l("The brand marked an answer of yours as official."),
          "bronze", 1, repeatable=True, triggers=("official",)),
    Badge("verified-expert", _l("Verified Expert"), _l("10 of your answers were marked official by the brand."),
          "gold", 10, triggers=("official",)),
    Badge("rapid-responder", _l("Rapid Responder"),
          _l("First to answer within an hour, with an answer that was accepted or marked official."), "bronze",
          60, repeatable=True, triggers=ACCEPT),
    Badge("product-expert-bronze", _l("Expert: %(tag)s"),
          _l("5 accepted or official answers about one product."), "bronze", 5,
          repeatable=True, triggers=ACCEPT, per_product=True),
    Badge("product-expert-silver", _l("Expert: %(tag)s"),
          _l("20 accepted or official answers about one product."), "silver", 20,
          repeatable=True, triggers=ACCEPT, per_product=True),
    Badge("product-expert-gold", _l("Expert: %(tag)s"),
          _l("50 accepted or official answers about one product."), "gold", 50,
          repeatable=True, triggers=ACCEPT, per_product=True),
    Badge("student", _l("Student"), _l("Asked a question with a score of 1 or more."), "bronze",
          1, triggers=SCORE),
    Badge("scholar", _l("Scholar"), _l("Accepted an answer to your own question."), "bronze", triggers=("accept",)),
    Badge("teacher", _l("Teacher"), _l("Answered a question with a score of 1 or more."), "bronze",
          1, triggers=SCORE),
    Badge("nice-answer", _l("Nice Answer"), _l("An answer with a score of 10 or more."), "bronze",
          10, repeatable=True, triggers=SCORE),
    Badge("good-answer", _l("Good Answer"), _l("An answer with a score of 25 or more."), "silver",
          25, repeatable=True, triggers=SCORE),
    Badge("great-answer", _l("Great Answer"), _l("An answer with a score of 100 or more."), "gold",
          100, repeatable=True, triggers=SCORE),
    Badge("nice-question", _l("Nice Question"), _l("A question with a score of 10 or more."), "bronze",
          10, repeatable=True, triggers=SCORE),
    Badge("good-question", _l("Good Question"), _l("A question with a score of 25 or more."), "silver",
          25, repeatable=True, triggers=SCORE),
    Badge("great-question", _l("Great Question"), _l("A question with a score of 100 or more."), "gold",
          100, repeatable=True, triggers=SCORE),
    Badge("necromancer", _l("Necromancer"),
          _l("Answered a question 60 days or more after it was asked, with a score of 5 or more."), "bronze",
          5, repeatable=True, triggers=SCORE),
    Badge("editor", _l("Editor"), _l("Edited a post for the first time."), "bronze", triggers=("edit",)),
    Badge("supporter", _l("Supporter"), _l("Cast your first upvote."), "bronze", 1,
          triggers=("vote",)),
    Badge("critic", _l("Critic"), _l("Cast your first downvote."), "bronze", -1, triggers=("vote",)),
    Badge("commentator", _l("Commentator"), _l("Left 10 comments."), "bronze", 10,
          triggers=("comment",)),
    Badge("autobiographer", _l("Autobiographer"), _l("Filled in your profile: a display name and a few words "
                                                    "about you."), "bronze", triggers=("profile",)),
]
BY_SLUG = {b.slug: b for b in BADGES}


def display_name(badge: Badge, tag_name: str | None = None) -> str:
    """The badge's name in the current language; per-product badges name their product."""
    name = str(badge.name)
    return name % {"tag": tag_name or _l("‹product›")} if badge.per_product else name
