"""Flags, the official mark, closing, locking, restoring, the care queue's actions, through the rendered forms."""

from tests.integration.forms.registry import case, refused


def question_page(browser, question_id):
    return browser.get(f"/questions/{question_id}")


def flag(browser, question_id, post_id, reason, text=""):
    form = question_page(browser, question_id).form("moderation.flag POST", post_id=post_id).choose("reason", reason)
    return form.type("text", text).submit() if text else form.submit()


@case("moderation.flag POST")
def flag_a_post(w, browser):
    veteran = browser("veteran")
    page = flag(veteran, w.question, w.question, "other", "Wrong")
    form = refused(page, "moderation.flag POST", reason="other", text="Wrong")
    assert "at least 10 characters" in " ".join(page.errors)
    page = form.type("text", "The model number in the title is wrong.").submit()
    assert "Thank you: the moderators will look at this post." in page.flashes, page.errors
    queue = browser("mod").get("/moderation?tab=flags")
    assert "The model number in the title is wrong." in queue.text
    assert "The machine shows error E04 after descaling" in queue.text


def confirm(page, post_id, text):
    """Follow a flag row's destructive link to its confirmation page (the dialog's content without the script)."""
    return page.click(text, within=f"#flagged-{post_id}")


@case("moderation.resolve_flags POST", buttons=("outcome=dismiss", "outcome=hide"))
def resolve_flags(w, browser):
    veteran, mod = browser("veteran"), browser("mod")
    flag(veteran, w.question, w.question, "off-topic")
    flag(veteran, w.solved, w.featured, "spam")
    queue = mod.get("/moderation?tab=flags")
    page = queue.form("moderation.resolve_flags POST", post_id=w.answer).submit("outcome=dismiss")
    assert "The flags are handled." in page.flashes and page.url.startswith("/moderation?tab=flags")
    assert "(answer)" in page.text and "Incorrect or outdated" not in page.text  # the answer's flag is gone

    # Hiding lands on its log entry, with the undo; the flags stay open in the tab.
    page = page.form("moderation.resolve_flags POST", post_id=w.featured).submit("outcome=hide")
    assert page.title.startswith("Hidden") and "marta hid the answer to" in page.text
    assert "Use the descaling programme" not in question_page(browser("anon"), w.solved).text
    queue = page.click("Back to the queue")
    assert queue.url == "/moderation?tab=flags" and "· hidden" in queue.text

    # Deleting as spam asks first, naming the cost; the post's text is shown with the question.
    confirmation = confirm(queue, w.featured, "Delete as spam")
    assert confirmation.title.startswith("Delete this post as spam?")
    assert "loses 100 reputation" in confirmation.text and "Use the descaling programme" in confirmation.text
    page = confirmation.form("moderation.resolve_flags POST", post_id=w.featured).type(
        "reason", "Link to a shop").submit()
    assert page.title.startswith("Deleted as spam") and "Link to a shop" in page.text
    assert "Use the descaling programme" not in question_page(browser("anon"), w.solved).text

    page = confirm(page.click("Back to the queue"), w.question, "Delete post")
    page = page.form("moderation.resolve_flags POST", post_id=w.question).submit()
    assert page.title.startswith("Deleted") and "No open flags." in page.click("Back to the queue").text
    assert browser("anon").get(f"/questions/{w.question}").status == 410


@case("moderation.undo_entry POST")
def undo_a_deletion(w, browser):
    flag(browser("veteran"), w.solved, w.featured, "spam")
    mod = browser("mod")
    confirmation = confirm(mod.get("/moderation?tab=flags"), w.featured, "Delete as spam")
    result = confirmation.form("moderation.resolve_flags POST", post_id=w.featured).submit()
    page = result.form("moderation.undo_entry POST").submit()
    assert "Undone: the post is back as it was." in page.flashes
    assert page.title.startswith("Undone") and "marta undid “Deleted as spam” on the answer to" in page.text
    assert "Use the descaling programme" in question_page(browser("anon"), w.solved).text
    assert "Spam" in mod.get("/moderation?tab=flags").texts(f"#flagged-{w.featured} .flag-reasons")[0]
    # Undone once: the result page no longer offers it, and the log shows it as its own line.
    assert not mod.get(result.url).forms_for("moderation.undo_entry POST")
    undone = mod.get("/moderation/log?action=undo").texts(".log-sentence")
    assert len(undone) == 1 and undone[0].startswith("marta undid “Deleted as spam” on the answer to")


