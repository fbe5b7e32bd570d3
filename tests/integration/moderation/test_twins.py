"""Twins: the same question in two languages, linked by a moderator. Linking is not closing, only the brand team
links and unlinks, the audit log keeps it, both pages show the link and carry reciprocal hreflang alternates in
their head and in the sitemap, and the structured data stays each page's own."""

import json
import re
from datetime import timedelta
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from app import clock
from app.care import filters as care_filters
from app.care import metrics
from app.extensions import db
from app.models import ModerationAction, QuestionTwin, TwinGroup
from app.moderation import twins
from app.questions import operations as posts
from tests.integration import assistant_world
from tests.integration.page_forms import form_with
from tests.integration.xss_checks import unsafe_in_page

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def italian_question(author, title="La macchina segna errore E04 dopo la decalcificazione",
                     body="La spia rossa lampeggia tre volte e la pompa si ferma. Cosa posso fare?"):
    question = posts.ask_question(author, title, body, "aurora-one", "it")
    db.session.commit()
    return question


@pytest.fixture
def pair(make_user, make_question, make_answer):
    make_user("marta", role="moderator")
    english = make_question(make_user("olivia"))
    make_answer(make_user("marco"), english)
    italian = italian_question(make_user("giulia"))
    return english, italian


def page(client, question):
    return client.get(f"/questions/{question.id}/{question.slug}").get_data(as_text=True)


def link(client, question, typed):
    return client.post(f"/questions/{question.id}/twins", data={"duplicate_of": typed})


def alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def test_a_moderator_links_twins_and_both_pages_show_the_other(client, auth, pair):
    english, italian = pair
    auth.login("marta")
    response = link(client, english, f"http://localhost/questions/{italian.id}/{italian.slug}")
    assert response.status_code == 302
    auth.logout()
    on_english, on_italian = page(client, english), page(client, italian)
    assert "Questa domanda in italiano" in on_english and italian.title in on_english
    assert "This question in English" in on_italian and english.title in on_italian
    # Linking is not closing: both stay open and answerable.
    assert english.closed_reason is None and italian.closed_reason is None
    auth.login("marco")
    assert 'name="body"' in page(client, italian) and 'name="body"' in page(client, english)


def test_linking_is_audit_logged_and_readable_in_the_log(client, auth, pair):
    english, italian = pair
    auth.login("marta")
    link(client, italian, str(english.id))
    entry = db.session.scalar(select(ModerationAction).where(ModerationAction.action == "link_twin"))
    assert entry.target_id == italian.id and entry.before == {"twins": [italian.id]}
    assert entry.after == {"twins": [english.id, italian.id]}
    log = client.get("/moderation/log").get_data(as_text=True)
    page = BeautifulSoup(log, "html.parser")
    assert " ".join(page.select_one(".log-sentence").get_text().split()) == \
        f"marta linked “{italian.title}” with its translation"
    assert " ".join(page.select_one(".log-changes").get_text().split()) == \
        f"Translations: “{italian.title}” → “{english.title}”, “{italian.title}”"


def test_only_moderators_link_and_unlink(client, auth, pair, make_user):
    english, italian = pair
    make_user("veteran", reputation=100_000)
    for path in (f"/questions/{english.id}/twins", f"/questions/{english.id}/twins/unlink"):
        response = client.post(path, data={"duplicate_of": str(italian.id)})
        assert response.status_code == 302 and "/login" in response.location
    auth.login("veteran")
    assert link(client, english, str(italian.id)).status_code == 403
    assert client.post(f"/questions/{english.id}/twins/unlink").status_code == 403
    assert db.session.scalar(select(func.count()).select_from(QuestionTwin)) == 0
    assert "Translations" not in page(client, english)  # the tool is the brand team's


def test_a_question_has_at_most_one_twin_per_language(client, auth, pair, make_user, make_question):
    english, italian = pair
    auth.login("marta")
    link(client, english, str(italian.id))
    other_italian = italian_question(make_user("chiara"), "Errore E04 dopo aver decalcificato la macchina",
                                     "Dopo la decalcificazione compare E04 e la pompa non parte più.")
    response = link(client, other_italian, str(english.id))
    assert response.status_code == 400
    assert "at most one translation in each language" in response.get_data(as_text=True)
    assert str(english.id) in response.get_data(as_text=True)  # what was typed stays in the field
    same_language = make_question(make_user("paolo"), title="E04 shows after I descaled the machine")
    response = link(client, same_language, str(other_italian.id))
    assert response.status_code == 302  # a new pair: English and Italian
    response = link(client, same_language, str(english.id))
    assert response.status_code == 400 and "a question in English" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(QuestionTwin)) == 4


