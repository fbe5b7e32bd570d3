"""Before a post is saved: what looks like personal data is pointed out to its author, who may post anyway."""

from app import heuristics
from app.errors import Invalid
from app.i18n import lazy_gettext as _l

PERSONAL_DATA_NAMES = {"email": _l("an e-mail address"), "phone": _l("a phone number"),
                       "long_number": _l("a long order or serial number")}


def warn_personal_data(text: str, confirmed: bool, field: str = "allow_personal_data") -> None:
    """Tell the author what looks like personal data, unless they chose to post anyway."""
    if confirmed:
        return
    kinds = sorted({finding.kind for finding in heuristics.find_personal_data(text)})
    if kinds:
        found = ", ".join(str(PERSONAL_DATA_NAMES[k]) for k in kinds)
        raise Invalid(_l("This looks like it contains %(found)s. Everyone can read this page: remove it, "
                         "or tick “Post anyway” if it is meant to be public.", found=found), field)
