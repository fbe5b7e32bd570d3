"""Python-Markdown with bounded work: the same output for ordinary text, in time linear in its length.

Python-Markdown searches from each candidate to the end of its paragraph (brackets, link parentheses,
backticks, raw HTML), re-tests the rest of a block after each heading or rule it splits off, and recurses
once per nesting level. Here those parts are replaced by ones that keep their results with bounded work
(app/markup/blocks.py, app/markup/inline.py), nesting stops at blocks.MAX_DEPTH, and markup beyond a budget
is shown as typed (app/markup/literal.py). tests/unit/markup/test_markup_bounds.py compares the output with stock
Python-Markdown's on random texts and real posts, and times every pathological pattern.
"""

import threading

from markdown.extensions import Extension

from app.markup import blocks, inline


class _Bounded(Extension):
    """Swaps the unbounded parts of a configured Markdown for the bounded ones."""

    def extendMarkdown(self, md):
        blocks.install(md)
        inline.install(md)


_local = threading.local()


def converter(name: str, extensions) -> blocks.Converter:
    """This thread's Markdown called `name`, built once with `extensions()` and the bounds, reset for a new
    text (building one costs as much as rendering a short post). After a failure it is built again."""
    found = getattr(_local, name, None)
    if found is None:
        found = blocks.Converter(extensions=[*extensions(), _Bounded()], output_format="html")
        setattr(_local, name, found)
    found.reset()
    return found


def discard(name: str) -> None:
    """Forget this thread's Markdown called `name` (its state after an exception is unknown)."""
    setattr(_local, name, None)
