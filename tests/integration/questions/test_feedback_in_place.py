"""Feedback where the action happened, without JavaScript: an action on an answer opens the page at that answer,
and its messages (the success, a badge just earned) are shown there, not at the top out of sight."""

from tests.integration.rendered_forms import rendered_form


def url(question) -> str:
    return f"/questions/{question.id}/{question.slug}"


def article(html: str, element_id: str) -> str:
    start = html.index(f'id="{element_id}"')
    return html[start:html.index("</article>", start)]


def top_messages(html: str) -> str:
    """What the page shows above its content (the messages region of the page around it)."""
    main = html[html.index("<main"):]
    return main[:main.index('<nav class="breadcrumbs"')]


def test_accepting_shows_the_thanks_and_the_badge_at_the_answer(client, auth, make_user, make_question,
                                                                 make_answer):
    question = make_question(make_user("giulia"))
    make_answer(make_user("luca"), question)
    answer = make_answer(make_user("marco"), question)
    auth.login(question.author)
    page = client.get(url(question)).get_data(as_text=True)
    response = rendered_form(page, f"/answers/{answer.id}/accept").submit(client, url(question))
    assert response.status_code == 302 and response.location == f"{url(question)}#answer-{answer.id}"
    html = client.get(response.location).get_data(as_text=True)
    at_answer = article(html, f"answer-{answer.id}")
    assert "Answer accepted. Thank you for closing the loop!" in at_answer
    assert "You earned a badge: Scholar!" in at_answer  # her first accepted answer
    assert 'class="post-feedback flashes" role="status"' in at_answer
    assert "Answer accepted" not in top_messages(html) and "You earned a badge" not in top_messages(html)
    # Said once: the next visit, and anyone else's, shows the page without it.
    assert "Answer accepted" not in client.get(url(question)).get_data(as_text=True)


def test_a_new_answer_is_thanked_where_it_appears(client, auth, make_user, make_question):
    question = make_question(make_user("giulia"))
    auth.login(make_user("marco"))
    page = client.get(url(question)).get_data(as_text=True)
    response = rendered_form(page, "/answers").submit(
        client, url(question), {"body": "Hold the power button for five seconds, then rinse the circuit."})
    assert response.status_code == 302 and "#answer-" in response.location
    html = client.get(response.location).get_data(as_text=True)
    answer_id = response.location.rsplit("#", 1)[1]
    assert "Your answer is posted. Thank you for helping!" in article(html, answer_id)
    assert "Your answer is posted" not in top_messages(html)


def test_a_badge_earned_by_a_vote_without_javascript_shows_at_that_answer(client, auth, make_user,
                                                                          make_question, make_answer):
    question = make_question(make_user("giulia"))
    answer = make_answer(make_user("marco"), question)
    auth.login(make_user("nora", reputation=20))
    page = client.get(url(question)).get_data(as_text=True)
    form = rendered_form(page, f"/posts/{answer.id}/vote")
    response = client.post(form.action, data={**form.fields, "value": "up"})  # the up arrow pressed
    assert response.location.endswith(f"#answer-{answer.id}")
    html = client.get(response.location).get_data(as_text=True)
    assert "You earned a badge: Supporter!" in article(html, f"answer-{answer.id}")


def test_messages_about_a_question_stay_at_the_top(client, auth, make_user, make_question):
    question = make_question(make_user("giulia"))
    auth.login(make_user("marco"))
    client.post(f"/questions/{question.id}/follow")
    html = client.get(url(question)).get_data(as_text=True)
    assert "You follow this question" in top_messages(html)


def test_every_action_that_lands_on_an_answer_says_so_there(client, auth, make_user, make_question, make_answer):
    """The place comes from where the action sends the reader: an edit, the brand's official mark, and any
    action added later that redirects to an answer."""
    question = make_question(make_user("giulia"))
    make_answer(make_user("luca"), question)
    answer = make_answer(make_user("marco"), question)
    auth.login(answer.author)
    edit = rendered_form(client.get(f"/posts/{answer.id}/edit").get_data(as_text=True))
    response = edit.submit(client, f"/posts/{answer.id}/edit",
                           {"body": "Hold the power button for ten seconds, then run a rinse cycle.",
                            "summary": "longer press"})
    assert response.location.endswith(f"#answer-{answer.id}")
    assert "Your edit is saved." in article(client.get(response.location).get_data(as_text=True), f"answer-{answer.id}")
    auth.logout()
    auth.login(make_user("marta", role="moderator"))
    page = client.get(url(question)).get_data(as_text=True)
    response = rendered_form(page, f"/answers/{answer.id}/official").submit(client, url(question))
    html = client.get(response.location).get_data(as_text=True)
    assert "The answer is marked official." in article(html, f"answer-{answer.id}")
    assert "marked official" not in top_messages(html)
