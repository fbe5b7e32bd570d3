"""Writes with a personal token: each calls the operation the web form calls, so validation, authorisation,
privileges and quotas are the site's own, and commits once."""

from flask import current_app, jsonify, request, url_for
from flask_login import current_user
from sqlalchemy import select

from app.api import auth, parameters
from app.api import representations as show
from app.api.blueprint import bp, write_limit
from app.extensions import db
from app.faq import operations as faq
from app.faq import queries as faq_queries
from app.i18n import current_language
from app.models import Answer, Tag
from app.moderation import operations as moderation
from app.questions import official_answers, queries
from app.questions import operations as posts
from app.questions.limits import POST_LIMIT
from app.uploads import operations as images
from app.uploads.forms import accepts_images, read_upload
from app.votes import operations as votes

VOTE_LIMIT = "60/minute"  # the vote button's


def _language(body: parameters.Body) -> str | None:
    """The post's language as the client says, else None: read from the text (app/content_language.py)."""
    return body.choice("language", current_app.config["LANGUAGES"], None)


def _question_response(question, status: int):
    answers = queries.list_answers(question, current_user)
    post_ids = [question.id, *(a.id for a in answers)]
    response = jsonify(show.question(question, answers, queries.comments_by_post(post_ids),
                                     queries.votes_by_post(current_user, post_ids)))
    response.status_code = status
    return response


def _answer_response(answer: Answer, status: int = 200):
    comments = queries.comments_by_post([answer.id]).get(answer.id, [])
    mine = queries.votes_by_post(current_user, [answer.id]).get(answer.id, 0)
    response = jsonify(show.answer(answer, comments, mine))
    response.status_code = status
    return response


@bp.post("/questions")
@auth.token_required
@write_limit(POST_LIMIT)
def ask():
    body = parameters.Body()
    title, text, tags = body.text("title"), body.text("body"), body.words("tags")
    language, allow = _language(body), body.flag("allow_personal_data")
    body.check()
    question = posts.ask_question(current_user, title, text, tags, language, allow,
                                  interface_language=current_language())
    db.session.commit()
    response = _question_response(question, 201)
    response.headers["Location"] = url_for("api.question", question_id=question.id)
    return response


@bp.post("/questions/<int:question_id>/answers")
@auth.token_required
@write_limit(POST_LIMIT)
def answer(question_id: int):
    question = queries.get_question(parameters.valid_id(question_id), current_user)
    body = parameters.Body()
    text, language = body.text("body"), _language(body)
    allow, official = body.flag("allow_personal_data"), body.flag("official")
    body.check()
    posted = posts.post_answer(current_user, question, text, language, allow, official,
                               interface_language=current_language())
    db.session.commit()
    return _answer_response(posted, 201)


@bp.post("/posts/<int:post_id>/comments")
@auth.token_required
@write_limit(POST_LIMIT)
def comment(post_id: int):
    post = queries.get_post(parameters.valid_id(post_id), current_user)
    body = parameters.Body()
    text, allow = body.text("body"), body.flag("allow_personal_data")
    body.check()
    posted = posts.add_comment(current_user, post, text, allow)
    db.session.commit()
    response = jsonify(show.comment(posted))
    response.status_code = 201
    return response


@bp.post("/posts/<int:post_id>/vote")
@auth.token_required
@write_limit(VOTE_LIMIT)
def vote(post_id: int):
    post = queries.get_post(parameters.valid_id(post_id), current_user)
    body = parameters.Body()
    value = body.text("value")
    body.check()
    score, mine = votes.cast_vote(current_user, post, votes.parse_value(value))
    db.session.commit()
    return jsonify({"post_id": post.id, "score": score, "vote": show.VOTE_NAMES[mine]})


@bp.post("/answers/<int:answer_id>/accept")
@bp.delete("/answers/<int:answer_id>/accept")
@auth.token_required
@write_limit(VOTE_LIMIT)
def accept(answer_id: int):
    """POST accepts, DELETE takes the acceptance back; asking for the state the answer already has changes
    nothing (the operation reads it under lock), so a script may repeat a call, even several at once."""
    answer = queries.get_answer(parameters.valid_id(answer_id), current_user)
    accepted = posts.accept_answer(current_user, answer, request.method == "POST")
    db.session.commit()
    return jsonify({"answer_id": answer.id, "question_id": answer.parent_id, "accepted": accepted})


@bp.post("/posts/<int:post_id>/flags")
@auth.token_required
@write_limit(POST_LIMIT)
def flag(post_id: int):
    post = queries.get_post(parameters.valid_id(post_id), current_user)
    body = parameters.Body()
    reason, text = body.text("reason"), body.text("text")
    body.check()
    created = moderation.flag_post(current_user, post, reason, text)
    db.session.commit()
    response = jsonify(show.flag(created))
    response.status_code = 201
    return response


@bp.post("/answers/<int:answer_id>/official")
@auth.moderator_required
@write_limit(POST_LIMIT)
def official(answer_id: int):
    answer = queries.get_answer(parameters.valid_id(answer_id), current_user)
    body = parameters.Body()
    note = body.text("note")
    body.check()
    official_answers.mark_official(current_user, answer, note)
    db.session.commit()
    return _answer_response(answer)


@bp.delete("/answers/<int:answer_id>/official")
@auth.moderator_required
@write_limit(POST_LIMIT)
def unofficial(answer_id: int):
    answer = queries.get_answer(parameters.valid_id(answer_id), current_user)
    official_answers.unmark_official(current_user, answer)
    db.session.commit()
    return _answer_response(answer)


@bp.put("/questions/<int:question_id>/faq")
@auth.moderator_required
@write_limit(POST_LIMIT)
def faq_entry(question_id: int):
    question = queries.get_question(parameters.valid_id(question_id), current_user)
    body = parameters.Body()
    title, tag_name = body.text("title"), body.text("tag")
    answer_id, position = body.integer("answer_id"), body.integer("position")
    body.check()
    existing = faq_queries.entry_for_question(question.id)
    answer = db.session.get(Answer, answer_id) if answer_id else faq.default_answer(question)
    tag = db.session.scalar(select(Tag).where(Tag.name == tag_name.strip().lower())) if tag_name else (
        existing.tag if existing else (question.tags[0] if question.tags else None))
    entry = faq.save_entry(current_user, question, title or (existing.title if existing else question.title) or "",
                           answer, tag, position)
    db.session.commit()
    response = jsonify(show.faq_entry(entry))
    response.status_code = 200 if existing else 201
    return response


@bp.post("/images")
@auth.token_required
@write_limit(lambda: current_app.config["UPLOADS_RATE_LIMIT"])
@accepts_images(1)
def upload_image():
    """An image for a post: put the Markdown returned into a question's or answer's body."""
    image = images.upload_image(current_user, read_upload(request.files.get("image")))
    db.session.commit()
    response = jsonify(show.image(image))
    response.status_code = 201
    return response
