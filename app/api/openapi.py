"""The OpenAPI 3.1 document of /api/v1, built from one table of endpoints (ENDPOINTS) that the human page
at /api lists too. Response schemas name exactly the keys app.api.representations writes; the contract test
(schemathesis) and the behaviour tests check every response against them."""

from dataclasses import dataclass, field
from typing import Any

from flask import current_app
from flask_babel import force_locale

from app.api.parameters import MAX_INT
from app.care.filters import PRESETS
from app.care.satisfaction_figures import ANSWERER_MIN_RATINGS
from app.i18n import lazy_gettext as _l
from app.models import FLAG_REASONS
from app.questions import operations as posts
from app.questions.queries import TABS
from app.reputation.queries import PERIODS
from app.search.ranking import SORTS

VERSION = "1.0.0"
PUBLIC, OPTIONAL, TOKEN, MODERATOR = "public", "optional", "token", "moderator"


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def null_or(schema: dict) -> dict:
    if "type" in schema and "$ref" not in schema:
        return {**schema, "type": [schema["type"], "null"]}
    return {"anyOf": [schema, {"type": "null"}]}


def obj(properties: dict, required: list | None = None, closed: bool = True) -> dict:
    schema: dict[str, Any] = {"type": "object", "properties": properties,
              "required": list(properties) if required is None else required}
    if closed:
        schema["additionalProperties"] = False
    return schema


STRING, INTEGER, BOOLEAN = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}
ID = {"type": "integer", "minimum": 1}
COUNT = {"type": "integer", "minimum": 0}
TIME = {"type": "string", "format": "date-time"}
URL = {"type": "string", "format": "uri"}
VOTE = {"type": ["string", "null"], "enum": ["up", "down", None],
        "description": "The token owner's vote on this post (null: none, or no token)."}

USER = {"id": ID, "username": STRING, "display_name": STRING, "reputation": {"type": "integer", "minimum": 1},
        "brand_team": {**BOOLEAN, "description": "A member of the brand's team (moderator)."},
        "badges": ref("BadgeCounts"), "url": URL}
QUESTION_SUMMARY = {
    "id": ID, "title": STRING, "url": URL, "tags": {"type": "array", "items": STRING},
    "author": null_or(ref("User")), "language": {"type": ["string", "null"]}, "score": INTEGER,
    "answer_count": COUNT, "view_count": COUNT, "solved": BOOLEAN, "accepted_answer_id": null_or(ID),
    "has_official_answer": BOOLEAN, "closed_reason": {"type": ["string", "null"]}, "locked": BOOLEAN,
    "created_at": TIME, "last_activity_at": TIME,
}
POST_STATE = {"body_markdown": STRING, "body_html": {**STRING, "description": "Sanitised HTML."},
              "deleted": {**BOOLEAN, "description": "Only moderators' tokens see deleted posts."},
              "hidden": {**BOOLEAN, "description": "Hidden after flags; only moderators' tokens see them."},
              "last_edited_at": null_or(TIME)}
BADGE = {"slug": STRING, "name": STRING, "description": STRING, "tier": {"type": "string", "enum": ["gold", "silver",
                                                                                                     "bronze"]},
         "repeatable": BOOLEAN, "holders": COUNT, "url": URL}


SHARE = {"type": ["number", "null"], "minimum": 0, "maximum": 1}
SURVEY_TALLY = {
    "surveys_asked": COUNT, "answered": COUNT,
    "response_rate": {**SHARE, "description": "answered ÷ surveys_asked (null: none asked)."},
    "yes": COUNT, "satisfaction": {**SHARE, "description": "yes ÷ answered (null: none answered)."},
    "ratings": COUNT,
    "average_rating": {"type": ["number", "null"], "minimum": 1, "maximum": 5,
                       "description": "The mean of the 1–5 ratings given (null: none)."},
}


READER_TALLY = {
    "readers": {**COUNT, "description": "Answers to “Was this helpful?”, one per reader, page and day."},
    "helpful": COUNT, "not_helpful": COUNT,
    "helpful_share": {**SHARE, "description": "helpful ÷ readers (null: no reader answered)."},
    **{reason: {**COUNT, "description": "Readers who gave this reason after a No."}
       for reason in ("outdated", "did_not_work", "hard_to_follow", "other")},
}