@pytest.mark.parametrize("typed", ["", "the Italian one", "https://elsewhere.example/questions/2/x", "99999"])
def test_a_refused_link_comes_back_with_the_text_and_the_reason(client, auth, pair, typed):
    english, _italian = pair
    auth.login("marta")
    response = link(client, english, typed)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Give the number or address of the same question in the other language." in html
    assert f'value="{typed}"' in html
    assert db.session.scalar(select(func.count()).select_from(ModerationAction)) == 0


def test_linking_a_question_to_itself_or_twice_is_refused(client, auth, pair):
    english, italian = pair
    auth.login("marta")
    assert link(client, english, str(english.id)).status_code == 400
    assert link(client, english, str(italian.id)).status_code == 302
    again = link(client, italian, str(english.id))
    assert again.status_code == 409 and "already linked" in again.get_data(as_text=True)


def test_unlinking_removes_the_link_from_both_pages_and_is_logged(client, auth, pair):
    english, italian = pair
    auth.login("marta")
    link(client, english, str(italian.id))
    assert client.post(f"/questions/{italian.id}/twins/unlink").status_code == 302
    assert db.session.scalar(select(func.count()).select_from(QuestionTwin)) == 0
    assert db.session.scalar(select(func.count()).select_from(TwinGroup)) == 0
    auth.logout()
    assert "Questa domanda in italiano" not in page(client, english)
    assert "This question in English" not in page(client, italian)
    assert not alternates(page(client, english))
    entry = db.session.scalar(select(ModerationAction).where(ModerationAction.action == "unlink_twin"))
    assert entry.before == {"twins": [english.id, italian.id]} and entry.after == {"twins": []}
    auth.login("marta")
    assert client.post(f"/questions/{italian.id}/twins/unlink").status_code == 409


def test_both_pages_carry_reciprocal_hreflang_with_the_original_as_default(client, auth, pair):
    english, italian = pair
    auth.login("marta")
    link(client, italian, str(english.id))
    auth.logout()
    english_url = f"http://localhost/questions/{english.id}/{english.slug}"
    italian_url = f"http://localhost/questions/{italian.id}/{italian.slug}"
    expected = {"en": english_url, "it": italian_url, "x-default": english_url}  # English was asked first
    assert alternates(page(client, english)) == expected
    assert alternates(page(client, italian)) == expected
    # The structured data stays each page's own.
    for question in pair:
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page(client, question), re.S)
        data = [json.loads(block) for block in blocks]
        assert [d["mainEntity"]["name"] for d in data if d.get("@type") == "QAPage"] in ([question.title], [])


def test_a_twin_not_worth_indexing_is_left_out_of_both_sides(client, auth, pair, make_user):
    english, _italian = pair
    with clock.frozen(clock.now() - timedelta(days=40)):
        old = italian_question(make_user("chiara"), "Una domanda vecchia a cui nessuno ha risposto",
                               "Nessuno ha mai risposto a questa domanda sulla macchina Aurora One.")
    auth.login("marta")
    link(client, english, str(old.id))
    auth.logout()
    assert not alternates(page(client, english))
    assert "Questa domanda in italiano" in page(client, english)  # the reader still finds it


