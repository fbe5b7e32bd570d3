"""What a search engine sees: structured data, page metadata, sitemaps, robots.txt, thin and gone pages.

Structured data is read back out of rendered pages with extruct, as a crawler would, and checked
against the required and recommended fields of Google's QAPage, FAQPage and breadcrumb documentation.
"""

import json
import re
from datetime import datetime, timedelta
from xml.etree import ElementTree

import extruct
import pytest
from sqlalchemy import event, select

from app import clock
from app.extensions import db
from app.faq import operations as faq
from app.models import Tag, User
from app.questions import official_answers
from app.questions import operations as posts
from app.votes.operations import cast_vote

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# Google's QAPage: required on the Question, then recommended; on each Answer the same.
QUESTION_REQUIRED = ("name", "answerCount")
QUESTION_RECOMMENDED = ("text", "author", "dateCreated", "datePublished", "upvoteCount", "url")
ANSWER_REQUIRED = ("text",)
ANSWER_RECOMMENDED = ("author", "dateCreated", "datePublished", "upvoteCount", "url")


def page_of(client, question, **kwargs):
    return client.get(f"/questions/{question.id}/{question.slug}", **kwargs)


def structured(html: str) -> list[dict]:
    return extruct.extract(html, base_url="http://localhost/", syntaxes=["json-ld"], uniform=False)["json-ld"]


def one(items: list[dict], kind: str) -> dict:
    found = [item for item in items if item.get("@type") == kind]
    assert len(found) == 1, f"expected one {kind}, found {[i.get('@type') for i in items]}"
    assert found[0]["@context"] == "https://schema.org"
    return found[0]


def check_person(person: dict, user) -> None:
    assert person["@type"] == "Person" and person["name"] == user.name
    assert person["url"] == f"http://localhost/users/{user.id}/{user.username}"


def check_date(value: str, moment: datetime) -> None:
    parsed = datetime.fromisoformat(value)
    assert parsed.tzinfo is not None and abs(parsed - moment) < timedelta(seconds=1)


def check_answer(data: dict, answer, question) -> None:
    for field in (*ANSWER_REQUIRED, *ANSWER_RECOMMENDED):
        assert field in data, field
    assert data["@type"] == "Answer"
    assert data["text"] == "Run the descaling cycle again and then hold the power button for 5 s."
    assert data["url"] == f"http://localhost/questions/{question.id}/{question.slug}#answer-{answer.id}"
    assert data["upvoteCount"] == answer.score
    check_date(data["dateCreated"], answer.created_at)
    check_person(data["author"], answer.author)


@pytest.fixture
def discussed(make_user, make_question, make_answer):
    """A solved question: an accepted answer, an official one, an ordinary one, a deleted one, comments."""
    asker, brand = make_user("giulia"), make_user("marta", role="moderator", display_name="Marta (Aurora)")
    question = make_question(asker)
    accepted, official, plain, deleted = (make_answer(make_user(name), question)
                                          for name in ("marco", "sara", "luca", "piero"))
    posts.accept_answer(asker, accepted)
    official_answers.mark_official(brand, official, "Confirmed for firmware 2.3")
    cast_vote(make_user("voter", reputation=100), plain, 1)
    posts.add_comment(asker, question, "It happens every morning at the first coffee.")
    posts.add_comment(make_user("carla", reputation=50), accepted, "This worked for me as well, thanks!")
    posts.delete_post(brand, deleted)
    db.session.commit()
    return question, accepted, official, plain, deleted


