"""Glue between Flask-WTF forms and operations: validation rules live in the operations, which raise
Invalid; a failed submission re-renders the form with the user's text and each error by its field. A form whose
CSRF token no longer matches the session comes back the same way (`resubmit_expired`)."""

from urllib.parse import urlsplit

from flask import current_app, g, render_template, request, session
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from app import session_hooks
from app.errors import DomainError, Invalid, RateLimited, error_page, wants_json
from app.extensions import db
from app.i18n import lazy_gettext as _l
from app.urls import public_origin

WRITE_FAILED = _l("Something went wrong on our side and nothing was saved. What you wrote is still here: "
                  "please try again in a moment.")
FORM_EXPIRED = _l("Your session changed after this page was opened (you logged out and in again, or the browser "
                  "was restarted), so nothing was saved. What you wrote is still here: check it and send it again.")


def init_app(app) -> None:
    app.register_error_handler(CSRFError, _refused_token)


def _refused_token(_error: CSRFError):
    return resubmit_expired() or error_page(
        400, _l("Your form expired or was sent from elsewhere. Reload the page and try again."))


def attach_errors(form, error: DomainError) -> None:
    for field, message in getattr(error, "errors", {error.field: error.message}).items():
        if field and field in form:
            form[field].errors = [*form[field].errors, message]
        else:
            form.form_errors.append(message)


def submit(form, action):
    """Run `action` (which calls one operation) for a valid POST, then commit once.

    Returns the action's result (or True), or None when the form was not sent or was refused;
    on refusal nothing is written and the errors are on the form (`form_status` gives 400, or 429 for a
    limit). Any other failure inside the write (a listener, the mailer, the database) keeps nothing either,
    and the form comes back with the user's text and a 500 instead of an error page that loses it.
    """
    if g.get("form_expired") and form.is_submitted():
        # Its CSRF token was refused (resubmit_expired): the view shows the form again with the text, a fresh token
        # and why; nothing runs.
        form.form_errors.append(FORM_EXPIRED)
        form.refusal_status = 400
        g.expired_form_shown = True
        return None
    if not form.validate_on_submit():
        return None
    try:
        result = action()
        db.session.commit()
    except (Invalid, RateLimited) as error:
        db.session.rollback()
        attach_errors(form, error)
        form.refusal_status = error.status
        return None
    except (DomainError, HTTPException):
        db.session.rollback()
        raise  # refusals with their own page (403, 404, 409)
    except Exception:
        db.session.rollback()
        current_app.logger.exception("a form's write failed; nothing was kept")
        form.form_errors.append(WRITE_FAILED)
        form.refusal_status = 500
        return None
    return True if result is None else result


def form_status(*forms) -> int:
    """200, or the status of the worst refusal among these forms (400 invalid, 429 limited, 500 failed)."""
    return max((getattr(form, "refusal_status", 400) for form in forms
                if form is not None and (form.errors or form.form_errors)), default=200)


def render_form(template: str, form, **context):
    """Render a form page: 400 (429, 500) when it carries errors, so clients and tests see the refusal."""
    return render_template(template, form=form, **context), form_status(form)


def resubmit_expired():
    """The answer to a form whose CSRF token no longer matches the session, when the form was sent from one of this
    site's own pages (the session was renewed in another tab, or the browser restarted and remember-me began a new
    one): what was typed comes back with a fresh token and a message, never lost. A view built on `submit` renders
    its own form again (run with every write refused, so it cannot act on the refused request); any other form
    comes back as a page that sends the same fields again. None for a request from elsewhere (a forgery gets the
    plain refusal) or one that is not a browser's form."""
    if request.method != "POST" or wants_json() or not request.form or not _sent_from_this_site():
        return None
    view = current_app.view_functions.get(request.endpoint)
    kept = dict(session)
    g.form_expired, g.expired_form_shown = True, False
    try:
        with session_hooks.writes_refused(db.session(), "a request with a refused CSRF token wrote to the database"):
            response = current_app.make_response(view(**(request.view_args or {}))) if view else None
    except Exception:  # a refusal (log in first, 404) or a write the guard stopped: the fields' page instead
        response = None
    finally:
        db.session.rollback()
        g.form_expired = False
    if response is not None and g.expired_form_shown and response.status_code == 400:
        return response
    token = session.get("csrf_token")  # a token made meanwhile is the one this request's pages carry
    session.clear()  # whatever else the view did to the session (a message, a log-out) does not stand
    session.update(kept, **({"csrf_token": token} if token else {}))
    return render_template("errors/expired_form.html", fields=_fields_to_resend(), message=FORM_EXPIRED), 400


def _sent_from_this_site() -> bool:
    """Browsers name the page a form was sent from in Origin (or at least Referer): only our own pages' forms come
    back, so a forged request can never become a page that asks its victim to confirm it."""
    source = request.headers.get("Origin") or request.referrer or ""
    parts = urlsplit(source)
    return bool(parts.scheme and parts.netloc) and \
        f"{parts.scheme}://{parts.netloc}" in (public_origin(), request.host_url.rstrip("/"))


def _fields_to_resend() -> list[tuple[str, str, bool]]:
    """(name, value, typed) of every field sent but the token and passwords (never shown again); typed text (with a
    space, or long) is shown to edit, the rest goes back hidden."""
    return [(name, value, any(c.isspace() for c in value.strip()) or len(value) > 40)
            for name, value in request.form.items(multi=True)
            if name != "csrf_token" and "password" not in name and value]
