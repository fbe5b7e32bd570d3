"""After the commit: one dispatcher hands the work a transaction queued (e-mails to send, deliveries to make,
index marks to write) to the drain registered under each outbox's name.

In the transaction a listener names the work: `after_commit(session, "mail", ids)`. When that transaction
commits, `run` gives each outbox's drain its items, in a fresh application context (so a database session of
its own). Where it runs is `AFTER_COMMIT`:

- "worker" (the default): a web request puts the work on a bounded queue served by one thread per process and
  returns at once; a slow SMTP server, receiver or index lock never holds a response. When the queue is full
  the work is dropped: its rows stay waiting, and the commands that drain them anyway (`flask mail send`,
  `flask webhooks send`, `flask search sync`, `flask assistant sync`) or the next write take them.
- "inline": run before the request goes on (tests, and whoever wants every write searchable on return).

Outside a request (commands, the LMTP server) nobody waits for a response, so the work always runs inline,
before the command ends. A drain never raises into the commit: a failure is logged and its rows stay.
"""

import logging
import os
import queue
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from flask import Flask, current_app, has_request_context
from sqlalchemy.orm import Session

from app.extensions import db

log = logging.getLogger(__name__)
DEFAULTS = {
    "AFTER_COMMIT": "worker",  # or "inline"
    "AFTER_COMMIT_QUEUE_SIZE": 1000,  # commits' work waiting for the worker, per process
}
PENDING = "after_commit"  # session.info key: {outbox name: set of items} for this transaction


@dataclass(frozen=True)
class Outbox:
    name: str
    drain: Callable[[frozenset], object]  # takes the items queued by the committed transactions
    in_worker: bool = True  # False: cheap and in-process (a cache dropped), done in the committing thread


_outboxes: dict[str, Outbox] = {}


def register(name: str, drain: Callable[[frozenset], object], in_worker: bool = True) -> None:
    """Name an outbox and the function that drains it (from a package's `init_app`)."""
    _outboxes[name] = Outbox(name, drain, in_worker)


def after_commit(session: Session, name: str, items: Iterable = ()) -> None:
    """In the transaction: once it commits, drain `name` with these items (nothing if it rolls back)."""
    pending(session, name).update(items)


def pending(session: Session, name: str) -> set:
    """The items this transaction has queued so far for `name` (a set to add to)."""
    if name not in _outboxes:
        raise KeyError(f"no outbox named {name!r}: register it in its package's init_app")
    return session.info.setdefault(PENDING, {}).setdefault(name, set())


def take(session: Session) -> dict[str, frozenset]:
    """The work the committed (or rolled back) transaction queued, forgotten by the session."""
    return {name: frozenset(items) for name, items in session.info.pop(PENDING, {}).items()}


def forget(session: Session) -> None:
    session.info.pop(PENDING, None)


def run(work: dict[str, frozenset]) -> None:
    """After a commit: in-process work now, the rest inline or on the worker (AFTER_COMMIT)."""
    if not work:
        return
    try:
        app = current_app._get_current_object()  # type: ignore[attr-defined]  # the proxy's, typed as the app
    except RuntimeError:  # a session used without an application: the commands drain its rows later
        return
    later = {}
    for name, items in work.items():
        outbox = _outboxes[name]
        if outbox.in_worker:
            later[name] = items
        else:
            _drain(outbox, items)
    if not later:
        return
    if has_request_context() and app.config["AFTER_COMMIT"] == "worker":
        worker().submit(app, later)
    else:
        drain_in_new_context(app, later)


def drain_in_new_context(app: Flask, work: dict[str, frozenset]) -> None:
    """Each outbox's drain in an application context (and so a database session) of its own."""
    with app.app_context():
        try:
            for name, items in work.items():
                _drain(_outboxes[name], items)
        finally:
            db.session.remove()


def _drain(outbox: Outbox, items: frozenset) -> None:
    try:
        outbox.drain(items)
    except Exception:  # noqa: BLE001 - the user's change is committed; the rows wait for the next drain
        log.exception("after commit: draining %s failed; its rows stay for the next try", outbox.name)


class Worker:
    """One thread and a bounded queue, per process. Started on first use, and again in a forked child (a
    thread does not survive the fork of a pre-loading server)."""

    def __init__(self, size: int):
        self.queue: queue.Queue = queue.Queue(maxsize=size)
        self.pid = os.getpid()
        self.thread = threading.Thread(target=self._serve, name="after-commit", daemon=True)
        self.thread.start()

    def submit(self, app: Flask, work: dict[str, frozenset]) -> bool:
        """Queue the work without waiting; False (and the rows left for the commands) when the queue is full."""
        try:
            self.queue.put_nowait((app, work))
            return True
        except queue.Full:
            log.warning("after commit: the worker's queue is full; %s wait for their commands",
                        ", ".join(sorted(work)))
            return False

    def join(self) -> None:
        """Wait until everything queued so far is done (tests, and a command that used the worker)."""
        self.queue.join()

    def _serve(self) -> None:
        while True:
            app, work = self.queue.get()
            try:
                drain_in_new_context(app, work)
            except Exception:  # noqa: BLE001 - the worker outlives any one drain
                log.exception("after commit: the worker failed on %s", ", ".join(sorted(work)))
            finally:
                self.queue.task_done()


_worker: Worker | None = None
_worker_lock = threading.Lock()


def worker() -> Worker:
    global _worker
    if _worker is None or _worker.pid != os.getpid():
        with _worker_lock:
            if _worker is None or _worker.pid != os.getpid():
                _worker = Worker(int(current_app.config["AFTER_COMMIT_QUEUE_SIZE"]))
    return _worker
