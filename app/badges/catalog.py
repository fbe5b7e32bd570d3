"""Every badge in one place: slug, names in both languages (through the catalogs), tier, whether it can
be earned more than once, its rule family and threshold, and which actions can earn it."""

from dataclasses import dataclass

from app.i18n import lazy_gettext as _l

TIERS = ("gold", "silver", "bronze")


@dataclass(frozen=True)
class Badge:
    slug: str
    name: object
    description: object
    tier: str
    rule: str  # a function name in badges.rules
    threshold: int = 1
    repeatable: bool = False  # once per post or per tag, rather than once
    triggers: tuple[str, ...] = ()  # actions after which the rule is checked for the users involved


ACCEPT = ("accept", "official", "delete")
SCORE = ("vote", "delete")

BADGES = [
    Badge("helper", _l("Helper"), _l("An answer of yours was accepted."), "bronze", "accepted_answers", 1,
          triggers=ACCEPT),
    Badge("problem-solver", _l("Problem Solver"), _l("10 of your answers were accepted."), "silver",
          "accepted_answers", 10, triggers=ACCEPT),
    Badge("community-expert", _l("Community Expert"), _l("50 of your answers were accepted."), "gold",
          "accepted_answers", 50, triggers=ACCEPT),
    Badge("trusted-advisor", _l("Trusted Advisor"),
          _l("At least 20 answers, 60% or more of them accepted or marked official."), "silver",
          "trusted_advisor", 20, triggers=(*ACCEPT, "answer")),
    Badge("brand-verified", _l("Brand-Verified"), _l("The brand marked an answer of yours as official."),
          "bronze", "official_answer", 1, repeatable=True, triggers=("official",)),
    Badge("verified-expert", _l("Verified Expert"), _l("10 of your answers were marked official by the brand."),
          "gold", "official_answers", 10, triggers=("official",)),
    Badge("rapid-responder", _l("Rapid Responder"),
          _l("First to answer within an hour, with an answer that was accepted or marked official."), "bronze",
          "rapid_responder", 60, repeatable=True, triggers=ACCEPT),
    Badge("product-expert-bronze", _l("Expert: %(tag)s"),
          _l("5 accepted or official answers about one product."), "bronze", "product_expert", 5,
          repeatable=True, triggers=ACCEPT),
    Badge("product-expert-silver", _l("Expert: %(tag)s"),
          _l("20 accepted or official answers about one product."), "silver", "product_expert", 20,
          repeatable=True, triggers=ACCEPT),
    Badge("product-expert-gold", _l("Expert: %(tag)s"),
          _l("50 accepted or official answers about one product."), "gold", "product_expert", 50,
          repeatable=True, triggers=ACCEPT),
    Badge("student", _l("Student"), _l("Asked a question with a score of 1 or more."), "bronze",
          "question_score", 1, triggers=SCORE),
    Badge("scholar", _l("Scholar"), _l("Accepted an answer to your own question."), "bronze", "scholar",
          triggers=("accept",)),
    Badge("teacher", _l("Teacher"), _l("Answered a question with a score of 1 or more."), "bronze",
          "answer_score", 1, triggers=SCORE),
    Badge("nice-answer", _l("Nice Answer"), _l("An answer with a score of 10 or more."), "bronze",
          "answer_score", 10, repeatable=True, triggers=SCORE),
    Badge("good-answer", _l("Good Answer"), _l("An answer with a score of 25 or more."), "silver",
          "answer_score", 25, repeatable=True, triggers=SCORE),
    Badge("great-answer", _l("Great Answer"), _l("An answer with a score of 100 or more."), "gold",
          "answer_score", 100, repeatable=True, triggers=SCORE),
    Badge("nice-question", _l("Nice Question"), _l("A question with a score of 10 or more."), "bronze",
          "question_score", 10, repeatable=True, triggers=SCORE),
    Badge("good-question", _l("Good Question"), _l("A question with a score of 25 or more."), "silver",
          "question_score", 25, repeatable=True, triggers=SCORE),
    Badge("great-question", _l("Great Question"), _l("A question with a score of 100 or more."), "gold",
          "question_score", 100, repeatable=True, triggers=SCORE),
    Badge("necromancer", _l("Necromancer"),
          _l("Answered a question 60 days or more after it was asked, with a score of 5 or more."), "bronze",
          "necromancer", 5, repeatable=True, triggers=SCORE),
    Badge("editor", _l("Editor"), _l("Edited a post for the first time."), "bronze", "editor",
          triggers=("edit",)),
    Badge("supporter", _l("Supporter"), _l("Cast your first upvote."), "bronze", "voter", 1,
          triggers=("vote",)),
    Badge("critic", _l("Critic"), _l("Cast your first downvote."), "bronze", "voter", -1, triggers=("vote",)),
    Badge("commentator", _l("Commentator"), _l("Left 10 comments."), "bronze", "commentator", 10,
          triggers=("comment",)),
    Badge("autobiographer", _l("Autobiographer"), _l("Filled in your profile: a display name and a few words "
                                                    "about you."), "bronze", "autobiographer",
          triggers=("profile",)),
]
BY_SLUG = {b.slug: b for b in BADGES}


def display_name(badge: Badge, tag_name: str | None = None) -> str:
    """The badge's name in the current language; per-product badges name their product."""
    name = str(badge.name)
    return name % {"tag": tag_name or _l("‹product›")} if badge.rule == "product_expert" else name
