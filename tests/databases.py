"""Test databases: a fresh SQLite file, and a fresh PostgreSQL database when one is reachable."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
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

    @event.listens_for(engine, "connect")
    def _no_fsync(dbapi_connection: Any, _record: Any) -> None:
        # A test database need not survive a power cut: commits skip the disk flush.
        dbapi_connection.execute("PRAGMA synchronous=OFF")

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
        # Commits need not wait for the disk (every connection, CLI processes too): a test
        # database need not survive the server crashing, and the disk is shared and busy.
        connection.execute(text(f'ALTER DATABASE "{name}" SET synchronous_commit = off'))
    engine = make_engine(make_url(POSTGRES_URL).set(database=name).render_as_string(False))
    try:
        upgrade(engine)
        yield engine
    finally:
        engine.dispose()
        admin.dispose()
        _drop_later(name)


_DROP = """
import os, psycopg
with psycopg.connect(os.environ["SLATE_DROP_URL"], autocommit=True) as connection:
    connection.execute('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % os.environ["SLATE_DROP_DB"])
"""


def _drop_later(name: str) -> None:
    """Drop database `name` in a detached process that pytest does not wait for.

    DROP DATABASE forces a checkpoint: seconds on a server other test runs keep busy.
    """
    url = make_url(POSTGRES_URL).set(drivername="postgresql").render_as_string(False)
    subprocess.Popen(
        [sys.executable, "-c", _DROP],
        env={**os.environ, "SLATE_DROP_URL": url, "SLATE_DROP_DB": name},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def empty_tables(engine: Engine) -> None:
    """Delete every row and restart the ids, keeping the schema (between tests)."""
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]  # children first
    with engine.begin() as connection:
        if engine.dialect.name != "postgresql":
            for table in tables:
                connection.exec_driver_sql(f'DELETE FROM "{table}"')
            return
        # One round trip of DELETEs: a test leaves a handful of rows, and TRUNCATE would
        # rewrite every table's files (0.3 s a test on PostgreSQL against a few ms).
        connection.exec_driver_sql("; ".join(f'DELETE FROM "{table}"' for table in tables))
        # What RESTART IDENTITY did: the next id of every sequence is its first again.
        connection.exec_driver_sql("SELECT setval(seqrelid, seqstart, false) FROM pg_sequence")