PERSONAL_DATA = {"type": "boolean", "default": False,
                 "description": "Post even though the text looks like it contains personal data (a 422 on "
                                "allow_personal_data says what was found)."}


def page_of(item: dict, extra: dict | None = None) -> dict:
    return obj({"items": {"type": "array", "items": item}, "page": ID, "per_page": ID, "total": COUNT,
                "pages": COUNT, "next_page": null_or(ID), **(extra or {})})


def schemas() -> dict:
    language = {"type": "string", "enum": list(current_app.config["LANGUAGES"]),
                "description": "The post's language. Default: read from the text (the token owner's language "
                               "setting when it is too short to tell)."}
    return {
        "Error": obj({"error": obj({
            "code": {**STRING, "description": "Stable, for programs: invalid, unauthorized, forbidden, not_found, "
                                              "gone, conflict, rate_limited, bad_request, unavailable …"},
            "message": {**STRING, "description": "For people, in the request's language."},
            "fields": {"type": "object", "additionalProperties": STRING,
                       "description": "Field name → what is wrong with it (validation errors only)."}},
            required=["code", "message"])}),
        "BadgeCounts": obj({"gold": COUNT, "silver": COUNT, "bronze": COUNT}),
        "NewImage": obj({"image": {"type": "string", "format": "binary", "contentMediaType": "image/*",
                                   "description": "The picture file."}}),
        "Image": obj({"url": {**URL, "description": "The image at its display size (its longest side at most "
                                                     f"{current_app.config['UPLOADS_DISPLAY_SIZE']} pixels)."},
                      "width": {"type": "integer", "minimum": 1}, "height": {"type": "integer", "minimum": 1},
                      "thumbnail_url": {**URL, "description": "Its smallest copy."},
                      "markdown": {**STRING, "description": "![](url): write the description between the brackets."}}),
        "User": obj(USER),
        "UserProfile": obj({**USER, "about": STRING, "created_at": TIME}),
        "Member": obj({**USER, "points": {**INTEGER, "description": "Reputation (period all), or reputation "
                                                                    "gained in the period."}}),
        "Tag": obj({"name": STRING, "description": STRING, "question_count": COUNT, "url": URL,
                    "names": {**obj({"en": STRING, "it": STRING}), "description": (
                        "What readers see in each language; empty: the other language's, else `name`. Questions "
                        "take `name`, either name or an alias in their tags.")},
                    "descriptions": obj({"en": STRING, "it": STRING})}),
        "QuestionSummary": obj(QUESTION_SUMMARY),
        "Comment": obj({"id": ID, "post_id": ID, "author": null_or(ref("User")), "body_markdown": STRING,
                        "body_html": STRING, "created_at": TIME}),
        "Official": obj({"at": TIME, "by": null_or(ref("User")), "note": {"type": ["string", "null"]}}),
        "OfficialSuspended": obj({"confirmed_at": TIME, "confirmed_by": null_or(ref("User")), "changed_at": TIME}),
        "Answer": obj({"id": ID, "question_id": ID, "url": URL, "author": null_or(ref("User")),
                       "language": {"type": ["string", "null"]}, "score": INTEGER, "accepted": BOOLEAN,
                       "official": null_or(ref("Official")),
                       "official_suspended": {**null_or(ref("OfficialSuspended")), "description": (
                           "Marked official once, then changed by someone outside the brand team: not vouched for "
                           "as it reads until the brand team confirms it again (official is then null).")},
                       **POST_STATE, "created_at": TIME, "my_vote": VOTE,
                       "comments": {"type": "array", "items": ref("Comment")}}),
        "Question": obj({**QUESTION_SUMMARY, **POST_STATE, "duplicate_of_id": {
                             **null_or(ID), "description": "The question this one duplicates (closed as a duplicate), "
                                                          "while that question is public."}, "my_vote": VOTE,
                         "comments": {"type": "array", "items": ref("Comment")},
                         "answers": {"type": "array", "items": ref("Answer"),
                                     "description": "Accepted first, then official, then by score, then oldest."}}),
        "QuestionPage": page_of(ref("QuestionSummary"), {"tab": {"type": "string", "enum": list(TABS)},
                                                         "tag": {"type": ["string", "null"]}}),
        "MemberPage": page_of(ref("Member"), {"period": {"type": "string", "enum": list(PERIODS)}}),
        "TagList": obj({"items": {"type": "array", "items": ref("Tag")},
                        "sort": {"type": "string", "enum": ["popular", "name"]}}),
        "Badge": obj(BADGE),
        "BadgeList": obj({"items": {"type": "array", "items": ref("Badge")}}),
        "BadgeAward": obj({"user": ref("User"), "awarded_at": TIME,
                           "tag": {"type": ["string", "null"], "description": "The product, for per-product badges."}}),
        "BadgeDetail": obj({**BADGE, "awards": page_of(ref("BadgeAward"))}),
        "FaqEntry": obj({"id": ID, "title": STRING, "question_id": ID, "answer_id": null_or(ID),
                         "tag": {"type": ["string", "null"]}, "position": INTEGER,
                         "answer_html": {**STRING, "description": "The featured answer as a moderator approved it."},
                         "needs_review": BOOLEAN, "updated_at": TIME, "url": URL}),
        "FaqGroups": obj({"groups": {"type": "array", "items": obj({
            "tag": {"type": ["string", "null"]}, "entries": {"type": "array", "items": ref("FaqEntry")}})}}),
        "SearchHit": obj({"question": ref("QuestionSummary"),
                          "title_html": {**STRING, "description": "Escaped title, matches in <mark>."},
                          "snippet_html": {**STRING, "description": "Escaped excerpt, matches in <mark>."},
                          "in_faq": BOOLEAN}),
        "SearchResults": page_of(ref("SearchHit"), {
            "query": STRING, "sort": {"type": "string", "enum": list(SORTS)}, "total_is_exact": BOOLEAN,
            "some_words": {**BOOLEAN, "description": "Nothing had every word: these results have some of them."},
            "did_you_mean": {"type": ["string", "null"]}}),
        "Satisfaction": obj({
            "period": obj({"since": TIME, "until": {**TIME, "description": "Exclusive."},
                           "tag": {"type": ["string", "null"]}}),
            "computed_at": TIME, **SURVEY_TALLY,
            "by_product": {"type": "array", "items": obj({"product": {
                "type": ["string", "null"], "description": "A tag of the surveyed questions; null: no tag."},
                **SURVEY_TALLY})},
            "answerers": {"type": "array", "items": obj({"user": null_or(ref("User")), **SURVEY_TALLY}),
                          "description": "Authors of the answers asked about, only with at least "
                                         f"{ANSWERER_MIN_RATINGS} ratings in the period."},
            "readers": obj({
                **READER_TALLY,
                "by_product": {"type": "array", "items": obj({"product": {
                    "type": ["string", "null"], "description": "A tag of the page's question; null: no tag."},
                    **READER_TALLY})},
                "worklist": {"type": "array", "items": obj({"question_id": ID, "title": STRING, **READER_TALLY}),
                             "description": "The pages whose readers most often said the answer is outdated or "
                                            "did not work, most first (at most 10)."}})}),
        "Token": obj({"id": ID, "name": STRING, "prefix": {**STRING, "description": "The token's first characters."},
                      "created_at": TIME, "last_used_at": null_or(TIME)}),
        "Me": obj({"user": ref("UserProfile"), "token": ref("Token")}),
        "VoteResult": obj({"post_id": ID, "score": INTEGER, "vote": {"type": ["string", "null"],
                                                                     "enum": ["up", "down", None]}}),
        "Acceptance": obj({"answer_id": ID, "question_id": ID, "accepted": BOOLEAN}),
        "Flag": obj({"id": ID, "post_id": ID, "reason": {"type": "string", "enum": list(FLAG_REASONS)},
                     "text": STRING, "status": {"type": "string", "enum": ["open", "dismissed", "acted"]},
                     "created_at": TIME}),
        "AssistantReply": obj({
            "session": obj({"id": ID, "key": {**STRING, "description": "Keep it: the feedback needs it. Only its "
                                                                       "holder can act on the session."}}),
            "outcome": {"type": "string", "enum": ["answer", "related", "nothing"],
                        "description": "answer: a likely answer (in `answer`); related: solved threads only; "
                                       "nothing: only the hand-over."},
            "language": {**STRING, "description": "The language read from the text."},
            "cut": {**BOOLEAN, "description": "The text was longer than the assistant reads."},
            "answer": {"type": "array", "items": ref("AssistantSource"),
                       "description": "The likely answer, composed from these sources' own words."},
            "related": {"type": "array", "items": ref("AssistantThread")},
            "handover_url": {**URL, "description": "The ask form filled from this session, for a person to answer "
                                                   "(works for 7 days)."}}),
        "AssistantSource": obj({
            "question_id": ID, "answer_id": ID, "title": STRING, "url": URL,
            "kind": {"type": "string", "enum": ["faq", "official", "accepted"],
                     "description": "faq: an FAQ entry; official: confirmed by the brand (on confirmed_at); "
                                    "accepted: accepted by the asker."},
            "confirmed_at": null_or(TIME), "language": STRING, "in_other_language": BOOLEAN,
            "blocks": {"type": "array", "items": obj({
                "kind": {"type": "string", "enum": ["paragraph", "list", "code", "table", "quote"]},
                "html": {**STRING, "description": "The source's own sanitised HTML for this block."},
                "after_gap": {**BOOLEAN, "description": "Something of the source was left out before it."}})}}),
        "AssistantThread": obj({"question_id": ID, "title": STRING, "url": URL, "language": STRING,
                                "in_other_language": BOOLEAN}),
        "AssistantFeedback": obj({"session_id": ID, "feedback": {"type": "string", "enum": ["solved", "not_helpful"]},
                                  "handover_url": URL}),
        # Request bodies. Unknown keys are ignored; the limits are those of the web forms.
        "AssistantRequest": obj({
            "text": {"type": "string", "minLength": 1, "maxLength": posts.BODY_MAX,
                     "description": "The customer's problem in their words (its first sentence is read as a "
                                    "title unless `title` is sent). The assistant reads the first 2,000 "
                                    "characters."},
            "title": {"type": "string", "maxLength": 150},
            "language": {"type": "string", "enum": list(current_app.config["LANGUAGES"]),
                         "description": "The reader's language, for a text too short to tell its own."},
        }, required=["text"], closed=False),
        "AssistantFeedbackRequest": obj({
            "key": {"type": "string", "minLength": 1, "maxLength": 100, "description": "The session's key."},
            "feedback": {"type": "string", "enum": ["solved", "not_helpful"]},
        }, required=["key", "feedback"], closed=False),
        "NewQuestion": obj({
            "title": {"type": "string", "minLength": posts.TITLE_LENGTH[0], "maxLength": posts.TITLE_LENGTH[1],
                      "description": "Counted without surrounding spaces."},
            "body": {"type": "string", "minLength": posts.QUESTION_BODY_MIN, "maxLength": posts.BODY_MAX,
                     "description": "Markdown."},
            "tags": {"oneOf": [{"type": "array", "items": STRING, "minItems": 1, "maxItems": posts.MAX_TAGS},
                               {"type": "string", "minLength": 1}],
                     "description": f"1 to {posts.MAX_TAGS} existing tag names: a list, or one string separated "
                                    "by spaces or commas."},
            "language": language,
            "allow_personal_data": PERSONAL_DATA,
        }, required=["title", "body", "tags"], closed=False),
        "NewAnswer": obj({
            "body": {"type": "string", "minLength": posts.ANSWER_BODY_MIN, "maxLength": posts.BODY_MAX,
                     "description": "Markdown."},
            "language": language, "allow_personal_data": PERSONAL_DATA,
            "official": {**BOOLEAN, "default": False,
                         "description": "Moderators: post it as the brand's official answer (ignored otherwise)."},
        }, required=["body"], closed=False),
        "NewComment": obj({
            "body": {"type": "string", "minLength": posts.COMMENT_LENGTH[0], "maxLength": posts.COMMENT_LENGTH[1],
                     "description": "`code`, *emphasis* and links."},
            "allow_personal_data": PERSONAL_DATA,
        }, required=["body"], closed=False),
        "VoteRequest": obj({"value": {"type": "string", "enum": ["up", "down", "none"],
                                      "description": "none takes your vote back."}}, closed=False),
        "FlagRequest": obj({"reason": {"type": "string", "enum": list(FLAG_REASONS)},
                            "text": {"type": "string", "maxLength": 500,
                                     "description": "At least 10 characters when the reason is other."}},
                           required=["reason"], closed=False),
        "OfficialRequest": obj({"note": {"type": "string", "description": "A short note (kept to 200 "
                                                                          "characters)."}},
                               required=[], closed=False),
        "FaqRequest": obj({
            "title": {"type": "string", "minLength": 10, "maxLength": 150,
                      "description": "Default: the entry's title, or the question's."},
            "answer_id": {**ID, "maximum": MAX_INT,
                          "description": "The featured answer (accepted or official). Default: the official "
                                         "answer, else the accepted one."},
            "tag": {"type": "string", "description": "The product. Default: the entry's, or the question's "
                                                     "first tag."},
            "position": {"type": ["integer", "null"], "minimum": 1, "maximum": MAX_INT,
                         "description": "Order within the product (1 first). Default: last, or unchanged."},
        }, required=[], closed=False),
    }


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str  # OpenAPI form, relative to /api/v1
    operation_id: str
    summary: object  # a lazy string: the /api page shows it translated
    group: str
    access: str = PUBLIC
    parameters: tuple = ()
    body: str | None = None  # schema name
    body_required: bool = True
    body_type: str = "application/json"
    success: tuple = (200,)
    schema: str = ""  # of the success response
    errors: tuple = ()
    description: str = ""
    extra: dict = field(default_factory=dict)


