"""Reading in one's language: the lists (questions, unanswered, a product's) take `?language=`, and by default
show the reader's language first and then the other, never hiding it; posts in the other language carry a
label; kept copies and ETags vary with both."""

import re

import pytest
from sqlalchemy import text

from app.extensions import db
from app.questions import operations, queries
from app.questions.view_models import ROW
from tests.conftest import statements

ITALIAN = ("La lavatrice non centrifuga più", "Da ieri la lavatrice non centrifuga e l'acqua resta nel cestello.")
ENGLISH = ("The washer does not spin any more", "Since yesterday the washer does not spin and water stays inside.")


@pytest.fixture
def mixed(app, tags, make_user):
    """Three Italian and three English questions, asked alternately (the newest is English)."""
    author = make_user("giulia")
    asked = []
    for number in range(3):
        for language, (title, body) in (("it", ITALIAN), ("en", ENGLISH)):
            asked.append(operations.ask_question(author, f"{title} ({number + 1})", body, "aurora-one", language))
            db.session.commit()
    return asked


def _titles(client, url: str, **headers) -> list[str]:
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return re.findall(r'<h2 class="question-title"><a href="[^"]+" lang="\w+">([^<]+)</a>',
                      response.get_data(as_text=True))


def _languages(titles: list[str]) -> list[str]:
    return ["it" if title.startswith("La lavatrice") else "en" for title in titles]


def test_an_italian_visitor_reads_italian_first_then_english(client, mixed):
    assert _languages(_titles(client, "/questions", **{"Accept-Language": "it-IT,it;q=0.9"})) == ["it"] * 3 + ["en"] * 3


def test_a_visitor_without_a_language_reads_english_first(client, mixed):
    assert _languages(_titles(client, "/questions")) == ["en"] * 3 + ["it"] * 3


def test_the_interface_setting_decides_over_accept_language(client, auth, make_user, mixed):
    auth.login(make_user("marco", locale="it"))
    assert _languages(_titles(client, "/questions", **{"Accept-Language": "en"})) == ["it"] * 3 + ["en"] * 3


def test_an_explicit_filter_shows_one_language_or_all_by_date(client, mixed):
    italian = {"Accept-Language": "it"}
    assert _languages(_titles(client, "/questions?language=en", **italian)) == ["en"] * 3
    assert _languages(_titles(client, "/questions?language=it")) == ["it"] * 3
    assert _languages(_titles(client, "/questions?language=all", **italian)) == ["en", "it"] * 3


@pytest.mark.parametrize("tab", ["newest", "active", "unanswered", "votes"])
def test_every_tab_and_the_product_page_put_the_readers_language_first(client, mixed, tab):
    for path in ("/questions", "/tags/aurora-one"):
        assert _languages(_titles(client, f"{path}?tab={tab}", **{"Accept-Language": "it"})) == ["it"] * 3 + ["en"] * 3


def test_pages_run_on_from_the_readers_language_into_the_other(app, client, mixed):
    app.config["QUESTIONS_PER_PAGE"] = 2
    italian = {"Accept-Language": "it"}
    pages = [_languages(_titles(client, f"/questions?page={n}", **italian)) for n in (1, 2, 3)]
    assert pages == [["it", "it"], ["it", "en"], ["en", "en"]]
    body = client.get("/questions?page=2&language=en&tab=votes", headers=italian).get_data(as_text=True)
    links = re.findall(r'href="(/questions\?[^"]*page=\d[^"]*)"', body)
    assert links and all("language=en" in link and "tab=votes" in link for link in links)


def test_the_tabs_keep_the_filter_and_the_filter_keeps_the_tab(client, mixed):
    body = client.get("/questions?tab=votes&language=it").get_data(as_text=True)
    tabs = re.search(r'<nav class="tabs".*?</nav>', body, re.S).group(0)
    assert tabs.count("language=it") == 4
    choices = re.search(r'<nav class="language-filter".*?</nav>', body, re.S).group(0)
    assert "/questions?tab=votes&amp;language=en" in choices and 'href="/questions?tab=votes"' in choices
    assert 'aria-current="true">Only Italian<' in choices


