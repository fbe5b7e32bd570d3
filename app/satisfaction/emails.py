"""The survey by e-mail: "Did this solve your problem?" with one signed link per answer, in the asker's language,
sent only if they take reminders by e-mail (the "reminder" setting, whose unsubscribe link it carries)."""

from flask import render_template
from flask_babel import force_locale

from app import mail
from app.i18n import gettext as _
from app.mail import reply_addresses
from app.models import OUTCOMES, SatisfactionSurvey
from app.notifications import emails as notification_emails
from app.notifications import links as notification_links
from app.notifications import queries as notification_queries
from app.satisfaction import links
from app.urls import absolute_url

PREFERENCE = "reminder"  # about their own question, like the reminder to accept an answer


def choice_labels() -> dict[str, str]:
    return {"yes": _("Yes"), "partly": _("Partly"), "no": _("No")}


def link_url(survey: SatisfactionSurvey, outcome: str) -> str:
    return absolute_url(notification_links.path_for("satisfaction.from_link", token=links.token(survey),
                                                    outcome=outcome))


def send_survey(survey: SatisfactionSurvey, reminder: bool) -> bool:
    """Queue the survey's e-mail to its asker; False when their settings say no e-mail of this kind."""
    asker = survey.asker
    if not asker.email or notification_queries.mail_mode(asker.id, PREFERENCE) == "off":
        return False
    with force_locale(notification_emails.locale_of(asker)):
        context = notification_emails.common_context(asker, PREFERENCE)
        labels = choice_labels()
        context.update(
            question_title=survey.question.title,
            question_url=absolute_url(notification_links.question_path(survey.question)),
            choices=[(labels[outcome], link_url(survey, outcome)) for outcome in OUTCOMES])
        context["t"].update(
            ask=_("Did this solve your problem?"),
            about=_("An answer to your question was accepted or confirmed by the brand team:"),
            again=_("We asked you earlier and would still like to know.") if reminder else "",
            one_click=_("One click answers; you can then add a rating and a comment."))
        subject = _("Did this solve your problem? %(title)s", title=survey.question.title)
        text = render_template("satisfaction/email.txt", **context)
        html = render_template("satisfaction/email.html", **context)
    headers = notification_emails.mail_headers(context["unsubscribe_url"],
                                               reply_addresses.reply_address("none", asker.id))
    mail.queue(asker.email, subject, text, html=html, headers=headers, kind="satisfaction.survey",
               user_id=asker.id)
    return True

