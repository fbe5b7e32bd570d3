"""The FAQ: promoting, editing, ordering, approving and removing entries, through the rendered forms."""

from tests.integration.forms.registry import case, refused


def faq_titles(browser, tag="aurora-one") -> list[str]:
    return browser("anon").get(f"/faq/{tag}").texts(".faq-title")


@case("faq.edit POST")
def promote_and_edit(w, browser):
    owner, mod = browser("owner"), browser("mod")
    owner.get(f"/questions/{w.question}").form("questions.accept POST", answer_id=w.answer).submit()
    form = mod.get(f"/questions/{w.question}").click("Promote to FAQ").form("faq.edit POST")
    assert form["title"] == "The machine shows error E04 after descaling"
    assert form["answer_id"] == str(w.answer), "the accepted answer is offered first"
    page = form.type("title", "What error E04 means after descaling").choose("tag", str(w.tag_id)) \
        .type("position", "1").submit()
    assert "The FAQ entry is saved." in page.flashes, page.errors
    assert faq_titles(browser)[0] == "What error E04 means after descaling", faq_titles(browser)
    assert "Run the descaling cycle again" in browser("anon").get("/faq/aurora-one").text

    form = mod.get(f"/questions/{w.solved}").click("Edit FAQ entry").form("faq.edit POST")
    assert form["title"] == "Descaling the Aurora One"
    form = refused(form.type("title", "").type("position", "2").submit(), "faq.edit POST", title="", position="2")
    page = form.type("title", "Descaling the Aurora One, step by step").submit()
    assert "The FAQ entry is saved." in page.flashes, page.errors
    assert "Descaling the Aurora One, step by step" in faq_titles(browser)


@case("faq.edit POST")
def own_wording_in_italian(w, browser):
    """An Italian entry of an English thread, in its own words: kept on a refused save, sanitised, shown in
    Italian, while an English reader keeps the thread's English entry alone."""
    mod = browser("mod")
    form = mod.get(f"/questions/{w.solved}/faq?language=it").form("faq.edit POST")
    assert form["language"] == "it" and form["wording"] == ""
    wording = "Avvia il **ciclo di decalcificazione** <script>alert(1)</script>, poi risciacqua due volte."
    form = refused(form.type("title", "Corta").type("wording", wording).submit(), "faq.edit POST",
                   title="Corta", wording=wording, language="it")
    page = form.type("title", "Decalcificare la Aurora One, passo per passo").submit()
    assert "The FAQ entry is saved." in page.flashes, page.errors
    italian = browser("anon").get("/faq/aurora-one?language=it")
    assert italian.texts(".faq-title") == ["Decalcificare la Aurora One, passo per passo in italiano"]
    assert "<strong>ciclo di decalcificazione</strong>" in italian.html and "<script>alert" not in italian.html
    english = browser("anon").get("/faq/aurora-one")
    assert english.texts(".faq-title")[0] == "Descaling the Aurora One", english.texts(".faq-title")
    assert "Decalcificare la Aurora One, passo per passo in italiano" not in english.texts(".faq-title"), \
        "the thread has its English entry"
    # Emptied, the wording gives way to the approved answer again.
    form = mod.get(f"/questions/{w.solved}/faq?language=it").form("faq.edit POST")
    assert form["wording"] == wording
    form.type("wording", "").submit()
    assert "ciclo di decalcificazione" not in browser("anon").get("/faq/aurora-one?language=it").text


@case("faq.move POST", buttons=("direction=up", "direction=down"))
def move(w, browser):
    mod = browser("mod")
    assert faq_titles(browser) == ["Descaling the Aurora One", "The water filter for the Aurora One"]
    page = mod.get("/faq/aurora-one").form("faq.move POST", entry_id=w.second_entry).submit("direction=up")
    assert page.url.startswith("/faq/aurora-one")
    assert page.flashes == ["Moved: The water filter for the Aurora One is now number 1."]
    assert faq_titles(browser) == ["The water filter for the Aurora One", "Descaling the Aurora One"]
    page.form("faq.move POST", entry_id=w.second_entry).submit("direction=down")
    assert faq_titles(browser) == ["Descaling the Aurora One", "The water filter for the Aurora One"]
    # Done on the FAQ of every product, it stays there rather than jumping to the product's page.
    page = mod.get("/faq").form("faq.move POST", entry_id=w.second_entry).submit("direction=up")
    assert page.url.split("#")[0] == "/faq" and page.flashes, page.url


@case("faq.demote POST")
def remove(w, browser):
    mod = browser("mod")
    page = mod.get("/faq").form("faq.demote POST", entry_id=w.entry).submit()
    assert "The question was removed from the FAQ." in page.flashes
    assert faq_titles(browser) == ["The water filter for the Aurora One"]
    # From the entry's own edit page too.
    edit = mod.get("/faq").click("Edit entry", within=f"#faq-{w.second_entry}")
    page = edit.form("faq.demote POST", entry_id=w.second_entry).submit()
    assert "The question was removed from the FAQ." in page.flashes
    assert page.texts("h1") == ["Which water filter fits the Aurora One?"]
    assert "In the FAQ" not in browser("anon").get(page.url).text


@case("faq.approve POST")
def approve_changed_answer(w, browser):
    form = browser("helper").get(f"/posts/{w.featured}/edit").form("questions.edit POST")
    form.type("body", "Use the descaling programme with the brand's own descaler, then rinse twice.").submit()
    assert "then rinse twice" not in browser("anon").get("/faq/aurora-one").text, "the FAQ keeps the approved text"
    queue = browser("mod").get("/moderation?tab=review")
    assert "The featured answer was edited" in queue.text
    page = queue.form("faq.approve POST", entry_id=w.entry).submit()
    assert "The FAQ now shows the answer as it is today." in page.flashes
    assert "Nothing is due for review." in page.text
    assert "then rinse twice" in browser("anon").get("/faq/aurora-one").text
