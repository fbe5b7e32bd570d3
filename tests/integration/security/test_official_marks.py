"""The brand's official mark follows the text it vouched for (security review, finding 3).

An official answer rewritten by a member with the edit privilege, or by its own author, no longer says the brand
confirmed it: the page, the structured data, the lists, search, the API and the FAQ stop calling it official,
kept pages change with it, and it waits in Review due until a moderator confirms it again. Edits go through the
edit form as the page renders it.
"""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Answer, FaqEntry, User
from app.questions import official_answers
from tests.integration.security.page_forms import rendered_form
from tests.integration.seo.test_seo import one, structured

SCAM = "Send your card number and its security code to refunds@aurora-help.example and we refund you at once."


@pytest.fixture
def vouched(make_user, make_question, make_answer, client, auth):
    """A question with an answer the brand team marked official, featured in the FAQ."""
    asker, hugo = make_user("giulia"), make_user("hugo")
    make_user("vera", reputation=600)  # may edit anyone's post
    marta = make_user("marta", role="moderator")
    question = make_question(asker)
    answer = make_answer(hugo, question)
    auth.login(marta)
    page = f"/questions/{question.id}/{question.slug}"
    html = client.get(page).get_data(as_text=True)
    action = f"/answers/{answer.id}/official"
    assert client.post(action, data={**rendered_form(html, action), "note": "Checked with the service team",
                                     "action": "mark"}).status_code == 302
    faq = f"/questions/{question.id}/faq"
    form = rendered_form(client.get(faq).get_data(as_text=True), faq, page=faq)
    assert client.post(faq, data=form).status_code == 302
    auth.logout()
    return question, answer


def _edit(client, auth, who: str, answer: Answer, body: str) -> str:
    """Edit the answer through its form as rendered; returns the form page as the editor saw it."""
    auth.login(who)
    url = f"/posts/{answer.id}/edit"
    html = client.get(url).get_data(as_text=True)
    response = client.post(url, data={**rendered_form(html, url, page=url), "body": body,
                                      "summary": "a better answer", "allow_personal_data": "y"})
    assert response.status_code == 302, response.get_data(as_text=True)[-1500:]
    auth.logout()
    return html


def _page(client, question, **headers) -> str:
    return client.get(f"/questions/{question.id}/{question.slug}", headers=headers).get_data(as_text=True)


def _answer_markup(html: str, answer: Answer) -> dict:
    entity = one(structured(html), "QAPage")["mainEntity"]
    return next(a for a in [*entity.get("suggestedAnswer", []), entity.get("acceptedAnswer") or {}]
                if a.get("url", "").endswith(f"#answer-{answer.id}"))


def _says_official(client, question, answer) -> dict:
    """Every place that can call the answer official, as a visitor sees it."""
    html = _page(client, question)
    api = client.get(f"/api/v1/questions/{question.id}").get_json()
    api_answer = next(a for a in api["answers"] if a["id"] == answer.id)
    faq = client.get("/faq").get_data(as_text=True)
    return {
        "page": "Official answer</strong>" in html and f'class="answer official" id="answer-{answer.id}"' in html,
        "structured data": "review" in _answer_markup(html, answer),
        "question list": "badge-official" in client.get("/questions").get_data(as_text=True),
        "search": "badge-official" in client.get("/search?q=descaling").get_data(as_text=True),
        "search filter": bool(client.get("/api/v1/search?q=is:official").get_json()["items"]),
        "api answer": api_answer["official"] is not None,
        "api question": api["has_official_answer"],
        "faq": "badge-official" in faq,
    }


