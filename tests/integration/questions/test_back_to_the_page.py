"""Back where one was: a vote the reader may not cast says why on a tap (a visitor: log in or sign up, and come
back to that answer; a member: the reputation needed), and logging in or signing up from any page's header
comes back to that page."""

import re
from urllib.parse import parse_qs, urlsplit

from app.extensions import db
from tests.integration.rendered_forms import rendered_form


def url(question) -> str:
    return f"/questions/{question.id}/{question.slug}"


def site_header(html: str) -> str:
    return html[html.index('<header class="site-header">'):html.index("</header>")]


def next_of(link: str) -> str:
    return parse_qs(urlsplit(link.replace("&amp;", "&")).query)["next"][0]


def vote_popovers(html: str, post_id: int) -> list[str]:
    """The popovers the vote buttons of a post open, by the buttons' own `popovertarget`."""
    form = re.search(rf'<form class="votes" method="post" action="/posts/{post_id}/vote".*?</form>', html,
                     re.S).group(0)
    targets = re.findall(r'popovertarget="([^"]+)"', form)
    assert "disabled" not in form, "a disabled button does nothing on a tap"
    return [re.search(rf'<div class="vote-why" id="{target}" popover>(.*?)</div>', form, re.S).group(1)
            for target in targets]


def test_a_visitors_tap_on_a_vote_offers_to_log_in_and_come_back_to_the_answer(client, make_user, make_question,
                                                                                make_answer):
    question = make_question(make_user("giulia"))
    answer = make_answer(make_user("marco"), question)
    make_user("nora")
    html = client.get(url(question)).get_data(as_text=True)
    popovers = vote_popovers(html, answer.id)
    assert len(popovers) == 2 and popovers[0] == popovers[1]  # both arrows open the same message
    why = popovers[0]
    assert re.sub(r"<[^>]+>", "", why).strip() == "Log in or sign up to vote."
    login, signup = (link.replace("&amp;", "&") for link in re.findall(r'href="([^"]+)"', why))
    answer_address = f"{url(question)}#answer-{answer.id}"
    assert next_of(login) == next_of(signup) == answer_address
    form = rendered_form(client.get(login).get_data(as_text=True))
    response = form.submit(client, login, {"login": "nora", "password": "correct horse battery"})
    assert response.status_code == 302 and response.location == answer_address


def test_a_members_tap_on_a_vote_they_cannot_cast_says_why(client, auth, make_user, make_question, make_answer):
    question = make_question(make_user("giulia"))
    answer = make_answer(make_user("marco"), question)
    auth.login(make_user("nora", reputation=1))
    up, down = vote_popovers(client.get(url(question)).get_data(as_text=True), answer.id)
    assert "Voting needs 5 reputation" in up and "Voting needs 50 reputation" in down
    assert 'href="/help/privileges"' in up and 'href="/help/privileges"' in down
    auth.logout()
    auth.login(answer.author)
    [why] = set(vote_popovers(client.get(url(question)).get_data(as_text=True), answer.id))
    assert "You cannot vote on your own post" in why


def test_logging_in_or_signing_up_from_the_header_comes_back_to_the_page(client, make_user, tags):
    make_user("nora")
    page = "/tags/aurora-one?tab=active"
    header = site_header(client.get(page).get_data(as_text=True))
    login = re.search(r'<a href="([^"]+)">Log in</a>', header).group(1).replace("&amp;", "&")
    signup = re.search(r'<a class="button[^"]*" href="([^"]+)">Sign up</a>', header).group(1).replace("&amp;", "&")
    assert next_of(login) == next_of(signup) == page
    # From the log-in page, the header and the page's own link to sign up keep the page to come back to.
    login_page = client.get(login).get_data(as_text=True)
    to_register = re.findall(r'href="(/register[^"]*)"', login_page)
    assert len(to_register) == 2 and all(next_of(link) == page for link in to_register)
    response = rendered_form(client.get(signup).get_data(as_text=True)).submit(
        client, signup, {"username": "piero", "email": "piero@example.com", "password": "correct horse battery"})
    assert response.status_code == 302 and response.location == page
    client.post("/logout")
    response = rendered_form(client.get(login).get_data(as_text=True)).submit(
        client, login, {"login": "nora", "password": "correct horse battery"})
    assert response.status_code == 302 and response.location == page


def test_the_sign_up_links_never_send_back_to_a_reset_link(client, make_user):
    from app.accounts import password_reset

    with client.application.test_request_context():
        token = password_reset.make_token(make_user("nora"))
    db.session.commit()
    header = site_header(client.get(f"/password/reset/{token}").get_data(as_text=True))
    assert token not in header and "next=" not in header
