"""Addresses of the pages a notification leads to, inside a request or from a command (the digest); e-mails make
them absolute with app.seo.metadata.absolute_url."""

from flask import current_app, has_request_context, url_for


def path_for(endpoint: str, **values) -> str:
    if has_request_context():
        return url_for(endpoint, **values)
    anchor = values.pop("_anchor", None)
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return f"{path}#{anchor}" if anchor else path


def question_path(question, anchor: str | None = None) -> str:
    values = {"question_id": question.id, "slug": question.slug}
    if anchor:
        values["_anchor"] = anchor
    return path_for("questions.show", **values)
