"""Reading query parameters and JSON bodies strictly: a wrong type or value is a 422 naming the field,
never a silent default or a server error."""

from typing import TypeVar

from flask import abort, current_app, request
from werkzeug.exceptions import BadRequest

from app.errors import Invalid
from app.i18n import lazy_gettext as _l
from app.parameters import MAX_ID

D = TypeVar("D", str, None)

MAX_INT = MAX_ID  # ids and numbers beyond what an INTEGER column holds name nothing here
REQUIRED = _l("This is required.")


def valid_id(value: int) -> int:
    """A path id out of range is simply not found."""
    if not 1 <= value <= MAX_INT:
        abort(404)
    return value


class _Fields:
    """Field readers collect every error; `check` raises them together."""

    def __init__(self) -> None:
        self.errors: dict = {}

    def _get(self, name: str):
        raise NotImplementedError

    def choice(self, name: str, choices, default: D) -> str | D:
        value = self._get(name)
        if value is None:
            return default
        if value not in choices:
            self.errors[name] = _l("Use one of: %(choices)s.", choices=", ".join(choices))
            return default
        return value

    def check(self) -> None:
        if self.errors:
            raise Invalid(errors=self.errors)


class Query(_Fields):
    """The query string's parameters."""

    def _get(self, name: str):
        return request.args.get(name)

    def integer(self, name: str, default: int, low: int = 1, high: int = MAX_INT) -> int:
        value = request.args.get(name)
        if value is None:
            return default
        if not value.isascii() or not value.isdigit() or len(value) > len(str(high)) or not low <= int(value) <= high:
            self.errors[name] = _l("Use a whole number from %(low)s to %(high)s.", low=low, high=high)
            return default
        return int(value)

    def text(self, name: str, default: str = "", max_length: int = 200) -> str:
        value = request.args.get(name, default).strip()
        if len(value) > max_length:
            self.errors[name] = _l("Use at most %(n)s characters.", n=max_length)
        return value


def _clean(text: str) -> str:
    # PostgreSQL stores no NUL, and neither database can store a lone surrogate (JSON allows both).
    return text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")


class Body(_Fields):
    """The request's JSON object."""

    def __init__(self):
        super().__init__()
        # The longest post is 30,000 characters: a body far beyond that is refused (413) before it is read.
        request.max_content_length = current_app.config["API_MAX_BODY_BYTES"]
        try:
            data = request.get_json(force=True, silent=True) if request.get_data() else {}
        except RecursionError:  # arrays or objects nested deeper than the decoder goes: not a body of fields
            raise BadRequest() from None
        if not isinstance(data, dict):
            raise BadRequest()
        self.data = data

    def _get(self, name: str):
        return self.data.get(name)

    def text(self, name: str, max_length: int | None = None) -> str:
        value = self.data.get(name)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.errors[name] = _l("Send text.")
            return ""
        if max_length is not None and len(value) > max_length:
            self.errors[name] = _l("Use at most %(n)s characters.", n=max_length)
        return _clean(value)

    def flag(self, name: str) -> bool:
        value = self.data.get(name, False)
        if not isinstance(value, bool):
            self.errors[name] = _l("Send true or false.")
            return False
        return value

    def integer(self, name: str, low: int = 1, high: int = MAX_INT) -> int | None:
        value = self.data.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.errors[name] = _l("Use a whole number from %(low)s to %(high)s.", low=low, high=high)
            return None
        return value

    def words(self, name: str) -> str:
        """Tags: a list of names, or one string of names separated by spaces or commas."""
        value = self.data.get(name)
        if value is None:
            return ""
        if isinstance(value, str):
            return _clean(value)
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return " ".join(_clean(item) for item in value)
        self.errors[name] = _l("Send a list of tag names.")
        return ""
