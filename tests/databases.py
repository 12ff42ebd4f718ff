"""Test databases: a fresh SQLite file, and a fresh PostgreSQL database when one is reachable."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from bot.store.db import make_engine
from bot.store.migrate import upgrade
from bot.store.schema import Base

POSTGRES_URL = os.environ.get(
    "SLATE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def postgres_unreachable() -> str | None:
    """Why PostgreSQL cannot be used for tests, or None when it can."""
    try:
        engine = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 2})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as error:
        return (
            f"PostgreSQL not reachable at {make_url(POSTGRES_URL).render_as_string()}: "
            + (str(error).splitlines()[0])
        )
    return None


@contextmanager
def sqlite_database(folder: Path) -> Iterator[Engine]:
    """A migrated SQLite database in `folder`."""
    engine = make_engine(f"sqlite:///{folder / 'slate-test.db'}")
    upgrade(engine)
    yield engine
    engine.dispose()


@contextmanager
def postgres_database() -> Iterator[Engine]:
    """A migrated PostgreSQL database of its own, dropped afterwards."""
    name = f"slate_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(make_url(POSTGRES_URL).set(database=name).render_as_string(False))
    try:
        upgrade(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def empty_tables(engine: Engine) -> None:
    """Delete every row, keeping the schema (between tests)."""
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(text(f"DELETE FROM {table}"))
