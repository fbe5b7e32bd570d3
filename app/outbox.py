"""Draining a queue table (e-mails, webhook deliveries): claim each due row, send it, count the outcome.

The claim is the caller's conditional UPDATE, so two senders working at once never send the same row."""

from collections.abc import Callable


def drain(due_ids: list[int], claim: Callable, send_one: Callable, progress=None) -> tuple[int, int]:
    """Send every row this sender manages to claim. Returns (sent, failed this time)."""
    sent = failed = 0
    for row_id in due_ids:
        row = claim(row_id)
        if row is not None:
            if send_one(row):
                sent += 1
            else:
                failed += 1
        if progress:
            progress(1)
    return sent, failed