class TestQAPage:
    def test_question_answers_and_comments_carry_every_google_field(self, client, discussed):
        question, accepted, official, plain, deleted = discussed
        data = one(structured(page_of(client, question).get_data(as_text=True)), "QAPage")
        entity = data["mainEntity"]
        assert entity["@type"] == "Question"
        for field in (*QUESTION_REQUIRED, *QUESTION_RECOMMENDED):
            assert field in entity, field
        assert entity["name"] == question.title
        assert entity["text"] == "The red light blinks three times and the pump stops. What can I do?"
        assert entity["answerCount"] == 3  # the deleted answer is not on the page, so not in the markup
        check_date(entity["dateCreated"], question.created_at)
        check_person(entity["author"], question.author)
        check_answer(entity["acceptedAnswer"], accepted, question)
        suggested = {int(a["url"].rsplit("-", 1)[1]): a for a in entity["suggestedAnswer"]}
        assert sorted(suggested) == sorted([official.id, plain.id])
        for answer in (official, plain):
            check_answer(suggested[answer.id], answer, question)
        assert f"answer-{deleted.id}" not in json.dumps(entity)
        assert [c["text"] for c in entity["comment"]] == ["It happens every morning at the first coffee."]
        assert entity["acceptedAnswer"]["comment"][0]["author"]["name"] == "carla"

    def test_official_answer_says_who_vouched_for_it(self, client, discussed):
        question, _accepted, official, plain, _deleted = discussed
        entity = one(structured(page_of(client, question).get_data(as_text=True)), "QAPage")["mainEntity"]
        by_url = {a["url"].rsplit("-", 1)[1]: a for a in entity["suggestedAnswer"]}
        review = by_url[str(official.id)]["review"]
        assert review["@type"] == "Review" and review["reviewBody"] == "Confirmed for firmware 2.3"
        assert review["author"]["name"] == "Marta (Aurora)"
        assert review["author"]["affiliation"] == {"@type": "Organization", "name": "Aurora Caffè"}
        check_date(review["datePublished"], official.official_at)
        assert "review" not in by_url[str(plain.id)] and "review" not in entity["acceptedAnswer"]

    def test_votes_show_in_the_counts(self, client, discussed):
        question, *_rest, plain, _deleted = discussed
        entity = one(structured(page_of(client, question).get_data(as_text=True)), "QAPage")["mainEntity"]
        by_url = {a["url"].rsplit("-", 1)[1]: a for a in entity["suggestedAnswer"]}
        assert by_url[str(plain.id)]["upvoteCount"] == 1 and entity["upvoteCount"] == 0

    def test_a_moderator_sees_the_deleted_answer_but_the_markup_leaves_it_out(self, client, discussed, auth):
        question, *_rest, deleted = discussed
        auth.login("marta")
        html = page_of(client, question).get_data(as_text=True)
        assert f'id="answer-{deleted.id}"' in html
        entity = one(structured(html), "QAPage")["mainEntity"]
        assert entity["answerCount"] == 3 and f"answer-{deleted.id}" not in json.dumps(entity)

    def test_unanswered_question_has_breadcrumbs_but_no_qapage(self, client, make_user, make_question):
        # Google requires an answer on a QAPage; the markup arrives with the first one.
        question = make_question(make_user())
        items = structured(page_of(client, question).get_data(as_text=True))
        assert [item["@type"] for item in items] == ["BreadcrumbList"]

    def test_user_text_cannot_close_the_script_element(self, client, make_user, tags):
        title = "Why does </script><script>alert(1)</script> show on my display?"
        question = posts.ask_question(make_user(), title, "The display shows </script> & <!-- when it boots.",
                                      "aurora-one", "en")
        posts.post_answer(make_user(), question, "That is the firmware's debug text: </script> is harmless.", "en")
        db.session.commit()
        html = page_of(client, question).get_data(as_text=True)
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        parsed = [json.loads(block) for block in blocks]  # a block cut short by the title would not parse
        assert parsed[0]["mainEntity"]["name"] == title
        assert all("<" not in block for block in blocks)
        assert "<script>alert(1)" not in html

    def test_breadcrumbs_lead_from_the_questions_through_the_product(self, client, discussed):
        question = discussed[0]
        trail = one(structured(page_of(client, question).get_data(as_text=True)), "BreadcrumbList")
        items = trail["itemListElement"]
        assert [(i["@type"], i["position"], i["name"]) for i in items] == [
            ("ListItem", 1, "Questions"), ("ListItem", 2, "aurora-one"), ("ListItem", 3, question.title)]
        assert [i["item"] for i in items] == ["http://localhost/questions", "http://localhost/tags/aurora-one",
                                             f"http://localhost/questions/{question.id}/{question.slug}"]

    def test_breadcrumb_names_follow_the_visitor_language(self, client, discussed):
        html = page_of(client, discussed[0], headers={"Accept-Language": "it"}).get_data(as_text=True)
        assert one(structured(html), "BreadcrumbList")["itemListElement"][0]["name"] == "Domande"

    def test_the_script_element_is_data_that_the_csp_does_not_block(self, client, discussed):
        response = page_of(client, discussed[0])
        assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
        scripts = re.findall(r"<script([^>]*)>", response.get_data(as_text=True))
        inline = [attrs for attrs in scripts if "src=" not in attrs]
        assert inline and all(attrs == ' type="application/ld+json"' for attrs in inline)


