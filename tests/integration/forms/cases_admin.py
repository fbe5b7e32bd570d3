"""Members' roles, suspensions and e-mail addresses, tags, webhooks, through the rendered forms."""

from datetime import date, timedelta

from tests.conftest import PASSWORD
from tests.integration.forms.browser import Browser
from tests.integration.forms.registry import case, refused


def member_row(page, username) -> str:
    rows = [row for row in page.texts(".admin-table tbody tr") if row.startswith(username + " ")]
    assert len(rows) == 1, page.texts(".admin-table tbody tr")
    return rows[0]


@case("admin.set_role POST")
def change_role(w, browser):
    admin = browser("admin")
    listing = admin.get("/admin/users").form("admin.users GET").type("q", "tina").submit()
    page = listing.form("admin.set_role POST", user_id=w.target).choose("role", "moderator").submit()
    assert "The role is changed." in page.flashes and page.url == "/admin/users?q=tina"
    assert page.form("admin.set_role POST", user_id=w.target)["role"] == "moderator"
    assert "Care queue" in " ".join(browser("target").get("/").texts(".account-nav"))


@case("admin.suspend POST")
def suspend(w, browser):
    admin = browser("admin")
    until = date.today() + timedelta(days=30)
    form = admin.get("/admin/users?q=tina").click("Suspend").form("admin.suspend POST")
    page = form.type("until", "2001-01-01").type("reason", "Spam links in every answer").submit()
    form = refused(page, "admin.suspend POST", until="2001-01-01", reason="Spam links in every answer")
    page = form.type("until", until.isoformat()).submit()
    assert "tina is suspended." in page.flashes, page.errors
    assert "Suspended until" in member_row(page, "tina")
    log_in = Browser(admin.app).get("/login").form("sign_in.login POST").type("login", "tina") \
        .type("password", PASSWORD).submit()
    assert "Spam links in every answer" in " ".join(log_in.errors), log_in.errors
    assert "tina" not in " ".join(log_in.texts(".account-nav"))


@case("admin.unsuspend POST")
def lift_suspension(w, browser):
    admin = browser("admin")
    page = admin.get("/admin/users").form("admin.unsuspend POST", user_id=w.suspended).submit()
    assert "The suspension of sue is lifted." in page.flashes
    assert "Suspended" not in member_row(page, "sue")
    assert Browser(admin.app).log_in("sue", PASSWORD)


@case("admin.set_email POST")
def set_email(w, browser):
    admin = browser("admin")
    form = admin.get("/admin/users?q=tina").click("Change").form("admin.set_email POST")
    assert form["email"] == "tina@example.com"
    form = refused(form.type("email", "tina.new@").submit(), "admin.set_email POST", email="tina.new@")
    page = form.type("email", "tina.new@example.com").submit()
    assert "The e-mail address of tina is saved." in page.flashes, page.errors
    assert "tina.new@example.com" in member_row(page, "tina")


@case("admin.new_tag POST which=tag")
def new_tag(w, browser):
    form = browser("mod").get("/tags/new").form("admin.new_tag POST")
    page = form.type("name", "Milk frother!").type("description", "The milk frother accessory").submit()
    form = refused(page, "admin.new_tag POST", name="Milk frother!", description="The milk frother accessory")
    page = form.type("name", "milk-frother").submit()
    assert "The tag milk-frother is created." in page.flashes, page.errors
    assert page.url == "/tags/milk-frother" and "The milk frother accessory" in page.text
    assert "milk-frother" in browser("anon").get("/tags").text


@case("admin.edit_tag POST which=tag", "admin.edit_tag POST which=merge")
def edit_and_merge_tag(w, browser):
    mod = browser("mod")
    form = mod.get("/tags/orders/edit").form("admin.edit_tag POST which=tag")
    assert form["name"] == "orders" and form["description"] == "About orders" and form["aliases"] == ""
    typed = {"name_en": "Orders", "name_it": "Ordini", "description": "Deliveries, invoices and returns",
             "description_it": "Consegne, fatture e resi", "aliases": "spedizione descaling"}
    for name, value in typed.items():
        form = form.type(name, value)
    page = form.submit()
    form = refused(page, "admin.edit_tag POST which=tag", **typed)  # "descaling" is another tag's name
    assert "“descaling” already names the tag descaling." in page.errors, page.errors
    page = form.type("aliases", "spedizione").submit()
    assert "The tag is saved." in page.flashes, page.errors
    assert "Deliveries, invoices and returns" in browser("anon").get("/tags/orders").text
    form = mod.get("/tags/orders/edit").form("admin.edit_tag POST which=tag")
    assert (form["name_it"], form["aliases"]) == ("Ordini", "ordini spedizione"), "a name is typed as an alias"

    form = mod.get("/tags/orders/edit").form("admin.edit_tag POST which=merge")
    page = form.type("merge_into", "descaling").submit()
    assert "The tag is merged." in page.flashes, page.errors
    assert page.url == "/tags/descaling" and "Where is my order for the new grinder?" in page.text
    assert browser("anon").get("/tags/orders").url == "/tags/descaling"


@case("webhooks.new POST")
def register_webhook(w, browser):
    admin = browser("admin")
    form = admin.get("/admin/webhooks").click("Register a webhook").form("webhooks.new POST")
    assert len(form["secret"]) >= 32, "a strong secret is offered"
    page = form.type("url", "http://192.168.1.20/hooks").check("events", value="question.created") \
        .check("events", value="flag.created").type("description", "Help desk").submit()
    form = refused(page, "webhooks.new POST", url="http://192.168.1.20/hooks", description="Help desk")
    assert form.values("events") == ["question.created", "flag.created"]
    page = form.type("url", "https://93.184.215.14/hooks/sportello").submit()
    assert "The webhook is registered." in page.flashes, page.errors
    assert "https://93.184.215.14/hooks/sportello" in page.text and "Help desk" in page.text
    assert "question.created" in page.text and "flag.created" in page.text


@case("webhooks.edit POST")
def edit_webhook(w, browser):
    form = browser("admin").get(f"/admin/webhooks/{w.webhook}").click("Edit").form("webhooks.edit POST")
    assert form.values("events") == ["question.created"] and form["secret"] == ""
    page = form.type("url", "https://93.184.215.14/hooks/crm").check("events", False, "question.created") \
        .check("events", value="answer.accepted").type("description", "CRM").submit()
    assert "The webhook is saved." in page.flashes, page.errors
    head = page.texts(".page-head")[0]
    assert "https://93.184.215.14/hooks/crm" in head and "CRM" in head and "Events: answer.accepted" in head, head


@case("webhooks.send_test POST", "webhooks.retry POST")
def send_and_retry(w, browser):
    show = browser("admin").get(f"/admin/webhooks/{w.webhook}")
    before = len(show.texts(".delivery"))
    page = show.form("webhooks.send_test POST").submit()
    assert page.flashes[0].startswith("Not delivered:"), page.flashes  # the receiver is on loopback: refused
    assert len(page.texts(".delivery")) == before + 1
    page = page.form("webhooks.retry POST", delivery_id=w.webhook_delivery).submit()
    assert page.flashes[0].startswith("Not delivered:"), page.flashes


@case("webhooks.delete POST")
def delete_webhook(w, browser):
    page = browser("admin").get(f"/admin/webhooks/{w.webhook}").form("webhooks.delete POST").submit()
    assert "The webhook is deleted." in page.flashes and page.url == "/admin/webhooks"
    assert "127.0.0.1:9" not in page.text