def _page_parameters(default: int) -> tuple:
    maximum = current_app.config["API_MAX_PER_PAGE"]
    return (("page", "query", {"type": "integer", "minimum": 1, "maximum": 100_000, "default": 1}, False),
            ("per_page", "query", {"type": "integer", "minimum": 1, "maximum": maximum,
                                   "default": min(default, maximum)}, False))


def _path_id(name: str) -> tuple:
    return ((name, "path", {"type": "integer", "minimum": 1, "maximum": MAX_INT}, True),)


READ_ERRORS = (401, 403, 429)
WRITE_ERRORS = (401, 403, 429)


def endpoints() -> list[Endpoint]:
    config = current_app.config
    search_max = config["SEARCH_QUERY_MAX_LENGTH"]
    return [
        Endpoint("get", "/questions", "listQuestions", _l("List questions, as the question lists do"), "questions",
                 OPTIONAL, (("tab", "query", {"type": "string", "enum": list(TABS), "default": "newest"}, False),
                            ("tag", "query", {"type": "string", "maxLength": 35}, False),
                            *_page_parameters(config["QUESTIONS_PER_PAGE"])),
                 schema="QuestionPage", errors=(*READ_ERRORS, 404, 422),
                 description="tab: newest, active (latest activity), unanswered (no accepted or upvoted answer), "
                             "votes. tag: only questions with this tag (an old, renamed name works too; 404 if "
                             "there is no such tag)."),
        Endpoint("get", "/questions/{question_id}", "getQuestion", _l("One question with its answers and comments"),
                 "questions", OPTIONAL, _path_id("question_id"), schema="Question",
                 errors=(*READ_ERRORS, 404, 410), description="410: the question was deleted."),
        Endpoint("post", "/questions", "askQuestion", _l("Ask a question"), "questions", TOKEN,
                 body="NewQuestion", success=(201,), schema="Question", errors=(400, 413, *WRITE_ERRORS, 422)),
        Endpoint("post", "/questions/{question_id}/answers", "postAnswer", _l("Answer a question"), "questions",
                 TOKEN, _path_id("question_id"), body="NewAnswer", success=(201,), schema="Answer",
                 errors=(400, 413, *WRITE_ERRORS, 404, 410, 422),
                 description="403: the question is closed or locked."),
        Endpoint("post", "/posts/{post_id}/comments", "addComment", _l("Comment on a question or an answer"),
                 "questions", TOKEN, _path_id("post_id"), body="NewComment", success=(201,), schema="Comment",
                 errors=(400, 413, *WRITE_ERRORS, 404, 410, 422),
                 description="On your own posts and on answers to your questions always; elsewhere with the "
                             "“comment everywhere” privilege (403 says how much reputation it needs)."),
        Endpoint("post", "/images", "uploadImage", _l("Upload an image for a post"), "questions", TOKEN,
                 body="NewImage", body_type="multipart/form-data", success=(201,), schema="Image",
                 errors=(400, 413, *WRITE_ERRORS, 422),
                 description="JPEG, PNG, WebP, GIF (its first frame is kept) or HEIC, at most "
                             f"{config['UPLOADS_MAX_BYTES'] // (1024 * 1024)} MB and "
                             f"{config['UPLOADS_MAX_PIXELS'] // 1_000_000} megapixels. The picture is decoded and "
                             "re-encoded, upright, without its metadata (EXIF, GPS); the same picture uploaded again "
                             "gives the same image. Put `markdown`, with a description of what the picture shows "
                             "between its brackets, into a question's or an answer's body: a post showing an image "
                             "without a description is refused. Needs the “post images” privilege (403 says how much "
                             "reputation); 429 when the day's uploads are used up. An image no post shows is deleted "
                             f"after {config['UPLOADS_GRACE_HOURS']} hours."),
        Endpoint("post", "/posts/{post_id}/vote", "vote", _l("Vote on a question or an answer"), "questions", TOKEN,
                 _path_id("post_id"), body="VoteRequest", schema="VoteResult",
                 errors=(400, 413, *WRITE_ERRORS, 404, 409, 410, 422),
                 description="Privileges and the daily allowance as on the site: 403 without the reputation, "
                             "429 when today's votes are used up, 409 when a vote is locked in."),
        Endpoint("post", "/answers/{answer_id}/accept", "acceptAnswer", _l("Accept an answer to your question"),
                 "questions", TOKEN, _path_id("answer_id"), schema="Acceptance",
                 errors=(*WRITE_ERRORS, 404, 410),
                 description="Only the asker. Accepting another answer moves the mark; repeating it changes "
                             "nothing."),
        Endpoint("delete", "/answers/{answer_id}/accept", "unacceptAnswer", _l("Take an acceptance back"),
                 "questions", TOKEN, _path_id("answer_id"), schema="Acceptance", errors=(*WRITE_ERRORS, 404, 410)),
        Endpoint("post", "/posts/{post_id}/flags", "flagPost", _l("Flag a post for the moderators"), "moderation",
                 TOKEN, _path_id("post_id"), body="FlagRequest", success=(201,), schema="Flag",
                 errors=(400, 413, *WRITE_ERRORS, 404, 409, 410, 422), description="409: you already flagged it."),
        Endpoint("post", "/answers/{answer_id}/official", "markOfficial",
                 _l("Mark an answer official (brand team)"), "moderation", MODERATOR, _path_id("answer_id"),
                 body="OfficialRequest", body_required=False, schema="Answer",
                 errors=(400, 413, *WRITE_ERRORS, 404, 410, 422),
                 description="Marking it again re-confirms it (renews its review date)."),
        Endpoint("delete", "/answers/{answer_id}/official", "unmarkOfficial",
                 _l("Remove the official mark (brand team)"), "moderation", MODERATOR, _path_id("answer_id"),
                 schema="Answer", errors=(*WRITE_ERRORS, 404, 409, 410)),
        Endpoint("put", "/questions/{question_id}/faq", "saveFaqEntry",
                 _l("Promote a question to the FAQ, or change its entry (brand team)"), "moderation", MODERATOR,
                 _path_id("question_id"), body="FaqRequest", body_required=False, success=(200, 201),
                 schema="FaqEntry", errors=(400, 413, *WRITE_ERRORS, 404, 409, 410, 422),
                 description="201 when the entry is new, 200 when it changed. 409: the question has no accepted "
                             "or official answer."),
        Endpoint("get", "/care/satisfaction", "getSatisfaction",
                 _l("The askers' satisfaction for a period, by product and answerer (brand team)"), "care",
                 MODERATOR, (("period", "query", {"type": "string", "enum": [*map(str, PRESETS), "custom"],
                                                  "default": "30"}, False),
                             ("from", "query", {"type": "string", "format": "date",
                                                "description": "First day (UTC), with period=custom."}, False),
                             ("to", "query", {"type": "string", "format": "date",
                                              "description": "Last day, included (UTC), with period=custom."}, False),
                             ("tag", "query", {"type": "string", "maxLength": 35,
                                               "description": "One product only."}, False)),
                 schema="Satisfaction", errors=(*READ_ERRORS, 422),
                 description="The askers' survey (“Did this solve your problem?”, asked when an answer is accepted "
                             "or marked official) over the surveys asked in the period (the last 7, 30 or 90 days, "
                             "or from–to): response rate, satisfaction (the share of Yes among the answered) and "
                             "average rating, per product (a survey counts for each tag of its question) and per "
                             "answerer with enough ratings; and readers' “Was this helpful?” on question pages "
                             "answered in the period, per product, with the pages most often called outdated. "
                             "The same figures as the care dashboard."),
        Endpoint("post", "/assistant", "askAssistant", _l("Ask the assistant"), "assistant", OPTIONAL,
                 body="AssistantRequest", schema="AssistantReply", errors=(400, 413, 429, 401, 422),
                 description="The help page's answer as JSON: from accepted, in-date official and FAQ answers only, "
                             "each block a piece of its source. Nothing is published; the session (what was "
                             "asked) is kept for the care figures and deleted after the retention period."),
        Endpoint("post", "/assistant/{session_id}/feedback", "assistantFeedback",
                 _l("Say whether the assistant's answer solved it"), "assistant", OPTIONAL,
                 _path_id("session_id"), body="AssistantFeedbackRequest", schema="AssistantFeedback",
                 errors=(400, 401, 404, 409, 413, 422, 429),
                 description="404: no session with this id and key. 409: a question was already posted from it."),
        Endpoint("get", "/users", "listUsers", _l("List members by reputation"), "users", OPTIONAL,
                 (("period", "query", {"type": "string", "enum": list(PERIODS), "default": "all"}, False),
                  ("q", "query", {"type": "string", "maxLength": 60,
                                  "description": "Part of a username or display name."}, False),
                  *_page_parameters(36)), schema="MemberPage", errors=(*READ_ERRORS, 422)),
        Endpoint("get", "/users/{user_id}", "getUser", _l("A member's profile, reputation and badge counts"),
                 "users", OPTIONAL, _path_id("user_id"), schema="UserProfile", errors=(*READ_ERRORS, 404)),
        Endpoint("get", "/me", "getMe", _l("The token's owner and the token"), "users", TOKEN, schema="Me",
                 errors=READ_ERRORS),
        Endpoint("get", "/badges", "listBadges", _l("Every badge, with how many hold it"), "badges", OPTIONAL,
                 schema="BadgeList", errors=READ_ERRORS),
        Endpoint("get", "/badges/{slug}", "getBadge", _l("One badge and who earned it"), "badges", OPTIONAL,
                 (("slug", "path", {"type": "string"}, True), *_page_parameters(40)), schema="BadgeDetail",
                 errors=(*READ_ERRORS, 404, 422)),
        Endpoint("get", "/tags", "listTags", _l("Tags (products and topics)"), "questions", OPTIONAL,
                 (("sort", "query", {"type": "string", "enum": ["popular", "name"], "default": "popular"}, False),),
                 schema="TagList", errors=(*READ_ERRORS, 422)),
        Endpoint("get", "/faq", "getFaq", _l("The FAQ, grouped by product"), "faq", OPTIONAL,
                 (("tag", "query", {"type": "string", "maxLength": 35, "description": "One product only."}, False),),
                 schema="FaqGroups", errors=(*READ_ERRORS, 404, 422)),
        Endpoint("get", "/search", "search", _l("Search questions and answers"), "questions", OPTIONAL,
                 (("q", "query", {"type": "string", "minLength": 1, "maxLength": search_max,
                                  "description": "Words, \"phrases\", -excluded, tag:name, as on the search page."},
                   True),
                  ("sort", "query", {"type": "string", "enum": list(SORTS), "default": "relevance"}, False),
                  *_page_parameters(config["SEARCH_PER_PAGE"])),
                 schema="SearchResults", errors=(*READ_ERRORS, 422, 503),
                 description="503: the search index is unavailable for a moment."),
        Endpoint("get", "/openapi.json", "getOpenApi", _l("This document"), "meta", PUBLIC,
                 schema="", errors=READ_ERRORS),
    ]