@pytest.fixture
def faq_entries(discussed, make_user):
    question, accepted, *_ = discussed
    tag = db.session.scalar(select(Tag).where(Tag.name == "aurora-one"))
    faq.save_entry(make_user("anna", role="moderator"), question, "Error E04 after descaling: what to do", accepted,
                   tag, None)
    db.session.commit()
    return question, accepted


class TestFAQPage:
    @pytest.mark.parametrize("url", ["/faq", "/faq/aurora-one"])
    def test_every_entry_is_a_question_with_its_accepted_answer(self, client, faq_entries, url):
        _question, accepted = faq_entries
        items = structured(client.get(url).get_data(as_text=True))
        data = one(items, "FAQPage")
        [entry] = data["mainEntity"]
        assert entry["@type"] == "Question" and entry["name"] == "Error E04 after descaling: what to do"
        assert entry["acceptedAnswer"] == {"@type": "Answer", "text": accepted.body_markdown}

    def test_breadcrumbs_on_the_faq_pages(self, client, faq_entries):
        names = [i["name"] for i in one(structured(client.get("/faq/aurora-one").get_data(as_text=True)),
                                        "BreadcrumbList")["itemListElement"]]
        assert names == ["Questions", "FAQ", "aurora-one"]
        names = [i["name"] for i in one(structured(client.get("/faq").get_data(as_text=True)),
                                        "BreadcrumbList")["itemListElement"]]
        assert names == ["Questions", "FAQ"]

    def test_an_empty_faq_has_no_faqpage(self, client):
        assert [i["@type"] for i in structured(client.get("/faq").get_data(as_text=True))] == ["BreadcrumbList"]


def head_of(html: str) -> str:
    return html.split("</head>")[0]


def meta(html: str, attribute: str, name: str) -> str | None:
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', head_of(html))
    return match.group(1) if match else None


def canonical(html: str) -> str | None:
    match = re.search(r'<link rel="canonical" href="([^"]*)">', head_of(html))
    return match.group(1) if match else None


