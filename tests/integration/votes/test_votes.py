from sqlalchemy import select

from app.extensions import db
from app.models import Post, Vote


def vote(client, post, value, json=False):
    headers = {"Accept": "application/json"} if json else {}
    return client.post(f"/posts/{post.id}/vote", data={"value": value}, headers=headers)


def score(post):
    return db.session.scalar(select(Post.score).where(Post.id == post.id))


def test_vote_up_change_retract_json(client, make_user, make_question, auth):
    question = make_question(make_user())
    make_user("marco", reputation=100)
    auth.login("marco")
    # A badge earned by the vote (the first up, the first down) is told to the script, shown beside the buttons.
    assert vote(client, question, "up", json=True).json == {"score": 1, "vote": "up",
                                                             "badges": ["You earned a badge: Supporter!"]}
    assert vote(client, question, "down", json=True).json == {"score": -1, "vote": "down",
                                                               "badges": ["You earned a badge: Critic!"]}
    assert vote(client, question, "none", json=True).json == {"score": 0, "vote": None, "badges": []}
    assert db.session.scalar(select(Vote.id)) is None


def test_vote_without_javascript_redirects_back(client, make_user, make_question, auth):
    question = make_question(make_user())
    make_user("marco", reputation=100)
    auth.login("marco")
    response = vote(client, question, "up")
    assert response.status_code == 302 and response.location == f"/questions/{question.id}/{question.slug}"
    html = client.get(response.location).get_data(as_text=True)
    assert 'aria-pressed="true"' in html


def test_one_vote_per_user_per_post(client, make_user, make_question, auth):
    question = make_question(make_user())
    make_user("marco", reputation=100)
    auth.login("marco")
    vote(client, question, "up")
    vote(client, question, "up")
    assert score(question) == 1 and db.session.query(Vote).count() == 1


def test_scores_add_up_over_voters(client, app, make_user, make_question, make_answer):
    question = make_question(make_user())
    answer = make_answer(make_user(), question)
    for n in range(3):
        voter = make_user(f"voter{n}", reputation=100)
        other = app.test_client()
        other.post("/login", data={"login": voter.username, "password": "correct horse battery"})
        vote(other, answer, "up" if n < 2 else "down")
    assert score(answer) == 1


def test_no_voting_on_own_post(client, make_user, make_question, auth):
    question = make_question(make_user("giulia"))
    auth.login("giulia")
    response = vote(client, question, "up", json=True)
    assert response.status_code == 403 and "your own post" in response.json["error"]["message"]
    assert vote(client, question, "up").status_code == 403
    assert score(question) == 0


def test_bad_vote_value_is_a_clear_error(client, make_user, make_question, auth):
    question = make_question(make_user())
    make_user("marco", reputation=100)
    auth.login("marco")
    response = vote(client, question, "sideways", json=True)
    assert response.status_code == 422 and response.json["error"]["fields"]["value"]
    assert vote(client, question, "sideways").status_code == 400


def test_vote_on_missing_post_is_404_json(client, make_user, auth):
    make_user("marco", reputation=100)
    auth.login("marco")
    response = client.post("/posts/999/vote", data={"value": "up"}, headers={"Accept": "application/json"})
    assert response.status_code == 404 and response.json["error"]["code"] == "not_found"
