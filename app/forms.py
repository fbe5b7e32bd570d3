"""Glue between Flask-WTF forms and operations: validation rules live in the operations, which raise
Invalid; a failed submission re-renders the form with the user's text and each error by its field."""

from flask import render_template

from app.errors import Invalid
from app.extensions import db


def attach_errors(form, error: Invalid) -> None:
    for field, message in error.errors.items():
        if field and field in form:
            form[field].errors = [*form[field].errors, message]
        else:
            form.form_errors.append(message)


def submit(form, action):
    """Run `action` (which calls one operation) for a valid POST, then commit once.

    Returns the action's result (or True), or None when the form was not sent or was refused;
    on refusal nothing is written and the errors are on the form.
    """
    if not form.validate_on_submit():
        return None
    try:
        result = action()
        db.session.commit()
    except Invalid as error:
        db.session.rollback()
        attach_errors(form, error)
        return None
    return True if result is None else result


def render_form(template: str, form, **context):
    """Render a form page: 400 when it carries errors, so clients and tests see the refusal."""
    status = 400 if form.errors or form.form_errors else 200
    return render_template(template, form=form, **context), status