RESPONSE_TEXT = {400: "The body is not a JSON object.", 401: "No token, or an unknown or revoked one.",
                 403: "Not allowed: a missing privilege or role, a closed or locked question, or a suspended "
                      "account.",
                 404: "Not found (or not visible to you).", 409: "Conflicts with the current state.",
                 410: "The question was deleted.", 413: "The body is too large.",
                 422: "Invalid input: error.fields says what, field by field.",
                 429: "Too many requests, or a daily allowance used up.", 503: "Temporarily unavailable."}


def _operation(endpoint: Endpoint) -> dict:
    operation: dict[str, Any] = {"operationId": endpoint.operation_id, "summary": str(endpoint.summary),
                                 "tags": [endpoint.group]}
    if endpoint.description:
        operation["description"] = endpoint.description
    if endpoint.parameters:
        operation["parameters"] = [{"name": name, "in": where, "required": required, "schema": schema}
                                   for name, where, schema, required in endpoint.parameters]
    if endpoint.body:
        operation["requestBody"] = {"required": endpoint.body_required,
                                    "content": {endpoint.body_type: {"schema": ref(endpoint.body)}}}
    # A token is optional on reads (a moderator's sees deleted posts, /me needs one), required on writes.
    operation["security"] = [{}, {"bearerToken": []}] if endpoint.access in (PUBLIC, OPTIONAL) \
        else [{"bearerToken": []}]
    success_schema = ref(endpoint.schema) if endpoint.schema else {"type": "object"}
    responses = {str(status): {"description": "Created" if status == 201 else "OK",
                               "content": {"application/json": {"schema": success_schema}}}
                 for status in endpoint.success}
    for status in sorted(endpoint.errors):
        responses[str(status)] = {"$ref": f"#/components/responses/Error{status}"}
    operation["responses"] = responses
    return operation


