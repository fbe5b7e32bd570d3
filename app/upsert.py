"""INSERT … ON CONFLICT for the database in use: SQLAlchemy spells it alike for SQLite and PostgreSQL, but
each through its own dialect's `insert` construct."""

from sqlalchemy.dialects import postgresql, sqlite


def insert(dialect_name: str):
    """The dialect's `insert`, which has `on_conflict_do_update` and `on_conflict_do_nothing`."""
    return postgresql.insert if dialect_name == "postgresql" else sqlite.insert