class TestMetadata:
    def test_titles_and_descriptions_are_unique(self, client, discussed, make_user, make_question):
        other = make_question(make_user("author2"), title="The milk frother stopped foaming",
                              body="It worked yesterday, today the milk stays flat and cold.")
        for n in range(31):
            make_question(other.author, title=f"Filler question number {n} about grinders")
        urls = ["/", "/questions?page=2", "/tags", "/tags/aurora-one", "/faq", "/users", "/badges",
                f"/questions/{other.id}/{other.slug}", f"/questions/{discussed[0].id}/{discussed[0].slug}",
                "/users/1/giulia", "/help/privileges"]
        pages = {url: client.get(url).get_data(as_text=True) for url in urls}
        titles = {url: re.search(r"<title>(.*?)</title>", html, re.S).group(1) for url, html in pages.items()}
        descriptions = {url: meta(html, "name", "description") for url, html in pages.items()}
        assert len(set(titles.values())) == len(urls), titles
        assert len(set(descriptions.values())) == len(urls), descriptions
        assert "Page 2" in titles["/questions?page=2"]
        assert descriptions[f"/questions/{other.id}/{other.slug}"] == \
            "It worked yesterday, today the milk stays flat and cold."

    def test_canonical_is_absolute_and_drops_variants(self, client, discussed):
        question = discussed[0]
        html = client.get(f"/questions/{question.id}/{question.slug}?utm_source=mail").get_data(as_text=True)
        assert canonical(html) == f"http://localhost/questions/{question.id}/{question.slug}"
        assert canonical(client.get("/questions?tab=votes&page=2&utm_source=x").get_data(as_text=True)) == \
            "http://localhost/questions?page=2"
        assert canonical(client.get("/questions?page=1").get_data(as_text=True)) == "http://localhost/questions"
        assert canonical(client.get("/no/such/page").get_data(as_text=True)) is None

    @pytest.mark.parametrize("app_config", [{"SITE_URL": "https://community.example.com"}])
    def test_site_url_names_the_public_origin(self, client, discussed):
        question = discussed[0]
        html = client.get(f"/questions/{question.id}/{question.slug}").get_data(as_text=True)
        assert canonical(html) == f"https://community.example.com/questions/{question.id}/{question.slug}"
        assert "Sitemap: https://community.example.com/sitemap.xml" in client.get("/robots.txt").get_data(as_text=True)

    def test_opengraph_and_twitter_cards(self, client, discussed):
        question = discussed[0]
        html = page_of(client, question).get_data(as_text=True)
        url = f"http://localhost/questions/{question.id}/{question.slug}"
        assert meta(html, "property", "og:title") == meta(html, "name", "twitter:title") == question.title
        assert meta(html, "property", "og:description") == meta(html, "name", "twitter:description") == \
            meta(html, "name", "description")
        assert meta(html, "property", "og:url") == url and meta(html, "property", "og:type") == "article"
        assert meta(html, "property", "og:site_name") == "Aurora Caffè Community"
        assert meta(html, "name", "twitter:card") == "summary"
        assert meta(client.get("/faq").get_data(as_text=True), "property", "og:type") == "website"

    def test_html_lang_is_the_question_language_and_the_interface_keeps_its_own(self, client, make_user, tags):
        question = posts.ask_question(make_user(), "La macchina perde acqua dal basso",
                                      "Da ieri sotto la macchina trovo una pozza d'acqua.", "aurora-one", "it")
        db.session.commit()
        english = page_of(client, question).get_data(as_text=True)
        assert '<html lang="it">' in english and '<body lang="en">' in english
        italian = page_of(client, question, headers={"Accept-Language": "it"}).get_data(as_text=True)
        assert '<html lang="it">' in italian and "<body>" in italian
        assert '<html lang="en">' in client.get("/tags").get_data(as_text=True)


def old_question(make_user, make_question, days=31, **kwargs):
    with clock.frozen(clock.now() - timedelta(days=days)):
        return make_question(make_user(), **kwargs)


NOINDEX = '<meta name="robots" content="noindex">'


