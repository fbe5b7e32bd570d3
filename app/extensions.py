"""Flask extensions, created unbound here and bound in create_app()."""

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import Connection, CursorResult, MetaData, Result
from sqlalchemy.orm import DeclarativeBase

from app.client_network import client_network

# Named constraints so Alembic can alter them on SQLite (batch mode) and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)

# The base class of every model. Flask-SQLAlchemy builds `db.Model` from Base when `db` is created, as an
# attribute a type checker cannot take for a class; to it, a model is a Base.
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model


@contextmanager
def read_connection() -> Iterator[Connection]:
    """A connection to read plain rows on (`plain_rows`): the session's when it has a transaction, so that what this
    request wrote is seen; otherwise one of its own, back in the pool when the block ends. A visitor's kept page then
    begins no session transaction, which cost as much as the page's one statement read through it."""
    if db.session.registry.has() and db.session().in_transaction():
        yield db.session.connection()
        return
    with db.engine.connect() as connection:
        yield connection


def plain_rows(connection: Connection, statement, parameters: dict) -> list[tuple]:
    """A statement's rows as stored: tuples of plain values, without the ORM's result handling.

    `statement` is one built once and kept (the hot pages' reads): its SQL is compiled once per dialect and sent
    as the driver's text, which skips deriving the statement's cache key on every execution (about 2 % of a kept
    question page's CPU). A statement whose parameters need the dialect's processing or expand at execution goes the
    general way."""
    driver = _driver_sql(statement, connection.dialect)
    if driver is None:
        return [tuple(row) for row in connection.execute(statement, parameters)]
    values = {**driver.constants, **parameters}
    arguments = tuple(values[name] for name in driver.order) if driver.order is not None else values
    return [tuple(row) for row in connection.exec_driver_sql(driver.sql, arguments)]


@dataclass(frozen=True)
class DriverSQL:
    sql: str
    order: tuple[str, ...] | None  # the parameters' names in the order a positional driver takes them
    constants: dict  # the values the statement itself holds (`kind = 'answer'` is sent as a parameter)


@functools.lru_cache(maxsize=128)  # keyed by the statement object: only the kept statements come here
def _driver_sql(statement, dialect) -> DriverSQL | None:
    compiled = statement.compile(dialect=dialect)
    if compiled.post_compile_params or compiled.literal_execute_params:  # expanding IN lists, rendered limits
        return None
    if any(bind.type.dialect_impl(dialect).bind_processor(dialect) is not None for bind in compiled.bind_names):
        return None  # e.g. datetimes stored as text: the engine converts them
    order = tuple(compiled.positiontup) if compiled.positional and compiled.positiontup is not None else None
    constants = {name: bind.effective_value for bind, name in compiled.bind_names.items() if not bind.required}
    return DriverSQL(str(compiled), order, constants)


def rowcount(result: Result[Any]) -> int:
    """The rows an INSERT, UPDATE or DELETE touched. `Session.execute` is typed to return the general Result;
    for those statements it is a CursorResult, the one that counts."""
    assert isinstance(result, CursorResult)
    return result.rowcount


migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()


def rate_limit_key() -> str:
    return client_network() or get_remote_address()


limiter = Limiter(key_func=rate_limit_key, default_limits=[])