def test_the_sitemap_lists_each_twin_with_its_alternates(client, auth, pair, make_question, make_user):
    english, italian = pair
    alone = make_question(make_user("paolo"), title="The grinder is louder than it used to be")
    auth.login("marta")
    link(client, english, str(italian.id))
    response = client.get("/sitemaps/questions-1.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.get_data())  # well-formed, the xhtml prefix declared
    found = {url.find(f"{SITEMAP}loc").text: {link.get("hreflang"): link.get("href")
                                              for link in url.findall(f"{XHTML}link")} for url in root}
    english_url = f"http://localhost/questions/{english.id}/{english.slug}"
    italian_url = f"http://localhost/questions/{italian.id}/{italian.slug}"
    expected = {"en": english_url, "it": italian_url, "x-default": english_url}
    assert found[english_url] == expected and found[italian_url] == expected
    assert found[f"http://localhost/questions/{alone.id}/{alone.slug}"] == {}
    assert len(root) == 3  # one entry per question, however many twins it has


def test_the_ask_page_proposes_the_discussion_in_the_other_language(client, auth, pair, make_answer, make_user):
    english, italian = pair
    make_answer(make_user("chiara"), italian, "Ripeti la decalcificazione e poi tieni premuto il tasto per 5 secondi.")
    auth.login("marta")
    link(client, english, str(italian.id))
    auth.logout()
    found = client.get("/search/suggest", query_string={"q": "errore E04 dopo la decalcificazione"}).get_json()
    assert found["language"] == "it"
    rows = {row["id"]: row for row in found["suggestions"]}
    assert rows[italian.id]["elsewhere"] is None
    assert rows[italian.id]["twins"] == [{"title": english.title, "language": "en",
                                          "url": f"/questions/{english.id}/{english.slug}",
                                          "elsewhere": "There is an English discussion of this"}]
    # Typed in English, the English thread is the reader's own; its Italian twin is offered as such.
    found = client.get("/search/suggest", query_string={"q": "error E04 after descaling", "lang": "en"},
                       headers={"Accept-Language": "it"}).get_json()
    rows = {row["id"]: row for row in found["suggestions"]}
    assert rows[english.id]["elsewhere"] is None
    assert rows[english.id]["twins"][0]["elsewhere"] == "C'è una discussione in italiano su questo"


class TestAssistant:
    """The assistant offers a cited or related thread's translation in the other language beside it."""

    @pytest.fixture
    def app_config(self, app_config):
        return {**app_config, **assistant_world.THRESHOLDS}

    def test_the_reply_names_the_english_discussion_of_an_italian_thread(self, client, make_user, tags):
        threads = assistant_world.build(make_user)
        moderator = make_user("marta", role="moderator")
        english = posts.ask_question(make_user("olivia"), "The Duo steam wand drips even when switched off",
                                     "After coffee the wand keeps dripping for an hour.", "aurora-one", "en")
        twins.link_twins(moderator, threads["wand"], english)
        db.session.commit()
        page = client.get("/help", headers={"Accept-Language": "it"}).get_data(as_text=True)
        response = client.post("/help", data=form_with(page, "/help").filled(text="La lancia vapore della mia Duo "
                                                                                  "gocciola"),
                               headers={"Accept-Language": "it"})
        soup = BeautifulSoup(response.get_data(as_text=True), "lxml")
        offered = soup.select_one(".assistant-twins li")
        assert offered.get_text(" ", strip=True).startswith("C'è una discussione in inglese su questo")
        assert offered.a["href"] == f"/questions/{english.id}/{english.slug}" and offered.a["hreflang"] == "en"


def test_the_care_dashboard_counts_a_question_and_its_translation_as_one_need(client, auth, make_user,
                                                                               make_question, make_answer):
    """Per need: the target, times to first answer, unanswered, escalated. Per question: questions asked."""
    now = clock.now()
    moderator = make_user("marta", role="moderator")
    with clock.frozen(now - timedelta(days=3)):
        english = make_question(make_user("olivia"))
    with clock.frozen(now - timedelta(days=3) + timedelta(hours=2)):
        italian = italian_question(make_user("giulia"))
    with clock.frozen(now - timedelta(days=3) + timedelta(hours=3)):
        make_answer(make_user("marco"), italian)  # 3 hours after the need was first asked, on its Italian twin
    with clock.frozen(now - timedelta(days=2)):
        lone = make_question(make_user("paolo"), title="The grinder is louder than it used to be")
    twins.link_twins(moderator, english, italian)
    db.session.commit()
    report = metrics.compute(care_filters.from_args({"period": "7"}, clock.now()))
    assert report.asked == 3 and report.needs_asked == 2
    assert report.response_times == [3 * 3600.0]  # the need answered once, timed from its first asking
    assert report.unanswered == 1 and report.oldest_unanswered.id == lone.id  # the English twin is not waiting
    assert report.met == 1
    auth.login("marta")
    html = client.get("/moderation/metrics?period=7").get_data(as_text=True)
    assert "2 customer needs: a question and its translation count once" in html
    assert "A question and its translation linked by the brand team are one customer need" in html


def test_a_twins_title_is_text_on_the_page_its_head_and_the_tools(client, auth, make_user, make_question):
    english = make_question(make_user("olivia"))
    hostile = italian_question(make_user("giulia"),
                               'Errore E04 <img src=x onerror=alert(1)> "><script>alert(1)</script>',
                               "La spia rossa lampeggia tre volte e la pompa si ferma dopo la decalcificazione.")
    make_user("marta", role="moderator")
    auth.login("marta")
    link(client, english, str(hostile.id))
    for reader in ("marta", None):
        if reader is None:
            auth.logout()
        html = page(client, english)
        assert hostile.title not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
        assert not unsafe_in_page(html), unsafe_in_page(html)
