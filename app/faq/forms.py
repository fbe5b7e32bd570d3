"""The promote / edit form of an FAQ entry."""

from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import Optional

from app.content_language import LANGUAGES
from app.extensions import db
from app.faq.operations import default_answer
from app.i18n import LANGUAGE_NAMES
from app.i18n import lazy_gettext as _l
from app.markup import plain_text
from app.models import Answer, Tag
from app.parameters import row_id


class FaqEntryForm(FlaskForm):
    language = SelectField(_l("Language of this entry"), choices=[(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
                           description=_l("Each language has its own entry: saving in the other language adds "
                                          "that language's entry and keeps this one."))
    title = StringField(_l("FAQ title"), description=_l("A clean rewording of the customer's question."))
    answer_id = SelectField(_l("Featured answer"), coerce=row_id, validate_choice=False)  # checked by the operation
    tag = SelectField(_l("Product or topic"), coerce=row_id, validate_choice=False)
    wording = TextAreaField(_l("The FAQ's own wording"), render_kw={"rows": 8},
                            description=_l("Optional: the featured answer's steps in this entry's words and language "
                                           "(Markdown). Leave it empty to show the answer as approved."))
    position = IntegerField(_l("Position"), validators=[Optional()],
                            description=_l("Order within the product: 1 comes first. Leave empty to keep it."))

    @classmethod
    def for_question(cls, question, entry, language: str):
        answers = db.session.scalars(select(Answer).where(Answer.parent_id == question.id, Answer.deleted_at.is_(None),
                                                          Answer.is_official
                                                          | (Answer.id == question.accepted_answer_id))).all()
        featured = entry.answer_id if entry and entry.answer_id else getattr(default_answer(question), "id", 0)
        form = cls(language=language, title=entry.title if entry else question.title, answer_id=featured,
                   wording=entry.wording_markdown if entry else "",
                   tag=entry.tag_id if entry else (question.tags[0].id if question.tags else 0),
                   position=entry.position if entry else None)
        form.answer_id.choices = [(a.id, _label(a, question)) for a in answers]
        form.tag.choices = [(t.id, t.name) for t in db.session.scalars(select(Tag).order_by(Tag.name))]
        return form


def _label(answer, question) -> str:
    marks = [str(_l("accepted"))] if question.accepted_answer_id == answer.id else []
    marks += [str(_l("official"))] if answer.is_official else []
    author = answer.author.name if answer.author else str(_l("deleted user"))
    return f"{author} ({', '.join(marks)}): {plain_text(answer.body_html)[:70]}…"
