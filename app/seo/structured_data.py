"""schema.org JSON-LD for question pages (QAPage), the FAQ (FAQPage) and breadcrumbs (BreadcrumbList).

Builders return plain dicts from the rows a page already loaded (no queries); `json_ld` serialises one
into a script tag that user text can never close. What goes where follows Google's QAPage and FAQPage
documentation; how an official answer says who vouched for it is in docs/decisions.md.
"""

import json
from datetime import datetime

from flask import current_app, url_for
from markupsafe import Markup

from app.i18n import current_language
from app.i18n import gettext as _
from app.models import Answer, Comment, FaqEntry, Question, Tag, User
from app.urls import absolute_url, post_url, user_url

CONTEXT = "https://schema.org"
# Characters that could end the script element or start markup inside it, and the two line separators
# that older JavaScript parsers treat as line ends; JSON allows every one of them escaped as \\uXXXX.
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_ld(data: dict | None) -> Markup:
    """A `<script type="application/ld+json">` block: a data block, which browsers never run and the
    Content-Security-Policy therefore does not block."""
    if not data:
        return Markup("")
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for character, escaped in _ESCAPES.items():
        payload = payload.replace(character, escaped)
    return Markup(f'<script type="application/ld+json">{payload}</script>')  # nosec B704 # JSON with <, >, & escaped


def plain_text(html: str) -> str:
    """Text of sanitised post HTML, entities decoded and whitespace collapsed."""
    return Markup(html).striptags()  # nosec B704 # only stripped to plain text, never rendered


def _date(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _user_url(user: User) -> str:
    return absolute_url(user_url(user))


def _post_url(post) -> str:
    return absolute_url(post_url(post))


def person(user: User | None) -> dict | None:
    """The author as Google wants it (a name, and a URL that identifies them); None for a deleted account."""
    if user is None:
        return None
    data: dict[str, object] = {"@type": "Person", "name": user.name, "url": _user_url(user)}
    if user.is_moderator:  # the brand team speaks for the brand
        data["affiliation"] = brand()
    return data


def brand() -> dict:
    return {"@type": "Organization", "name": current_app.config["BRAND_NAME"]}


def _compact(data: dict) -> dict:
    """Leave out what is unknown rather than send nulls, which validators report as invalid values."""
    return {key: value for key, value in data.items() if value is not None and value != []}


def comment(item: Comment) -> dict:
    return _compact({"@type": "Comment", "text": plain_text(item.body_html), "dateCreated": _date(item.created_at),
                     "author": person(item.author)})


def answer(item: Answer, comments: dict[int, list[Comment]]) -> dict:
    return _compact({
        "@type": "Answer",
        "text": plain_text(item.body_html),
        "dateCreated": _date(item.created_at),
        "datePublished": _date(item.created_at),
        "dateModified": _date(item.last_edited_at),
        "upvoteCount": item.score,  # Google: one figure combining up- and down-votes where a site has both
        "url": _post_url(item),
        "author": person(item.author),
        "inLanguage": item.language,
        "comment": [comment(c) for c in comments.get(item.id, [])],
        "review": official_review(item),
    })


def official_review(item: Answer) -> dict | None:
    """The brand's confirmation of an official answer, as a Review of it (see docs/decisions.md); none while
    the mark is suspended: the brand did not review the text as it now reads."""
    if not item.is_official:
        return None
    return _compact({"@type": "Review", "author": person(item.official_by) or brand(),
                     "datePublished": _date(item.official_at), "reviewBody": item.official_note or None,
                     "publisher": brand()})


def question_page(question: Question, answers: list[Answer], comments: dict[int, list[Comment]]) -> dict | None:
    """QAPage for a live question with at least one visible answer; Google requires an answer, so an
    unanswered question carries none until its first answer arrives."""
    visible = [a for a in answers if a.is_public]
    if not question.is_public or not visible:
        return None
    accepted = next((a for a in visible if a.id == question.accepted_answer_id), None)
    entity = _compact({
        "@type": "Question",
        "name": question.title,
        "text": plain_text(question.body_html),
        "dateCreated": _date(question.created_at),
        "datePublished": _date(question.created_at),
        "dateModified": _date(question.last_edited_at),
        "upvoteCount": question.score,
        "answerCount": len(visible),
        "url": _post_url(question),
        "author": person(question.author),
        "inLanguage": question.language,
        "comment": [comment(c) for c in comments.get(question.id, [])],
        "acceptedAnswer": answer(accepted, comments) if accepted else None,
        "suggestedAnswer": [answer(a, comments) for a in visible if a is not accepted],
    })
    return {"@context": CONTEXT, "@type": "QAPage", "mainEntity": entity}


def faq_page(groups: list[tuple[Tag | None, list[FaqEntry]]]) -> dict | None:
    """FAQPage: each entry's title and the answer text the brand approved (or the entry's own wording of it), in
    the entry's language, as shown on the page."""
    entries = [entry for _tag, group in groups for entry in group]
    if not entries:
        return None
    return {"@context": CONTEXT, "@type": "FAQPage", "mainEntity": [
        _compact({"@type": "Question", "name": entry.title, "inLanguage": entry.language,
                  "acceptedAnswer": {"@type": "Answer", "text": plain_text(entry.wording_html or entry.approved_html)}})
        for entry in entries]}


def breadcrumbs(trail: list[tuple[str, str]]) -> dict:
    """BreadcrumbList from (name, path) pairs, home first; the page shows the same trail (macros/ui.html)."""
    return {"@context": CONTEXT, "@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": number, "name": name, "item": absolute_url(path)}
        for number, (name, path) in enumerate(trail, start=1)]}


def question_trail(question: Question) -> list[tuple[str, str]]:
    """Questions › its first product tag › the question."""
    trail = [(_("Questions"), url_for("questions.index"))]
    if question.tags:
        tag = question.tags[0]
        trail.append((tag.display_name(current_language()), url_for("questions.tagged", name=tag.name)))
    trail.append((question.title or "", post_url(question)))
    return trail


def faq_trail(tag: Tag | None) -> list[tuple[str, str]]:
    """Questions › FAQ (› the product's FAQ)."""
    trail = [(_("Questions"), url_for("questions.index")), (_("FAQ"), url_for("faq.index"))]
    if tag is not None:
        trail.append((tag.display_name(current_language()), url_for("faq.product", name=tag.name)))
    return trail


def question_breadcrumbs(question: Question) -> dict:
    return breadcrumbs(question_trail(question))


def faq_breadcrumbs(tag: Tag | None) -> dict:
    return breadcrumbs(faq_trail(tag))
