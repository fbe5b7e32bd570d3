"""Administration forms. Fields only: the rules are checked by admin.operations."""

from flask_wtf import FlaskForm
from wtforms import DateField, EmailField, StringField, TextAreaField
from wtforms.validators import Optional

from app.i18n import lazy_gettext as _l
from app.questions.tag_terms import TagNames


class SuspendForm(FlaskForm):
    until = DateField(_l("Suspended until"), validators=[Optional()])
    reason = TextAreaField(_l("Reason"), description=_l("The member sees this when they try to log in."))


class TagForm(FlaskForm):
    name = StringField(_l("Name in addresses"), description=_l("Lower-case letters, digits and '-'. Old links "
                                                               "keep working after a rename."))
    name_en = StringField(_l("Name in English"), description=_l("What readers in English see, e.g. Aurora One. "
                                                                "Empty: the Italian name, else the name in "
                                                                "addresses."), render_kw={"lang": "en"})
    name_it = StringField(_l("Name in Italian"), description=_l("What readers in Italian see, e.g. "
                                                                "Decalcificazione. Empty: the English name, else "
                                                                "the name in addresses."), render_kw={"lang": "it"})
    description = TextAreaField(_l("Description in English"), render_kw={"lang": "en"})
    description_it = TextAreaField(_l("Description in Italian"), render_kw={"lang": "it"})
    aliases = TextAreaField(_l("Aliases"), description=_l("Other words people type for this tag, in either "
                                                        "language, separated by spaces (e.g. calcare). The "
                                                        "names above can be typed too."))

    def typed_names(self) -> TagNames:
        return TagNames(names={"en": self.name_en.data or "", "it": self.name_it.data or ""},
                        descriptions={"en": self.description.data or "", "it": self.description_it.data or ""},
                        aliases=self.aliases.data or "")


class MergeForm(FlaskForm):
    merge_into = StringField(_l("Merge into tag"), description=_l("Every question moves to that tag; this name "
                                                                  "then redirects there."))


class EmailForm(FlaskForm):
    email = EmailField(_l("E-mail address"), description=_l("The member can then choose a password through "
                                                            "\"Forgot your password?\" on the log-in page."))
