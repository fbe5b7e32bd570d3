"""URL slugs for questions and user pages."""

import re
import unicodedata


def slugify(text: str, max_length: int = 80) -> str:
    """'Perché il caffè è acido?' -> 'perche-il-caffe-e-acido'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "-"
