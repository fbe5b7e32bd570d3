"""Where an address is, for the sessions page: the city and country of its network, read from a local MaxMind or
DB-IP database (`.mmdb`, the `maxminddb` reader) when SESSIONS_PLACES_DATABASE names one; otherwise nothing, and
the page shows just the address. Nothing leaves the server: no look-up service is asked."""

from functools import lru_cache

import maxminddb
from flask import current_app

from app.i18n import current_language


@lru_cache(maxsize=4)
def _reader(path: str) -> maxminddb.Reader:
    # Opened once per process and path (memory-mapped): a look-up is a walk of at most 128 nodes.
    return maxminddb.open_database(path)


def check(path: str) -> None:
    """At start-up: a database named but missing or unreadable is a mistake to say at once, not on a page."""
    try:
        _reader(path)
    except (OSError, maxminddb.InvalidDatabaseError) as error:
        raise RuntimeError(f"FLASK_SESSIONS_PLACES_DATABASE names {path}, which cannot be read as a MaxMind "
                           f"database: {error}") from None


def place(address: str) -> str | None:
    """"Milano, Italia" (in the reader's language when the database has it, else English), or None when there is
    no database, the address is not in it, or it is not an address."""
    path = current_app.config["SESSIONS_PLACES_DATABASE"]
    if not path or not address:
        return None
    try:
        record = _reader(path).get(address)
    except ValueError:  # not an IP address (a row from before addresses were kept, or a test's)
        return None
    if not isinstance(record, dict):
        return None
    parts = [_name(record.get(kind)) for kind in ("city", "country")]
    return ", ".join(part for part in parts if part) or None


def _name(entry) -> str | None:
    names = entry.get("names") if isinstance(entry, dict) else None
    if not isinstance(names, dict):
        return None
    return names.get(current_language()) or names.get("en")