@pytest.mark.parametrize("editor", ["vera", "hugo"])  # a member with the edit privilege; the answer's author
def test_an_edit_from_outside_the_brand_team_suspends_the_mark(client, auth, vouched, editor):
    question, answer = vouched
    assert all(_says_official(client, question, answer).values())
    kept = _page(client, question)  # a visitor's copy is now kept
    form_page = _edit(client, auth, editor, answer, SCAM)
    db.session.expire_all()
    assert not any(_says_official(client, question, answer).values()), _says_official(client, question, answer)
    assert "no longer shows as official until the brand team checks it again" in form_page  # the editor was told
    html = _page(client, question)
    assert html != kept and SCAM in html
    assert "Was confirmed by" in html and "changed since." in html and "confirmed by the brand team" not in html
    suspended = client.get(f"/api/v1/questions/{question.id}").get_json()["answers"][0]["official_suspended"]
    assert suspended["confirmed_by"]["username"] == "marta" and suspended["changed_at"]
    assert "Era confermata da" in _page(client, question, **{"Accept-Language": "it"})
    # The reputation and badges the mark earned stay until a moderator decides.
    assert db.session.get(User, answer.author_id).reputation > 1


def test_a_moderator_finds_it_in_review_due_and_confirms_it_again(client, auth, vouched):
    question, answer = vouched
    _edit(client, auth, "vera", answer, SCAM.replace("card number and its security code", "order number"))
    auth.login("marta")
    review = client.get("/moderation?tab=review").get_data(as_text=True)
    assert "by someone outside the brand team, after it was confirmed" in review
    assert f"/posts/{answer.id}/revisions" in review and "Review due" in _page(client, question)
    action = f"/answers/{answer.id}/official"
    response = client.post(action, data={**rendered_form(review, action), "action": "mark"})
    assert response.status_code == 302
    auth.logout()
    db.session.expire_all()
    assert all(_says_official(client, question, answer).values())
    auth.login("marta")
    review = client.get("/moderation?tab=review").get_data(as_text=True)
    assert "by someone outside the brand team" not in review  # only the FAQ entry's text is left to approve
    assert "The featured answer was edited" in review


def test_the_brand_teams_own_edit_keeps_the_mark(client, auth, vouched):
    question, answer = vouched
    _edit(client, auth, "marta", answer, "Run the descaling cycle twice, then hold the power button for 10 s.")
    db.session.expire_all()
    assert db.session.get(Answer, answer.id).is_official
    assert all(_says_official(client, question, answer).values())


def test_the_faq_waits_for_review_and_cannot_feature_a_suspended_mark(client, auth, vouched):
    question, answer = vouched
    _edit(client, auth, "hugo", answer, SCAM)
    db.session.expire_all()
    entry = db.session.scalar(select(FaqEntry))
    assert entry.needs_review_at is not None and SCAM not in client.get("/faq").get_data(as_text=True)
    auth.login("marta")
    form = client.get(f"/questions/{question.id}/faq").get_data(as_text=True)
    # The answer is neither accepted nor vouched for any more: nothing can be featured.
    assert "Only a question with an accepted or official answer can be in the FAQ." in form
    assert 'name="answer_id"' not in form


def test_unmarking_a_suspended_answer_clears_it(client, auth, vouched):
    question, answer = vouched
    _edit(client, auth, "vera", answer, SCAM)
    official_answers.unmark_official(db.session.scalar(select(User).where(User.username == "marta")),
                               db.session.get(Answer, answer.id))
    db.session.commit()
    stored = db.session.get(Answer, answer.id)
    assert (stored.official_at, stored.official_suspended_at, stored.official_review_due_at) == (None, None, None)
    assert client.get(f"/api/v1/questions/{question.id}").get_json()["answers"][0]["official_suspended"] is None


def test_an_official_answer_hidden_by_flags_is_not_called_official_until_shown_again(client, auth, make_user,
                                                                                       vouched):
    question, answer = vouched
    for name in ("flagger1", "flagger2", "flagger3"):
        auth.login(make_user(name, reputation=50))
        assert client.post(f"/posts/{answer.id}/flags", data={"reason": "spam"}).status_code == 302
        auth.logout()
    assert "badge-official" not in client.get("/questions").get_data(as_text=True)
    assert client.get(f"/api/v1/questions/{question.id}").get_json()["has_official_answer"] is False
    auth.login("marta")
    html = client.get("/moderation?tab=flags").get_data(as_text=True)
    action = f"/posts/{answer.id}/flags/resolve"
    assert client.post(action, data={**rendered_form(html, action), "outcome": "dismiss"}).status_code == 302
    auth.logout()
    db.session.expire_all()
    assert all(_says_official(client, question, answer).values())
