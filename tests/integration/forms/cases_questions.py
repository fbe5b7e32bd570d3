"""Asking, answering, commenting, editing, deleting, accepting and voting, through the rendered forms."""

from tests.integration.forms.registry import case, refused


def question_page(browser, question_id):
    return browser.get(f"/questions/{question_id}")


def previewed(form, key: str, body_start: str, args: dict | None = None, **kept: str):
    """Preview pressed: the text shows rendered above the form, nothing is posted, and the form keeps it all."""
    page = form.submit("preview=1")
    assert page.status == 200 and not page.errors, page.errors
    assert page.texts(".preview-panel h2") == ["Preview"]
    assert " ".join(page.texts(".preview-panel .post-body")).startswith(body_start), page.texts(".preview-panel")
    form = page.form(key, **(args or {}))
    for name, value in kept.items():
        assert form[name] == value, f"{key}: {name!r} came back as {form[name]!r} after the preview"
    return form


@case("questions.ask POST", buttons=("preview=1",))
def ask(w, browser):
    named = browser("mod").get("/tags/descaling/edit").form("admin.edit_tag POST which=tag") \
        .type("name_it", "Decalcificazione").submit()
    assert "The tag is saved." in named.flashes, named.errors
    member = browser("member")
    form = member.get("/").click("Ask a question").form("questions.ask POST")
    assert "images" not in form, "photos from 10 reputation"
    body = "It started after the last update.\nThe display shows nothing at all."
    tags = "aurora-one decalcificazione"  # a tag's Italian name, typed on an English page
    form = form.type("title", "Grinder stops").type("body", body).type("tags", tags)
    form = previewed(form, "questions.ask POST", "It started after the last update.", title="Grinder stops",
                     body=body, tags=tags)
    assert "Grinder stops" not in browser("anon").get("/questions?tab=newest").text
    page = form.submit()
    form = refused(page, "questions.ask POST", title="Grinder stops", body=body, tags=tags)
    page = form.type("title", "The grinder stops halfway through a double shot").submit()
    assert page.status == 200, page.errors
    assert "Your question is posted. You will find answers here." in page.flashes
    assert page.texts("h1") == ["The grinder stops halfway through a double shot"]
    assert "It started after the last update." in page.text and "The display shows nothing at all." in page.text
    # Named only in Italian: the English reader sees the Italian name rather than the address name.
    assert page.texts(".question .tags .tag") == ["aurora-one", "Decalcificazione"]
    listed = browser("anon").get("/questions?tab=newest")
    assert "The grinder stops halfway through a double shot" in listed.text


@case("questions.answer POST", buttons=("preview=1", "insert_reply=1"))
def answer(w, browser):
    member = browser("member")
    form = question_page(member, w.question).form("questions.answer POST")
    form = previewed(form.type("body", "Check the **gasket**."), "questions.answer POST", "Check the gasket",
                     body="Check the **gasket**.")
    form = refused(form.type("body", "Check the gasket.").submit(), "questions.answer POST", body="Check the gasket.")
    page = form.type("body", "Check the gasket under the steam knob and replace it if it is worn.").submit()
    assert "Your answer is posted. Thank you for helping!" in page.flashes, page.errors
    assert "Check the gasket under the steam knob" in " ".join(page.texts(".answer .post-body"))
    assert "2 answers" in browser("anon").get(f"/questions/{w.question}").texts("#answers-heading")[0]

    # The brand team's saved reply, inserted after what is typed (the page without its script), then posted.
    mod = browser("mod")
    form = question_page(mod, w.question).form("questions.answer POST")
    page = form.type("body", "Thank you for the details.").choose("saved_reply", str(w.saved_reply)) \
        .submit("insert_reply=1")
    assert page.status == 200 and not page.errors, page.errors
    form = page.form("questions.answer POST")
    assert form["body"] == ("Thank you for the details.\n\nHello olivia, run the descaling programme of the "
                            "aurora-one twice."), form["body"]
    page = form.submit()
    assert "Your answer is posted. Thank you for helping!" in page.flashes, page.errors
    assert "Used in 1 answer" in mod.get("/moderation/replies").text


@case("questions.comment POST")
def comment(w, browser):
    veteran = browser("veteran")
    for post in (w.question, w.answer):
        form = question_page(veteran, w.question).form("questions.comment POST", post_id=post)
        form = refused(form.type("body", "?").submit(), "questions.comment POST", args={"post_id": post}, body="?")
        page = form.type("body", f"Which firmware version does your machine show? ({post})").submit()
        assert page.status == 200 and not page.errors, page.errors
        assert f"Which firmware version does your machine show? ({post})" in \
            " ".join(page.texts(f"#{'question' if post == w.question else 'answer'}-{post} .comment-body"))


