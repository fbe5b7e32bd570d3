"""What one app server writes, the other shows at once; what they count, they count together. Each test writes
through app server 0 and reads through app server 1 (or the other way round)."""

import re
import secrets
import time

from tests.cluster.browsing import Browser
from tests.cluster.conftest import PASSWORD, SEARCH_LIMIT


def word() -> str:
    """A word no other question has, to find the one a test asked (letters only: digits look like a serial
    number, which the form asks about)."""
    return "zq" + "".join(secrets.choice("bcdfghjklmnpqrstvwxz") for _ in range(8))


def question_path(response) -> str:
    return re.sub(r"^https?://[^/]+", "", response.headers["Location"])


def read_on_every_worker(browser: Browser, server: int, path: str, times: int = 4):
    """Read a page often enough that each of the server's workers has served (and kept) it."""
    responses = [browser.get(server, path) for _ in range(times)]
    assert {r.status_code for r in responses} == {200}
    return responses[-1]


def shown_total(html: str) -> int:
    """The list's "12,345 questions"."""
    return int(re.search(r'<p class="count">([\d,]+) questions?</p>', html).group(1).replace(",", ""))


def test_a_question_asked_on_one_server_is_listed_counted_and_shown_on_the_other_at_once(member, visitor):
    # Each of server 1's workers keeps the list's total (and the page) before the question is asked.
    before = shown_total(read_on_every_worker(visitor, 1, "/questions").text)
    title = f"Grinder {word()} stops after two seconds"
    asked = member.ask(0, title, "The grinder starts, then stops after two seconds, every time I try.")

    for listed in [visitor.get(1, "/questions") for _ in range(4)]:
        assert title in listed.text and shown_total(listed.text) == before + 1
    page = visitor.get(1, question_path(asked))
    assert page.status_code == 200 and title in page.text


def test_an_answer_written_on_one_server_replaces_the_kept_page_on_the_other(member, visitor, make_member,
                                                                                address):
    path = question_path(member.ask(0, f"Milk frother {word()} is noisy", "It makes a loud rattle when frothing."))
    before = read_on_every_worker(visitor, 1, path)
    etag = before.headers["ETag"]

    answerer = Browser(member.cluster, address)
    answerer.log_in(0, make_member(), PASSWORD)
    answer = f"Descale it: the rattle {word()} is limescale on the whisk."
    sent = answerer.submit(0, path, "body", {"body": answer, "language": "en"}, action="/answers",
                           allow_redirects=False)
    assert sent.status_code == 302, sent.text[:2000]

    assert answer in visitor.get(1, path).text
    revalidated = visitor.get(1, path, headers={"If-None-Match": etag})
    assert revalidated.status_code == 200 and answer in revalidated.text


def test_a_question_asked_on_one_server_is_found_by_search_on_the_other(member, visitor):
    unique = word()
    path = question_path(member.ask(0, f"Water tank {unique} does not click into place",
                                    "The tank of my machine does not lock any more, it stays loose."))
    # The index is written after the commit, by the writing process's worker thread: milliseconds later. A few
    # tries a second apart, within the search's rate limit. (The result's title marks the word searched: the
    # test looks for the link to the question.)
    for _ in range(SEARCH_LIMIT - 1):
        found = visitor.get(1, "/search", params={"q": unique})
        assert found.status_code == 200
        if f'href="{path}"' in found.text:
            break
        time.sleep(1)
    assert f'href="{path}"' in found.text


def test_rate_limits_count_requests_to_every_server_together(visitor):
    answers = [visitor.get(n % 2, "/search", params={"q": "caffè"}).status_code for n in range(SEARCH_LIMIT + 2)]
    assert answers == [200] * SEARCH_LIMIT + [429, 429]


def test_logging_out_on_one_server_ends_the_session_on_the_other(cluster, make_member, address):
    browser = Browser(cluster, address)
    browser.log_in(0, make_member(), PASSWORD)
    copy = Browser(cluster, address)  # the same cookie, kept elsewhere (another tab, a stolen copy)
    copy.http.cookies.update(browser.http.cookies)
    assert copy.signed_in(1)

    logged_out = browser.submit(0, "/questions", "csrf_token", action="/logout", allow_redirects=False)
    assert logged_out.status_code == 302

    assert not copy.signed_in(1) and not copy.signed_in(0)


def test_a_new_password_on_one_server_signs_out_other_devices_on_every_server(cluster, make_member, address):
    name = make_member()
    laptop, phone = Browser(cluster, address), Browser(cluster, address)
    laptop.log_in(0, name, PASSWORD)
    phone.log_in(1, name, PASSWORD)
    assert phone.signed_in(1)

    changed = laptop.submit(0, "/settings", "password-new_password", {
        "password-current_password": PASSWORD, "password-new_password": "a brand new one 42"},
        allow_redirects=False)
    assert changed.status_code == 302, changed.text[:2000]

    assert laptop.signed_in(1)
    assert not phone.signed_in(1) and not phone.signed_in(0)


def test_a_visitor_moving_between_servers_is_counted_once(member, visitor):
    path = question_path(member.ask(0, f"Steam wand {word()} drips", "The steam wand drips when it is off."))
    question_id = re.search(r"/questions/(\d+)", path).group(1)

    def views() -> int:
        return member.get(0, f"/api/v1/questions/{question_id}").json()["view_count"]

    before = views()
    for server in (0, 1, 1, 0, 1):
        assert visitor.get(server, path).status_code == 200
    assert views() == before + 1


def mail_sent(cluster) -> list:
    """The messages every app server has sent (each writes to a folder of its own)."""
    return sorted(path for path in cluster.folder.glob("mail-*/*") if path.is_file())


def test_an_email_is_sent_once_whichever_servers_drain_the_outbox(cluster, visitor, make_member):
    name = make_member()
    requested = visitor.submit(0, "/password/forgot", "email", {"email": f"{name}@example.com"},
                               allow_redirects=False)
    assert requested.status_code == 302, requested.text[:2000]
    deadline = time.monotonic() + 10
    while not any(f"{name}@example.com" in path.read_text(errors="replace") for path in mail_sent(cluster)):
        assert time.monotonic() < deadline, "the reset e-mail was not sent"
        time.sleep(0.2)
    # Every server's drain command runs too (as cron does on one of them, and an operator by mistake on both).
    cluster.flask("mail", "send", number=0)
    cluster.flask("mail", "send", number=1)
    sent = [path for path in mail_sent(cluster) if f"{name}@example.com" in path.read_text(errors="replace")]
    assert len(sent) == 1
