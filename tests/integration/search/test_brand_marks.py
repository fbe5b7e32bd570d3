"""The brand's marks reach search: official answers and FAQ entries can be filtered for and rank
higher; a post hidden after flags leaves the results at once."""

from app import clock
from app.extensions import db
from app.models import Answer
from tests.integration.search.pages import result_titles


def first_answer(question) -> Answer:
    return db.session.scalars(db.select(Answer).where(Answer.parent_id == question.id)).first()


def test_official_answer(corpus, search, make_user):
    from app.questions import official_answers

    question = corpus["it-garanzia"]
    official_answers.mark_official(make_user("care", role="moderator"), first_answer(question))
    db.session.commit()
    status, page = search("is:official")
    assert result_titles(page) == [question.title]
    assert '<span class="badge-official">Official answer</span>' in page
    assert result_titles(search("garanzia is:official")[1]) == [question.title]


def test_faq_entry(corpus, search, make_user):
    from app.faq import operations as faq

    question = corpus["en-warranty"]
    faq.save_entry(make_user("care", role="moderator"), question, "How long is the warranty?",
                   first_answer(question), question.tags[0], None)
    db.session.commit()
    status, page = search("is:faq")
    assert result_titles(page) == [question.title]
    assert '<span class="badge-faq">In the FAQ</span>' in page


def test_hidden_question_leaves_the_results(corpus, search):
    question = corpus["en-tank"]
    assert question.title in result_titles(search("tank")[1])
    question.hidden_at = clock.now()
    db.session.commit()
    assert question.title not in result_titles(search("tank")[1])