def test_posts_in_the_other_language_carry_a_label(client, mixed):
    body = client.get("/questions", headers={"Accept-Language": "it"}).get_data(as_text=True)
    assert body.count('<span class="post-language" lang="en">in English</span>') == 3
    assert 'class="post-language" lang="it"' not in body
    english = client.get("/questions").get_data(as_text=True)
    assert english.count('<span class="post-language" lang="it">in italiano</span>') == 3


def test_the_list_etag_varies_with_the_filter_and_the_readers_language(client, mixed):
    def etag(url, language):
        response = client.get(url, headers={"Accept-Language": language})
        return response.headers["ETag"], response.get_data(as_text=True)

    seen = {etag(url, language) for url in ("/questions", "/questions?language=all", "/questions?language=it")
            for language in ("en", "it")}
    assert len({tag for tag, _body in seen}) == 6
    # A kept copy is never served for another reader: the bodies differ in order as well as in words.
    italian_first, english_first = etag("/questions", "it")[1], etag("/questions", "en")[1]
    assert italian_first.index("La lavatrice") < italian_first.index("The washer")
    assert english_first.index("The washer") < english_first.index("La lavatrice")
    repeat = client.get("/questions", headers={"Accept-Language": "it", "If-None-Match": etag("/questions", "it")[0]})
    assert repeat.status_code == 304
    other = client.get("/questions", headers={"Accept-Language": "en", "If-None-Match": etag("/questions", "it")[0]})
    assert other.status_code == 200


def test_an_unknown_filter_reads_as_none(client, mixed):
    assert _titles(client, "/questions?language=xx") == _titles(client, "/questions")


def test_each_run_of_a_list_is_read_from_an_index_in_order(app, mixed):
    """No tab sorts the whole list to put a language first: each run walks a (kind, language, order) index."""
    postgres = db.engine.dialect.name == "postgresql"
    if postgres:  # a few rows: the planner would rather read the table; asked not to, it shows what it can use
        db.session.execute(text("SET LOCAL enable_seqscan = off"))
    for tab in queries.TABS:
        conditions, order = queries._listing(tab, None)
        statement = ROW.select(*queries._in_language(conditions, "it")).order_by(*order).limit(30)
        sql = str(statement.compile(db.engine, compile_kwargs={"literal_binds": True}))
        explain = "EXPLAIN " if postgres else "EXPLAIN QUERY PLAN "
        plan = " ".join(str(row[-1]) for row in db.session.execute(text(explain + sql)))
        assert "ix_posts_kind_language_" in plan, plan
        if postgres:  # the run in index order; ties (same moment) are put in order as the tabs always did
            assert "Index Scan Backward using ix_posts_kind_language_" in plan and "Seq Scan on posts" not in plan, plan
        else:
            assert "TEMP B-TREE FOR ORDER BY" not in plan, plan


def test_a_page_costs_a_fixed_number_of_statements(app, client, mixed):
    client.get("/questions", headers={"Accept-Language": "it"})
    app.config["LIST_COUNT_CACHE_SECONDS"] = 300
    with statements() as italian_first:
        client.get("/questions?page=1&language=", headers={"Accept-Language": "it"})
    with statements() as filtered:
        client.get("/questions?language=it", headers={"Accept-Language": "it"})
    # The runs' counts are kept like the list's total: the reader's language first reads at most one more run.
    assert len(italian_first) <= len(filtered) + 2


# The FAQ per language.

@pytest.fixture
def faq_world(app, tags, make_user, make_question, make_answer):
    """Two English threads in the FAQ; the first also has an Italian entry of its own wording."""
    from app.faq import operations as faq
    from app.models import Tag
    moderator, asker = make_user("marta", role="moderator"), make_user("priya")
    tag = db.session.scalar(db.select(Tag).where(Tag.name == "aurora-one"))
    entries = []
    for title in ("The machine shows error E04 after descaling", "The water tank leaks from below"):
        question = make_question(asker, title=title)
        answer = make_answer(make_user(), question)
        operations.accept_answer(asker, answer)
        entries.append(faq.save_entry(moderator, question, title, answer, tag, None))
    italian = faq.save_entry(moderator, entries[0].question, "Errore E04 dopo la decalcificazione",
                             entries[0].answer, tag, None, "it", "Ripeti il ciclo e tieni premuto **5 secondi**.")
    db.session.commit()
    return moderator, entries, italian


def _faq_titles(client, url: str, **headers) -> list[str]:
    body = client.get(url, headers=headers).get_data(as_text=True)
    return [re.sub(r"<[^>]+>", "", title) for title in re.findall(r'<h3 class="faq-title">(.*?)</h3>', body)]