@case("moderation.official POST", buttons=("action=mark", "action=unmark"))
def official_mark(w, browser):
    mod = browser("mod")
    form = question_page(mod, w.question).form("moderation.official POST", answer_id=w.answer)
    page = form.type("note", "Confirmed for firmware 2.3").submit("action=mark")
    assert "The answer is marked official." in page.flashes
    visitor = question_page(browser("anon"), w.question)
    assert "Official answer" in visitor.texts(f"#answer-{w.answer} .official-label")[0]
    assert "Confirmed for firmware 2.3" in visitor.texts(f"#answer-{w.answer} .official-note")[0]

    form = page.form("moderation.official POST", answer_id=w.answer)
    assert form["note"] == "Confirmed for firmware 2.3"
    page = form.submit("action=unmark")
    assert "The official mark was removed." in page.flashes
    assert not question_page(browser("anon"), w.question).texts(f"#answer-{w.answer} .official-label")


@case("moderation.close POST", "moderation.reopen POST")
def close_and_reopen(w, browser):
    mod = browser("mod")
    form = question_page(mod, w.question).form("moderation.close POST", question_id=w.question)
    # What a moderator pastes that is no question of this site comes back on a page of its own, as typed.
    for typed in ("the one about descaling", f"https://elsewhere.example/questions/{w.solved}/descaling"):
        page = form.choose("reason", "duplicate").type("duplicate_of", typed).submit()
        form = refused(page, "moderation.close POST", args={"question_id": w.question}, duplicate_of=typed)
        assert "Give the number or address of the question this one duplicates." in page.errors
        assert form["reason"] == "duplicate"
    # The address as copied from the browser's bar.
    address = f"http://localhost/questions/{w.solved}/how-do-i-descale?tab=votes#answer-1"
    page = form.type("duplicate_of", address).submit()
    assert "The question is closed." in page.flashes, page.errors
    visitor = question_page(browser("anon"), w.question)
    assert "This question already has an answer here: How do I descale the Aurora One properly?" in visitor.text
    assert not question_page(browser("member"), w.question).forms_for("questions.answer POST")

    page = page.form("moderation.reopen POST", question_id=w.question).submit()
    assert "The question is open again." in page.flashes
    assert "already has an answer here" not in page.text
    assert question_page(browser("member"), w.question).form("questions.answer POST")

    form = question_page(mod, w.question).form("moderation.close POST", question_id=w.question)
    page = form.choose("reason", "needs-details").submit()
    assert "Closed: needs more details." in question_page(browser("anon"), w.question).text


@case("moderation.lock POST")
def lock(w, browser):
    mod = browser("mod")
    page = question_page(mod, w.question).form("moderation.lock POST", question_id=w.question).submit()
    assert "The question is locked." in page.flashes
    member = question_page(browser("member"), w.question)
    assert "This question is locked: no new answers or comments." in member.text
    assert not member.forms_for("questions.answer POST")

    page = page.form("moderation.lock POST", question_id=w.question).submit()
    assert "The question is unlocked." in page.flashes
    assert question_page(browser("member"), w.question).form("questions.answer POST")

    # From the care queue, locking asks first, and the moderator stays in the queue.
    confirmation = mod.get("/moderation?tab=waiting").click("Lock", within=f"#queued-{w.unanswered}")
    assert confirmation.title.startswith("Lock this question?")
    page = confirmation.form("moderation.lock POST", question_id=w.unanswered).submit()
    assert "The question is locked." in page.flashes and page.url == "/moderation?tab=waiting"
    assert "This question is locked" in question_page(browser("anon"), w.unanswered).text