class TestThinPages:
    def test_old_unanswered_question_without_votes_is_noindex(self, client, make_user, make_question):
        assert NOINDEX in page_of(client, old_question(make_user, make_question)).get_data(as_text=True)

    def test_recent_answered_or_upvoted_questions_are_indexed(self, client, make_user, make_question, make_answer):
        recent = make_question(make_user(), title="A recent question about the steam wand")
        answered = old_question(make_user, make_question, title="An old question that got an answer")
        make_answer(make_user(), answered)
        upvoted = old_question(make_user, make_question, title="An old question people found useful")
        cast_vote(make_user(reputation=100), upvoted, 1)
        db.session.commit()
        for question in (recent, answered, upvoted):
            assert NOINDEX not in page_of(client, question).get_data(as_text=True), question.title

    def test_the_boundary_is_thirty_days(self, client, make_user, make_question):
        question = old_question(make_user, make_question, days=29)
        assert NOINDEX not in page_of(client, question).get_data(as_text=True)

    def test_profile_without_questions_or_answers_is_noindex(self, client, make_user, make_question):
        lurker, asker = make_user("lurker"), make_user("asker")
        make_question(asker)
        assert NOINDEX in client.get(f"/users/{lurker.id}/lurker").get_data(as_text=True)
        assert NOINDEX not in client.get(f"/users/{asker.id}/asker").get_data(as_text=True)

    def test_profile_whose_only_question_was_deleted_is_noindex(self, client, make_user, make_question):
        asker = make_user("asker")
        posts.delete_post(asker, make_question(asker))
        db.session.commit()
        assert NOINDEX in client.get(f"/users/{asker.id}/asker").get_data(as_text=True)

    def test_profile_whose_only_answer_is_under_a_deleted_question_is_noindex(self, client, make_user, make_question,
                                                                                make_answer):
        helper = make_user("helper")
        question = make_question(make_user())
        make_answer(helper, question)
        assert NOINDEX not in client.get(f"/users/{helper.id}/helper").get_data(as_text=True)
        posts.delete_post(make_user(role="moderator"), question)
        db.session.commit()
        assert NOINDEX in client.get(f"/users/{helper.id}/helper").get_data(as_text=True)

    def test_deleted_question_is_gone_for_visitors_but_moderators_see_it(self, client, make_user, make_question,
                                                                          auth):
        question = make_question(make_user())
        posts.delete_post(make_user("marta", role="moderator"), question)
        db.session.commit()
        assert page_of(client, question).status_code == 410
        assert client.get(f"/posts/{question.id}").status_code == 410
        auth.login("marta")
        response = page_of(client, question)
        assert response.status_code == 200 and NOINDEX in response.get_data(as_text=True)

    def test_hidden_question_is_not_found_rather_than_gone(self, client, make_user, make_question):
        # Hidden after flags is pending review and may come back: 410 would drop it from the index for good.
        question = make_question(make_user())
        question.hidden_at = clock.now()
        db.session.commit()
        assert page_of(client, question).status_code == 404