@case("questions.edit POST", buttons=("preview=1",))
def edit_question_and_answer(w, browser):
    owner = browser("owner")
    form = question_page(owner, w.question).click("Edit").form("questions.edit POST")
    assert form["tags"] == "aurora-one", "the edit form shows the tags as the member typed them"
    form = previewed(form.type("body", "The red light blinks *four* times now."), "questions.edit POST",
                     "The red light blinks four times now.", body="The red light blinks *four* times now.")
    assert "blinks four times" not in question_page(browser("anon"), w.question).text
    form.type("body", "The red light blinks three times and the pump stops. What can I do?")
    page = form.type("body", form["body"] + "\n\nUpdate: it happens only with the descaling programme.").submit()
    assert page.status == 200 and "Your edit is saved." in page.flashes, page.errors
    assert "Update: it happens only with the descaling programme." in page.text
    assert page.texts(".question .tags .tag") == ["aurora-one"]

    form = question_page(owner, w.question).click("Edit").form("questions.edit POST")
    page = form.type("tags", "aurora-one descalign").type("summary", "added the descaling tag").submit()
    form = refused(page, "questions.edit POST", tags="aurora-one descalign", summary="added the descaling tag")
    assert "Unknown tag: descalign." in " ".join(page.errors)
    page = form.type("tags", "aurora-one descaling").submit()
    assert page.texts(".question .tags .tag") == ["aurora-one", "descaling"], page.errors
    history = page.click("edited").text
    assert "added the descaling tag" in history

    helper = browser("helper")
    form = helper.get(f"/posts/{w.answer}/edit").form("questions.edit POST")
    page = form.type("body", form["body"] + " Then wait a minute before switching it on.").submit()
    assert "Your edit is saved." in page.flashes, page.errors
    assert "Then wait a minute before switching it on." in page.text


@case("questions.delete POST")
def delete(w, browser):
    owner = browser("owner")
    page = question_page(owner, w.unanswered).form("questions.delete POST", post_id=w.unanswered).submit()
    assert "The post has been deleted." in page.flashes
    assert "A question nobody answered yet, to delete" not in page.text
    assert browser("anon").get(f"/questions/{w.unanswered}").status == 410

    mod = browser("mod")  # the brand team's "Delete as spam" under someone else's answer
    form = question_page(mod, w.question).form("questions.delete POST", "Delete as spam", post_id=w.answer)
    assert form["spam"] == "1"
    page = form.submit()
    assert "The post has been deleted." in page.flashes
    assert "This answer is deleted: only moderators can see it." in page.texts(f"#answer-{w.answer}")[0]
    assert f"answer-{w.answer}" not in browser("anon").get(f"/questions/{w.question}").html


@case("questions.accept POST")
def accept(w, browser):
    owner = browser("owner")
    page = question_page(owner, w.question).form("questions.accept POST", answer_id=w.answer).submit()
    assert "Answer accepted. Thank you for closing the loop!" in page.flashes
    # The button carries both labels; its pressed state says which one shows.
    assert page.texts(f"#answer-{w.answer} .accept[aria-pressed=true]"), "the button shows the answer accepted"
    visitor = question_page(browser("anon"), w.question)
    assert "Solved" in visitor.texts(".question-head .meta")[0]
    assert "Accepted" in visitor.texts(f"#answer-{w.answer} .accepted-mark")[0]

    page = page.form("questions.accept POST", answer_id=w.answer).submit()
    assert "Acceptance removed." in page.flashes
    assert page.texts(f"#answer-{w.answer} .accept[aria-pressed=false]"), "the button offers to accept again"
    assert not question_page(browser("anon"), w.question).texts(f"#answer-{w.answer} .accepted-mark")


@case("votes.vote POST", buttons=("value=up", "value=down", "value=none"))
def vote(w, browser):
    veteran = browser("veteran")
    page = question_page(veteran, w.question)
    for press, score, pressed in (("value=up", "1", "up"), ("value=none", "0", None), ("value=down", "-1", "down")):
        page = page.form("votes.vote POST", post_id=w.answer).submit(press)
        assert page.texts(f"#answer-{w.answer} [data-score]") == [f"Score: {score}"], press
        form = page.form("votes.vote POST", post_id=w.answer)
        assert [b.value for b in form.buttons] == ["none" if pressed == "up" else "up",
                                                   "none" if pressed == "down" else "down"]
    assert question_page(browser("member"), w.question).texts(f"#answer-{w.answer} [data-score]") == ["Score: -1"]