@case("moderation.undelete POST")
def restore(w, browser):
    mod = browser("mod")
    page = question_page(mod, w.question).form("moderation.undelete POST", post_id=w.deleted_answer).submit()
    assert "The post is restored." in page.flashes
    assert "An answer its author deleted again a moment later." in question_page(browser("anon"), w.question).text


@case("moderation.redact POST")
def redact(w, browser):
    assert "olivia.rossi@example.com" in question_page(browser("mod"), w.personal).text
    queue = browser("mod").get("/moderation?tab=personal")
    page = queue.form("moderation.redact POST", post_id=w.personal).submit()
    assert "The personal data was removed from the post." in page.flashes
    assert "olivia.rossi@example.com" not in question_page(browser("mod"), w.personal).text


@case("moderation.dismiss POST")
def dismiss(w, browser):
    queue = browser("mod").get("/moderation?tab=personal")
    page = queue.form("moderation.dismiss POST", signal_id=w.signal).submit()
    assert "Dismissed." in page.flashes and page.url == "/moderation?tab=personal"
    assert "Where is my order for the new grinder?" not in page.text


@case("moderation.link_twin POST", "moderation.unlink_twin POST")
def link_and_unlink_a_translation(w, browser):
    mod = browser("mod")
    form = question_page(mod, w.question).form("moderation.link_twin POST", question_id=w.question)
    page = form.type("duplicate_of", "the Italian one").submit()
    form = refused(page, "moderation.link_twin POST", args={"question_id": w.question},
                   duplicate_of="the Italian one")
    assert "Give the number or address of the same question in the other language." in page.errors
    page = form.type("duplicate_of", f"http://localhost/questions/{w.italian}").submit()
    assert "The questions are linked as translations of each other." in page.flashes, page.errors
    visitor = question_page(browser("anon"), w.question)
    assert "Questa domanda in italiano" in visitor.text
    assert "This question in English" in question_page(browser("anon"), w.italian).text

    page = question_page(mod, w.italian).form("moderation.unlink_twin POST", question_id=w.italian).submit()
    assert "The question is no longer linked to its translation." in page.flashes
    assert "Questa domanda in italiano" not in question_page(browser("anon"), w.question).text


@case("moderation.close POST which=translation")
def link_a_translation_from_the_close_tool(w, browser):
    # The close tool's picker serves linking too: its second button links instead of closing.
    mod = browser("mod")
    form = question_page(mod, w.solved).form("moderation.close POST", question_id=w.solved)
    page = form.type("duplicate_of", str(w.italian)).submit("Link as translation instead")
    assert "The questions are linked as translations of each other." in page.flashes, page.errors
    assert "This question is closed" not in question_page(browser("member"), w.solved).text
    assert "Questa domanda in italiano" in question_page(browser("anon"), w.solved).text


@case("moderation.bulk_confirm GET", "moderation.bulk_act POST")
def bulk_actions(w, browser):
    mod = browser("mod")
    form = mod.get("/moderation?tab=waiting").form("moderation.bulk_confirm GET")
    page = form.choose("action", "lock").check("post", value=str(w.unanswered)).submit()
    assert page.status == 200 and page.texts("h1") == ["Confirm: Lock"], page.errors
    assert page.texts(".bulk-list li") == ["A question nobody answered yet, to delete"]
    assert "This question is locked" not in browser("anon").get(f"/questions/{w.unanswered}").text
    page = page.form("moderation.bulk_act POST").submit()
    assert page.texts(".bulk-done li") == ["A question nobody answered yet, to delete"], page.text
    assert "This question is locked" in browser("anon").get(f"/questions/{w.unanswered}").text
    # Again: refused for that row, and said why.
    form = mod.get("/moderation?tab=waiting").form("moderation.bulk_confirm GET")
    page = form.choose("action", "lock").check("post", value=str(w.unanswered)).submit()
    page = page.form("moderation.bulk_act POST").submit()
    refused_rows = page.texts(".bulk-refused li")  # the title's link, then the reason
    assert refused_rows == ["A question nobody answered yet, to delete : already locked"], refused_rows
    assert page.click("Back to the care queue").url == "/moderation?tab=waiting"
