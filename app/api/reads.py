"""Public reads: the same lists, filters and sorts as the HTML pages, as JSON. A token is optional
(moderators' tokens see deleted posts, as moderators do on the site)."""

from flask import abort, current_app, g, jsonify
from flask_login import current_user

from app.accounts import queries as account_queries
from app.api import auth, parameters
from app.api import representations as show
from app.api.blueprint import bp, config_value, read_limit
from app.badges import queries as badge_queries
from app.badges.catalog import BADGES
from app.extensions import limiter
from app.faq import queries as faq_queries
from app.moderation import queries as moderation_queries
from app.questions import queries
from app.reputation import queries as reputation_queries
from app.search import queries as search_queries
from app.search.ranking import SORTS


def _listing_parameters(query: parameters.Query, default_per_page: int) -> tuple[int, int]:
    page = query.integer("page", 1, high=100_000)
    per_page = query.integer("per_page", default_per_page, high=current_app.config["API_MAX_PER_PAGE"])
    return page, per_page


@bp.get("/questions")
@read_limit
def questions():
    query = parameters.Query()
    tab = query.choice("tab", queries.TABS, "newest")
    tag_name = query.text("tag", max_length=35)
    page, per_page = _listing_parameters(query, min(current_app.config["QUESTIONS_PER_PAGE"],
                                                    current_app.config["API_MAX_PER_PAGE"]))
    query.check()
    tag = None
    if tag_name:
        tag = queries.find_renamed_tag(tag_name) or queries.get_tag(tag_name)  # an old name still works
    listing = queries.list_questions(tab, page, per_page, tag=tag)
    return jsonify({**show.page(listing, [show.question_summary(q) for q in listing.items]),
                    "tab": tab, "tag": tag.name if tag else None})


@bp.get("/questions/<int:question_id>")
@read_limit
def question(question_id: int):
    found = queries.get_question(parameters.valid_id(question_id), current_user)
    answers = queries.list_answers(found, current_user)
    post_ids = [found.id, *(a.id for a in answers)]
    return jsonify(show.question(found, answers, queries.comments_by_post(post_ids),
                                 queries.votes_by_post(current_user, post_ids),
                                 moderation_queries.duplicate_original(found)))


@bp.get("/tags")
@read_limit
def tags():
    query = parameters.Query()
    order = query.choice("sort", ("popular", "name"), "popular")
    query.check()
    return jsonify({"items": [show.tag(t) for t in queries.list_tags(order)], "sort": order})


@bp.get("/users")
@read_limit
def users():
    query = parameters.Query()
    period = query.choice("period", reputation_queries.PERIODS, "all")
    search = query.text("q", max_length=60)
    page, per_page = _listing_parameters(query, 36)
    query.check()
    listing = reputation_queries.list_members(period, search, page, per_page)
    items = [{**show.user(row[0]), "points": row[1]} for row in listing.items]
    return jsonify({**show.page(listing, items), "period": period})


@bp.get("/users/<int:user_id>")
@read_limit
def user(user_id: int):
    return jsonify(show.profile(account_queries.get_user(parameters.valid_id(user_id))))


@bp.get("/me")
@read_limit
@auth.token_required
def me():
    return jsonify({"user": show.profile(current_user), "token": show.token(g.api_token)})


@bp.get("/badges")
@read_limit
def badges():
    counts = badge_queries.holder_counts()
    return jsonify({"items": [show.badge(b, counts.get(b.slug, 0)) for b in BADGES]})


@bp.get("/badges/<slug>")
@read_limit
def badge(slug: str):
    found = badge_queries.get_badge(slug)
    query = parameters.Query()
    page, per_page = _listing_parameters(query, 40)
    query.check()
    holders = badge_queries.list_holders(found, page, per_page)
    items = [{"user": show.user(holder), "awarded_at": show.when(award.awarded_at), "tag": tag.name if tag else None}
             for award, holder, tag in holders.items]
    return jsonify({**show.badge(found, badge_queries.holder_counts().get(found.slug, 0)),
                    "awards": show.page(holders, items)})


@bp.get("/faq")
@read_limit
def faq():
    query = parameters.Query()
    tag_name = query.text("tag", max_length=35)
    query.check()
    tag = queries.get_tag(tag_name) if tag_name else None
    groups = faq_queries.list_entries(tag)
    return jsonify({"groups": [{"tag": group_tag.name if group_tag else None,
                                "entries": [show.faq_entry(e) for e in entries]} for group_tag, entries in groups]})


@bp.get("/search")
@limiter.limit(config_value("SEARCH_RATE_LIMIT"))  # the search page's limit
def search():
    query = parameters.Query()
    text = query.text("q", max_length=current_app.config["SEARCH_QUERY_MAX_LENGTH"])
    sort = query.choice("sort", SORTS, "relevance")
    page, per_page = _listing_parameters(query, current_app.config["SEARCH_PER_PAGE"])
    if not text and "q" not in query.errors:
        query.errors["q"] = parameters.REQUIRED
    query.check()
    result = search_queries.search(text, sort, page, per_page)
    if result.unavailable:
        abort(503)
    # The results page's rows show less than the API tells (lock, last activity): the questions themselves.
    questions = {q.id: q for q in search_queries.load_questions([row.question.id for row in result.listing.items])}
    items = [{"question": show.question_summary(questions[row.question.id]), "title_html": str(row.title),
              "snippet_html": str(row.snippet), "in_faq": row.in_faq}
             for row in result.listing.items if row.question.id in questions]
    return jsonify({**show.page(result.listing, items), "query": text, "sort": sort,
                    "total_is_exact": result.exact_total, "some_words": result.some_words,
                    "did_you_mean": result.corrected})
