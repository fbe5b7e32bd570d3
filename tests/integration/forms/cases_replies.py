"""The brand team's saved replies through their rendered forms: written, refused as typed, edited, deleted."""

from tests.integration.forms.registry import case, refused


@case("replies.new POST")
def new_reply(w, browser):
    mod = browser("mod")
    form = mod.get("/moderation").click("Saved replies").click("New saved reply").form("replies.new POST")
    form = form.type("title", "Order status").type("body", "Soon.").choose("language", "it")
    form = refused(form.submit(), "replies.new POST", title="Order status", body="Soon.", language="it")
    page = form.type("body", "Ciao {asker}, il tuo ordine parte entro due giorni lavorativi.").submit()
    assert "The saved reply is created." in page.flashes, page.errors
    assert "Order status" in page.text and "Used in 0 answers" in page.text


@case("replies.edit POST")
def edit_reply(w, browser):
    mod = browser("mod")
    form = mod.get("/moderation/replies").click("Descaling, step by step").form("replies.edit POST",
                                                                                 reply_id=w.saved_reply)
    assert form["title"] == "Descaling, step by step" and form["language"] == "en"
    form = refused(form.type("title", "").submit(), "replies.edit POST", args={"reply_id": w.saved_reply}, title="")
    page = form.type("title", "Descaling, three steps").submit()
    assert "The saved reply is saved." in page.flashes, page.errors
    assert "Descaling, three steps" in page.text and "Descaling, step by step" not in page.text


@case("replies.delete POST")
def delete_reply(w, browser):
    mod = browser("mod")
    page = mod.get("/moderation/replies").form("replies.delete POST", reply_id=w.spare_reply).submit()
    assert "The saved reply is deleted." in page.flashes
    assert "Garanzia" not in page.text
