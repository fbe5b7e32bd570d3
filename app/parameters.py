"""Request parameters: form fields and query-string values arrive without NUL characters.

Nobody types a NUL, but a script or a pasted binary can send one, and PostgreSQL refuses text that
contains it: the write would fail with a server error and the user's text would be lost. Removing it
where parameters are parsed covers every form, every `request.form.get` and every query string at once.
"""

from flask import Request
from werkzeug.datastructures import ImmutableMultiDict, iter_multi_items


class TextParameters(ImmutableMultiDict):
    def __init__(self, mapping=None):
        if mapping is not None:
            mapping = [(key, value.replace("\x00", "") if isinstance(value, str) else value)
                       for key, value in iter_multi_items(mapping)]
        super().__init__(mapping)


class TextRequest(Request):
    parameter_storage_class = TextParameters