def sitemap_locations(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "application/xml"
    root = ElementTree.fromstring(response.get_data())
    return [element.text for element in root.iter(f"{SITEMAP}loc")]


class TestSitemaps:
    @pytest.fixture
    def app_config(self):
        return {"SITEMAP_URLS_PER_FILE": 2}

    @pytest.fixture
    def site(self, make_user, make_question, make_answer):
        author = make_user("giulia")
        questions = [make_question(author, title=f"Question number {n} about the grinder") for n in range(5)]
        make_answer(make_user("marco"), questions[0])
        posts.delete_post(author, questions[1])
        thin = old_question(make_user, make_question, title="An old question nobody answered")
        make_user("lurker")
        db.session.commit()
        return questions, thin

    def test_index_points_to_files_of_at_most_n_urls_covering_every_indexable_page(self, client, site):
        questions, thin = site
        files = sitemap_locations(client, "/sitemap.xml")
        assert all(re.fullmatch(r"http://localhost/sitemaps/(pages|questions|faq|tags|users)-\d+\.xml", f)
                   for f in files)
        listed = []
        for file in files:
            locations = sitemap_locations(client, file.removeprefix("http://localhost"))
            assert 1 <= len(locations) <= 2 or file.endswith("pages-1.xml")
            listed.extend(locations)
        expected = {f"http://localhost/questions/{q.id}/{q.slug}" for q in questions if q.deleted_at is None}
        assert expected <= set(listed)
        assert f"http://localhost/questions/{questions[1].id}/{questions[1].slug}" not in listed  # deleted
        assert f"http://localhost/questions/{thin.id}/{thin.slug}" not in listed  # thin
        assert "http://localhost/tags/aurora-one" in listed and "http://localhost/faq" in listed
        users = [url for url in listed if "/users/" in url]  # the lurker has nothing to show
        assert sorted(users) == sorted(f"http://localhost/users/{u.id}/{u.username}"
                                       for u in (questions[0].author, thin.author,
                                                 db.session.get(User, questions[0].author_id + 1)))
        assert len(listed) == len(set(listed))

    def test_question_files_carry_lastmod(self, client, site):
        questions, _thin = site
        response = client.get("/sitemaps/questions-1.xml")
        root = ElementTree.fromstring(response.get_data())
        lastmods = {url.find(f"{SITEMAP}loc").text: url.find(f"{SITEMAP}lastmod").text for url in root}
        first = f"http://localhost/questions/{questions[0].id}/{questions[0].slug}"
        check_date(lastmods[first], questions[0].last_activity_at)
        index = ElementTree.fromstring(client.get("/sitemap.xml").get_data())
        assert any(s.find(f"{SITEMAP}lastmod") is not None for s in index)

    def test_faq_pages_are_listed(self, client, faq_entries):
        files = sitemap_locations(client, "/sitemap.xml")
        assert "http://localhost/sitemaps/faq-1.xml" in files
        assert sitemap_locations(client, "/sitemaps/faq-1.xml") == ["http://localhost/faq/aurora-one"]

    @pytest.mark.parametrize("url", ["/sitemaps/questions-99.xml", "/sitemaps/questions-0.xml",
                                     "/sitemaps/secrets-1.xml", "/sitemaps/pages-2.xml"])
    def test_unknown_files_are_404(self, client, site, url):
        assert client.get(url).status_code == 404

    def test_queries_do_not_grow_with_the_number_of_urls(self, app, client, make_user, make_question):
        def statements_for(url: str) -> int:
            seen = []
            listener = lambda *args: seen.append(args[2])  # noqa: E731
            event.listen(db.engine, "before_cursor_execute", listener)
            try:
                client.get(url).get_data()
            finally:
                event.remove(db.engine, "before_cursor_execute", listener)
            return len(seen)

        app.config["SITEMAP_URLS_PER_FILE"] = 50_000
        author = make_user()
        make_question(author, title="The only question for a while")
        few = statements_for("/sitemaps/questions-1.xml")
        for n in range(12):
            make_question(author, title=f"Another question number {n} for the sitemap")
        assert statements_for("/sitemaps/questions-1.xml") == few


def test_robots_txt_keeps_crawlers_out_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    lines = response.get_data(as_text=True).splitlines()
    assert lines[0] == "User-agent: *"
    for path in ("/search", "/questions/ask", "/posts/*/edit", "/moderation", "/admin", "/login", "/register",
                 "/settings"):
        assert f"Disallow: {path}" in lines
    assert "Sitemap: http://localhost/sitemap.xml" in lines
    assert "Disallow: /questions" not in lines and "Disallow: /" not in lines


def visible_trail(html: str) -> list[tuple[str, str]]:
    nav = re.search(r'<nav class="breadcrumbs" aria-label="[^"]+">(.*?)</nav>', html, re.S)
    assert nav, "no visible breadcrumbs"
    return [(name, href) for href, name in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav.group(1))]


class TestVisibleBreadcrumbs:
    """The trail a visitor sees is the BreadcrumbList search engines read: same names, same links, same order."""

    @pytest.mark.parametrize("path", ["question", "/faq", "/faq/aurora-one"])
    def test_the_page_shows_the_structured_trail(self, client, faq_entries, path):
        question = faq_entries[0]
        html = client.get(f"/questions/{question.id}/{question.slug}" if path == "question" else path,
                          headers={"Accept-Language": "it"}).get_data(as_text=True)
        items = one(structured(html), "BreadcrumbList")["itemListElement"]
        assert visible_trail(html) == [(i["name"], i["item"].removeprefix("http://localhost")) for i in items]
        assert visible_trail(html)[0][0] == "Domande"
        assert re.search(r'<a href="[^"]+" aria-current="page">[^<]+</a></li></ol></nav>', html)


def test_long_discussions_fold_comments_after_the_third(client, make_user, make_question):
    question = make_question(make_user("giulia"))
    commenter = make_user("carla", reputation=50)
    for n in range(1, 6):
        posts.add_comment(commenter, question, f"Comment number {n} about the pump noise.")
    db.session.commit()
    html = page_of(client, question).get_data(as_text=True)
    shown, folded = html.split('<details class="more-comments">')
    assert all(f"Comment number {n} " in shown for n in (1, 2, 3))
    assert "Show 2 more comments" in folded and "Comment number 4" in folded and "Comment number 5" in folded