def test_the_faq_shows_the_readers_language_and_the_other_only_where_not_covered(client, faq_world):
    italian = {"Accept-Language": "it"}
    assert _faq_titles(client, "/faq", **italian) == [
        "Errore E04 dopo la decalcificazione", "The water tank leaks from below in English"]
    assert _faq_titles(client, "/faq/aurora-one") == [
        "The machine shows error E04 after descaling", "The water tank leaks from below"]
    assert _faq_titles(client, "/faq?language=all", **italian) == [
        "Errore E04 dopo la decalcificazione", "The machine shows error E04 after descaling in English",
        "The water tank leaks from below in English"]
    assert _faq_titles(client, "/faq?language=it") == ["Errore E04 dopo la decalcificazione in italiano"]
    page = client.get("/faq", headers=italian).get_data(as_text=True)
    assert "<strong>5 secondi</strong>" in page, "the entry's own wording, rendered"


def test_the_faq_etag_varies_with_the_filter_and_the_readers_language(client, faq_world):
    tags = {client.get(url, headers={"Accept-Language": language}).headers["ETag"]
            for url in ("/faq", "/faq?language=all", "/faq/aurora-one") for language in ("it", "en")}
    assert len(tags) == 6


def test_only_moderators_edit_an_entrys_wording_and_each_edit_is_logged(client, auth, make_user, faq_world):
    from app.models import FaqEntry, ModerationAction
    moderator, entries, italian = faq_world
    question_id = entries[0].question_id
    auth.login(make_user("lucia"))
    refused = client.post(f"/questions/{question_id}/faq", data={"language": "it", "wording": "Mio testo"})
    assert refused.status_code == 403
    assert db.session.get(FaqEntry, italian.id).wording_markdown.startswith("Ripeti il ciclo")
    auth.logout()
    auth.login(moderator)
    page = client.get(f"/questions/{question_id}/faq?language=it").get_data(as_text=True)
    assert "Ripeti il ciclo e tieni premuto **5 secondi**." in page
    fields = dict(re.findall(r'<input[^>]+name="(csrf_token|title|position)"[^>]*value="([^"]*)"', page))
    data = {**fields, "language": "it", "answer_id": entries[0].answer_id, "tag": entries[0].tag_id,
            "wording": "Ripeti il ciclo, poi <img src=x onerror=alert(1)> tieni premuto."}
    response = client.post(f"/questions/{question_id}/faq?language=it", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    entry = db.session.get(FaqEntry, italian.id)
    db.session.refresh(entry)
    assert "onerror" not in entry.wording_html and "tieni premuto" in entry.wording_html
    logged = db.session.scalars(db.select(ModerationAction).where(ModerationAction.target_id == italian.id,
                                                                   ModerationAction.action == "faq_update")).all()
    assert logged and logged[-1].after["wording"].startswith("Ripeti il ciclo, poi")
    assert logged[-1].before["wording"].startswith("Ripeti il ciclo e tieni")


def test_moves_are_among_the_same_language_and_logged(client, auth, faq_world):
    from app.models import ModerationAction
    moderator, entries, italian = faq_world
    auth.login(moderator)
    page = client.get("/faq?language=all").get_data(as_text=True)
    assert page.count('aria-label="Edit entry: The water tank leaks from below"') == 1
    assert page.count('aria-label="Move up: The water tank leaks from below"') == 1
    assert page.count('aria-label="Move down: The water tank leaks from below"') == 1
    response = client.post(f"/faq/{entries[1].id}/move", data={"direction": "up", "next": "/faq?language=all"},
                           headers={"Accept": "application/json"})
    assert response.get_json() == {"position": 1,
                                   "message": "Moved: The water tank leaks from below is now number 1."}
    assert _faq_titles(client, "/faq?language=en") == [
        "The water tank leaks from below", "The machine shows error E04 after descaling"]
    assert db.session.scalars(db.select(ModerationAction.after).where(
        ModerationAction.action == "faq_reorder")).all() == [{"position": 1}]
    response = client.post(f"/faq/{entries[1].id}/move", data={"position": "2", "next": "https://evil.example/"})
    assert response.headers["Location"] == f"/faq#faq-{entries[1].id}", "only a path of this site"
