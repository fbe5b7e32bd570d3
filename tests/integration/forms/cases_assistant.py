"""The assistant: the help page's box, "This solved it" / "Not what I need", the ask page's "Check the community
first" and the hand-over form, through the rendered forms. The world has a handful of threads, so the cases set
thresholds that suit it (as a small community would: docs/decisions.md)."""

from tests.integration.forms.registry import case, refused

# The world's FAQ thread ("How do I descale the Aurora One properly?") is a likely answer under these.
THRESHOLDS = {"ASSISTANT_ANSWER_THRESHOLD": 5.0, "ASSISTANT_RELATED_THRESHOLD": 2.0,
              "ASSISTANT_LONG_ANSWER_THRESHOLD": 5.0, "ASSISTANT_LONG_RELATED_THRESHOLD": 2.0,
              "ASSISTANT_THREAD_THRESHOLD": 5.0, "ASSISTANT_LONG_THREAD_THRESHOLD": 5.0}
DESCALING = "How do I descale the Aurora One? Which programme should I use for descaling?"


def asked(browser, who: str, text: str):
    person = browser(who)
    person.app.config.update(THRESHOLDS)
    return person.get("/help").form("assistant.help_page POST").type("text", text).submit()


@case("assistant.help_page POST")
def ask_the_help_page(w, browser):
    visitor = browser("anon")
    form = visitor.get("/").click("Help", within=".main-nav").form("assistant.help_page POST")
    form = refused(form.type("text", "  ").submit(), "assistant.help_page POST")
    assert "Describe your problem in a few words." in form.page.errors
    page = form.type("text", "What is the capital of France?").submit()
    assert page.texts("h1") == ["Sportello found nothing yet"], page.errors
    assert page.texts(".assistant-nothing") == ["Nothing the community has solved matches this yet."]
    assert any("/question?token=" in link for link in page.links("Ask the")), page.text


@case("assistant.feedback POST", buttons=("feedback=solved", "feedback=not_helpful"))
def say_whether_it_solved_it(w, browser):
    page = asked(browser, "anon", DESCALING)
    assert page.texts("h1") == ["Sportello found this in the community"], page.text
    assert page.texts(".assistant-label") == ["FAQ"]
    assert "Use the descaling programme with the brand's own descaler." in page.texts(".assistant-source blockquote")
    solved = page.form("assistant.feedback POST").submit("feedback=solved")
    assert solved.flashes == ["Glad it helped! Nothing was posted."] and solved.texts("h1") == ["Describe your problem"]
    page = asked(browser, "anon", DESCALING)
    handed = page.form("assistant.feedback POST").submit("feedback=not_helpful")
    assert "/login" in handed.url  # a person answers members' questions: log in (or sign up) first


@case("assistant.handover POST")
def hand_over_to_people(w, browser):
    page = asked(browser, "member", DESCALING)
    form = page.form("assistant.feedback POST").submit("feedback=not_helpful").form("assistant.handover POST")
    assert form["title"] == "How do I descale the Aurora One?" and form["body"] == DESCALING
    assert form["tags"] == "aurora-one"
    form = refused(form.type("title", "Descale?").submit(), "assistant.handover POST", title="Descale?",
                   body=DESCALING)
    page = form.type("title", "How do I descale the Aurora One with the brand's programme?").submit()
    assert any(flash.startswith("Your question is posted, for a person of the") for flash in page.flashes), page.errors
    assert page.texts("h1") == ["How do I descale the Aurora One with the brand's programme?"]
    queue = browser("mod").get("/moderation?tab=waiting")
    assert queue.texts(".queue-title")[0] == "How do I descale the Aurora One with the brand's programme?"
    assert queue.texts(".handover-mark") == ["Handed over by the assistant"]
    assert "How do I descale the Aurora One properly?" in queue.texts(".handover-offered li")


@case("assistant.draft POST")
def check_the_community_first(w, browser):
    member = browser("member")
    member.app.config.update(THRESHOLDS)
    form = member.get("/").click("Ask a question").form("questions.ask POST")
    form = refused(form.submit("Check the community first"), "assistant.draft POST")
    assert "Describe your problem in a few words." in form.page.errors
    page = form.type("title", "How do I descale the Aurora One?").type(
        "body", "Which programme should I use for descaling?").submit("Check the community first")
    assert page.texts("h1") == ["Sportello found this in the community"], page.errors
    assert page.texts(".assistant-question strong") == ["How do I descale the Aurora One?"]
    solved = page.form("assistant.feedback POST").submit("feedback=solved")
    assert solved.flashes == ["Glad it helped! Nothing was posted."]