class TestBrandTheming:
    def test_the_default_colour_needs_no_extra_stylesheet_and_no_footer_links(self, client):
        html = client.get("/").get_data(as_text=True)
        assert "/brand.css" not in html and "Privacy" not in html
        assert '<span class="brand-mark" aria-hidden="true">' in html

    @pytest.mark.parametrize("app_config", [{
        "BRAND_NAME": "Caffè Lume", "BRAND_PRIMARY_COLOR": "#1A5FB4", "BRAND_LOGO": "img/lume.svg",
        "BRAND_PRIVACY_URL": "https://lume.example/privacy", "BRAND_TERMS_URL": "https://lume.example/terms",
        "BRAND_CONTACT_URL": "https://lume.example/contact"}])
    def test_name_logo_colour_and_footer_links_come_from_configuration(self, client):
        html = client.get("/").get_data(as_text=True)
        assert '<span class="brand-name">Caffè Lume</span>' in html and "Caffè Lume Community</title>" in html
        assert '<img class="brand-logo" src="/static/img/lume.svg" alt="" height="32">' in html
        footer = html.split('<footer class="site-footer">')[1]
        assert re.findall(r'<a href="(https://[^"]+)">([^<]+)</a>', footer) == [
            ("https://lume.example/privacy", "Privacy"), ("https://lume.example/terms", "Terms"),
            ("https://lume.example/contact", "Contact Caffè Lume")]
        [sheet] = re.findall(r'<link rel="stylesheet" href="(/brand.css\?v=[0-9a-f]+)">', html)
        response = client.get(sheet)
        assert response.status_code == 200 and response.mimetype == "text/css"
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert ":root{--brand:#1a5fb4;" in response.get_data(as_text=True)
        assert "max-age=300" in client.get("/brand.css?v=old").headers["Cache-Control"]

    @pytest.mark.parametrize("app_config", [{"BRAND_PRIMARY_COLOR": "#ffcc00"}])
    def test_a_colour_too_light_for_white_text_is_darkened_with_a_warning(self, app, client, caplog, monkeypatch):
        from app.seo import brand

        # Running the migrations in-process (the test database) applies alembic.ini's logging configuration,
        # which disables loggers that existed before it.
        monkeypatch.setattr(brand.logger, "disabled", False)
        used = app.extensions["brand"]["colours"]
        assert used["light"]["--brand"] != "#ffcc00"
        # Every pairing the stylesheet makes reads at WCAG AA: white on the colour, the colour and its hover
        # shade on the light backgrounds, and the dark theme's variant under dark text and on dark pages.
        for colour in (used["light"]["--brand"], used["light"]["--brand-dark"]):
            for background in ("#ffffff", "#f7f4f1", used["light"]["--brand-soft"]):
                assert brand.contrast(colour, background) >= 4.5
        for background in ("#171412", "#211d1a", "#1a1008", used["dark"]["--brand-soft"]):
            assert brand.contrast(used["dark"]["--brand"], background) >= 4.5
        from app import create_app
        from tests.conftest import TEST_CONFIG

        with caplog.at_level("WARNING"):
            create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": "sqlite://", "BRAND_PRIMARY_COLOR": "#ffcc00"})
        assert "BRAND_PRIMARY_COLOR #ffcc00 has a contrast of only 1.5:1 with white" in caplog.text
        assert f"using {used['light']['--brand']}" in caplog.text

    @pytest.mark.parametrize("colour", ["orange", "#12345", "rgb(0,0,0)"])
    def test_a_colour_that_is_not_a_hex_colour_stops_the_start(self, colour):
        from app import create_app
        from tests.conftest import TEST_CONFIG

        with pytest.raises(ValueError, match="BRAND_PRIMARY_COLOR must be a hex colour"):
            create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": "sqlite://", "BRAND_PRIMARY_COLOR": colour})

    def test_contrast_follows_wcag(self):
        from app.seo import brand

        assert round(brand.contrast("#000000", "#ffffff"), 1) == 21.0
        assert round(brand.contrast("#767676", "#ffffff"), 2) == 4.54  # the lightest grey AA allows on white
        assert brand.parse_colour("abc") == "#aabbcc"
