"""The askers' survey, "Did this solve your problem?", through the rendered forms: on the question page and
from the page an e-mailed link opens."""

from tests.integration.forms.registry import case


@case("satisfaction.answer POST", buttons=("outcome=yes", "outcome=partly", "outcome=no"))
def answer_on_the_page(w, browser):
    owner = browser("owner")
    page = owner.get(f"/questions/{w.solved}")
    assert page.texts("#satisfaction-heading") == ["Did this solve your problem?"]
    buttons = page.form("satisfaction.answer POST")
    # One click answers; the same buttons pressed again (the page kept open in another tab) change the answer.
    for outcome, label in (("no", "No"), ("partly", "Partly"), ("yes", "Yes")):
        answered = buttons.submit(f"outcome={outcome}")
        assert "Thank you: your answer was saved." in answered.flashes, answered.errors
        assert f"Your answer: {label}." in answered.texts("#satisfaction p")[1]
    page = owner.get(f"/questions/{w.solved}")
    page = page.form("satisfaction.answer POST").choose("outcome", "yes").choose("rating", "5") \
        .type("comment", "Clear steps, it works again.").submit()
    assert "Thank you: your answer was saved." in page.flashes
    assert "Your answer: Yes. Rating: 5 of 5." in page.texts("#satisfaction p")[1]
    assert page.form("satisfaction.answer POST")["comment"] == "Clear steps, it works again."
    assert "Did this solve your problem?" not in browser("member").get(f"/questions/{w.solved}").text


@case("satisfaction.details POST")
def rate_after_the_emails_link(w, browser):
    anon = browser("anon")
    page = anon.get(f"/satisfaction/{w.survey_token}/no")
    assert "Thank you: your answer (No) was saved." in page.text
    page = page.form("satisfaction.details POST").choose("rating", "2") \
        .type("comment", "It came back the next day.").submit()
    assert "The brand team reads every one." in page.text
    queue = browser("mod").get("/moderation?tab=unhappy")
    assert "Asker not satisfied" in queue.text and "It came back the next day." in queue.text


@case("satisfaction.helpful POST", buttons=("helpful=yes", "helpful=no"))
def helpful_on_the_question_page(w, browser):
    anon = browser("anon")
    page = anon.get(f"/questions/{w.question}")
    assert page.texts("#helpful-heading") == ["Was this helpful?"]
    thanks = page.form("satisfaction.helpful POST").submit("helpful=yes")
    assert "Thank you for telling us." in thanks.text and "What was wrong?" not in thanks.text
    # The same reader again the same day: their answer changes, and now they are asked why.
    thanks = anon.get(f"/questions/{w.question}").form("satisfaction.helpful POST").submit("helpful=no")
    assert "What was wrong? (optional)" in thanks.text
    counts = browser("mod").get(f"/questions/{w.question}").text
    assert "Readers who answered: 1; helpful: 0; not helpful: 1." in counts


@case("satisfaction.reason POST")
def why_it_did_not_help(w, browser):
    member = browser("member")
    thanks = member.get(f"/questions/{w.question}").form("satisfaction.helpful POST").submit("helpful=no")
    done = thanks.form("satisfaction.reason POST").choose("reason", "outdated").submit()
    assert "Thank you for telling us why." in done.text
    assert "It is outdated: 1" in browser("mod").get(f"/questions/{w.question}").text
