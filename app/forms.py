"""Glue between Flask-WTF forms and operations: validation rules live in the operations, which raise
Invalid; a failed submission re-renders the form with the user's text and each error by its field."""

from flask import current_app, render_template
from werkzeug.exceptions import HTTPException

from app.errors import DomainError, Invalid, RateLimited
from app.extensions import db
from app.i18n import lazy_gettext as _l

WRITE_FAILED = _l("Something went wrong on our side and nothing was saved. What you wrote is still here: "
                  "please try again in a moment.")


def attach_errors(form, error: Invalid | RateLimited) -> None:
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
