"""The GET forms that search and filter lists: the header and page search, members, the moderation log, the
care dashboard."""

import csv
import io

from tests.integration.forms.registry import case


@case("search.index GET")
def search(w, browser):
    visitor = browser("anon")
    page = visitor.get("/tags").form("search.index GET").type("q", "descale").submit()
    assert page.status == 200 and page.url.startswith("/search?q=descale")
    assert "How do I descale the Aurora One properly?" in page.text
    # The search page's own form (after the header's) keeps the words and searches again.
    header, form = page.forms_for("search.index GET")
    assert header["q"] == form["q"] == "descale"
    page = form.type("q", "water filter").submit()
    assert "Which water filter fits the Aurora One?" in page.text


@case("reputation.members GET")
def find_member(w, browser):
    page = browser("anon").get("/users").form("reputation.members GET").type("q", "vera").submit()
    assert page.url.startswith("/users?") and "q=vera" in page.url
    names = page.texts(".member-card .user-link")
    assert names == ["vera"], names


@case("admin.users GET")
def find_member_as_admin(w, browser):
    page = browser("admin").get("/admin/users").form("admin.users GET").type("q", "tina").submit()
    assert [row.split()[0] for row in page.texts(".admin-table tbody tr")] == ["tina"]


@case("moderation.log GET")
def filter_the_log(w, browser):
    mod = browser("mod")
    page = mod.get("/moderation/log").form("moderation.log GET").choose("action", "close").submit()
    actions = page.texts(".log-table tbody .log-action")
    assert actions and set(actions) == {"Closed"}, actions
    assert page.form("moderation.log GET")["action"] == "close", "the filter shows what it filters by"
    # The download keeps the filters shown.
    download = mod.client.get(page.links("Download these actions (CSV)")[0])
    rows = list(csv.reader(io.StringIO(download.get_data(as_text=True))))
    assert rows[0][:4] == ["entry_id", "at", "moderator", "action"] and len(rows) == len(actions) + 1
    assert {row[3] for row in rows[1:]} == {"close"}


@case("care.dashboard GET")
def filter_the_dashboard(w, browser):
    mod = browser("mod")
    form = mod.get("/moderation/metrics").form("care.dashboard GET")
    page = form.choose("period", "custom").type("from", "2026-01-01").type("to", "2026-01-31") \
        .choose("tag", "aurora-one").submit()
    assert page.status == 200 and not page.errors, page.errors
    form = page.form("care.dashboard GET")
    assert (form["period"], form["from"], form["to"], form["tag"]) == ("custom", "2026-01-01", "2026-01-31",
                                                                       "aurora-one")
    page = form.type("from", "2026-02-01").submit()
    assert page.status == 400 and page.errors, "a period that ends before it starts is refused on the form"
    assert page.form("care.dashboard GET")["from"] == "2026-02-01"


@case("moderation.queue_page GET")
def filter_the_queue(w, browser):
    mod = browser("mod")
    form = mod.get("/moderation?tab=waiting").form("moderation.queue_page GET")
    page = form.choose("tag", "aurora-one").choose("lang", "en").submit()
    assert page.status == 200 and "tag=aurora-one" in page.url and "lang=en" in page.url
    form = page.form("moderation.queue_page GET")
    assert (form["tab"], form["tag"], form["lang"]) == ("waiting", "aurora-one", "en")
    shown = page.texts(".queue-list .queue-title")
    assert "A question nobody answered yet, to delete" in shown, shown
    assert "Where is my order for the new grinder?" not in shown, "another product"
    assert "La macchina segna errore E04 dopo la decalcificazione" not in shown, "another language"
    # Another tab keeps the filters.
    page = page.click("Unhappy")
    assert "tag=aurora-one" in page.url and "lang=en" in page.url
    assert page.form("moderation.queue_page GET")["tag"] == "aurora-one"
