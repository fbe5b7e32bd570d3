"""The placeholders a saved reply may carry, and their values for one question. Only these names are replaced
(no format string: a reply's other braces stay as typed); one without a value (a question with no product) stays
as written, for the moderator to see and complete before posting."""

from app.models import Question


def fill(text: str, question: Question, language: str) -> str:
    values = {"{asker}": question.author.name if question.author else "",
              "{product}": question.tags[0].display_name(language) if question.tags else ""}
    for placeholder, value in values.items():
        if value:
            text = text.replace(placeholder, value)
    return text
