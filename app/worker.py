"""What a web worker does once the app is built, before its first request."""

import gc


def freeze_startup_objects() -> None:
    """Leave the objects made while building the app (about 200,000: modules, routes, templates, translations)
    out of the garbage collector's full passes. Those objects live as long as the worker, yet each full pass
    walked them all: at 100,000 questions one pass cost about 90 ms of CPU, and the assistant's matching, which
    makes thousands of short-lived objects a question, set one off every few questions (its p95 122 ms of CPU,
    25 ms without). Cycles made later are still collected."""
    gc.collect()
    gc.freeze()