def document() -> dict:
    """The whole document, in English whatever the request's language."""
    with force_locale("en"):
        paths: dict = {}
        for endpoint in endpoints():
            paths.setdefault(endpoint.path, {})[endpoint.method] = _operation(endpoint)
        error_responses = {}
        for status, text in RESPONSE_TEXT.items():
            response = {"description": text, "content": {"application/json": {"schema": ref("Error")}}}
            if status == 401:
                response["headers"] = {"WWW-Authenticate": {"schema": {"type": "string"},
                                                            "description": 'Bearer realm="api"'}}
            if status == 429:
                response["headers"] = {"Retry-After": {"schema": {"type": "string"},
                                                       "description": "Seconds to wait."}}
            error_responses[f"Error{status}"] = response
        return {
            "openapi": "3.1.0",
            "info": {"title": f"{current_app.config['BRAND_NAME']} Community API", "version": VERSION,
                     "description": "Read the community's questions, answers, members, badges, tags and FAQ; with "
                                    "a personal API token (created on your settings page, at /settings/api-tokens) "
                                    "ask, answer, comment, vote, accept and flag, with the same rules, privileges "
                                    "and limits as the site. Errors are JSON: "
                                    "{\"error\": {\"code\", \"message\", \"fields\"}}."},
            "servers": [{"url": "/api/v1"}],
            "paths": paths,
            "components": {
                "schemas": schemas(),
                "responses": error_responses,
                "securitySchemes": {"bearerToken": {
                    "type": "http", "scheme": "bearer",
                    "description": "A personal API token: Authorization: Bearer sprt_…. It acts as its owner, "
                                   "with the owner's role and privileges. A session cookie never authorises "
                                   "an API call."}},
            },
        }
