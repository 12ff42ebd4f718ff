"""Engines and sessions: SQLite (WAL) by default, PostgreSQL through psycopg.

SQLite has one writer at a time. Background work (outbox, scheduler, CLI) begins every
transaction IMMEDIATE, taking the write lock up front so a read-then-write never fails. A
request may instead run inside `transactions()`: it begins DEFERRED, so a read-only request
never touches the write lock; if it turns out to write and SQLite refuses the upgrade (another
writer came first: SQLITE_BUSY / BUSY_SNAPSHOT), the caller re-runs it from the start IMMEDIATE.
Nothing it read is ever trusted across the restart, so the retry is safe. PostgreSQL is unchanged.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

T = TypeVar("T")
# A PostgreSQL connection idle this long is pinged before use (the server or a proxy may have
# dropped it); one in steady use is not: a ping on every checkout was a round trip a request.
IDLE_PING_SECONDS = 10.0
WRITER_WAIT_SECONDS = 30.0  # as long as SQLite's busy timeout
_TURN = "slate_write_turn"  # connection info: this connection holds the process's write turn
_READS = ("SELECT", "PRAGMA", "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


@dataclass
class Txn:
    """How the current thread's SQLite transactions begin, and what they ran into."""

    immediate: bool = False
    wrote: bool = False
    busy: bool = False
    inline: bool = False  # on the event loop: must never wait for the write lock


_txn: ContextVar[Txn | None] = ContextVar("slate_sqlite_txn", default=None)


class WriteOnEventLoop(sqlite3.OperationalError):
    """A request answered on the event loop tried to write (it would wait for the lock there)."""


@contextmanager
def transactions(*, immediate: bool = False, inline: bool = False) -> Iterator[Txn]:
    """Within this block, SQLite transactions begin DEFERRED unless `immediate`; `inline`
    ones may only read."""
    state = Txn(immediate=immediate, inline=inline)
    token = _txn.set(state)
    try:
        yield state
    finally:
        _txn.reset(token)


class LostRace(Exception):
    """This deferred transaction lost the race for SQLite's write lock: run it again."""


def check_race() -> None:
    """Raise LostRace if the current deferred transaction was refused the write lock.

    An error handler may have answered the failure already; the unit of work must still be
    rolled back whole and re-run, never half-settled.
    """
    state = _txn.get()
    if state is not None and state.busy and not state.immediate:
        raise LostRace


class BeginPolicy:
    """Runs units of work (requests) deferred, learning which kinds write so they start IMMEDIATE.

    A kind that wrote once begins IMMEDIATE from then on: it then never needs a restart. A kind
    that has only read begins DEFERRED; should it write after all and lose the race for the
    lock, `run` starts it again IMMEDIATE (the first attempt was rolled back whole).
    """

    def __init__(self) -> None:
        self._writers: set[str] = set()
        self._lock = threading.Lock()

    def writes(self, kind: str) -> bool:
        """Whether requests of this kind have written."""
        return kind in self._writers

    def run(self, kind: str, attempt: Callable[[], T], *, inline: bool = False) -> T:
        """Run `attempt()` once, or twice when SQLite refused its deferred upgrade to a write."""
        immediate = kind in self._writers and not inline
        while True:
            with transactions(immediate=immediate, inline=inline) as txn:
                try:
                    result = attempt()
                except Exception:
                    if not txn.busy or immediate:
                        raise
                    result = None
                if (txn.wrote or txn.busy) and len(self._writers) < 10_000:  # bounded: kinds
                    with self._lock:  # include user text's first word
                        self._writers.add(kind)
                if not txn.busy or immediate:
                    return result  # type: ignore[return-value]
            immediate = True  # lost the race for the write lock: start again, holding it


def make_engine(database_url: str, **kwargs: Any) -> Engine:
    """An engine for the URL, with SQLite set up for concurrent threads."""
    url = make_url(database_url)
    # Keep a connection per busy request thread: past the default 5 (+10 overflow, closed on
    # return) every request opened one anew (SQLite: PRAGMAs; PostgreSQL: a login).
    if url.drivername.startswith("sqlite"):
        if url.database not in (None, "", ":memory:"):
            kwargs = {"pool_size": 20, "max_overflow": 40, **kwargs}
        return _sqlite_engine(database_url, url.database, **kwargs)
    # PostgreSQL's connections are shared with every other client: bounded, and kept.
    kwargs = {"pool_size": 16, "max_overflow": 4, **kwargs}
    if url.drivername in ("postgresql", "postgres"):
        database_url = str(url.set(drivername="postgresql+psycopg"))
    engine = create_engine(database_url, **kwargs)
    _ping_when_idle(engine)
    return engine


def _ping_when_idle(engine: Engine) -> None:
    """Ping a pooled connection before use only if it sat idle: a dead one is then replaced."""

    @event.listens_for(engine, "checkin")
    def _checked_in(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.pop("idle_since", None)
        if idle_since is None or time.monotonic() - idle_since < IDLE_PING_SECONDS:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
            dbapi_connection.rollback()  # the ping must not leave a transaction open
        except Exception as error:
            # The pool drops this connection and checks out another (or opens a new one).
            raise exc.DisconnectionError(str(error)) from error


def _sqlite_engine(database_url: str, path: str | None, **kwargs: Any) -> Engine:
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        database_url, connect_args={"check_same_thread": False, "timeout": 30}, **kwargs
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transactions into our own hands so writers queue instead of failing.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # In WAL mode NORMAL syncs at checkpoints, not at every commit: a crash of Slate loses
        # nothing, a power cut at most the last commits (the outbox then re-sends, never loses).
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    writer = threading.Lock()  # this process's turn at SQLite's write lock

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        state = _txn.get()
        if state is None or state.immediate:
            # This process's writers queue here, each woken as the last one commits: waiting
            # in SQLite's busy handler instead, each slept and polled (1, 2, 5 … 100 ms), so
            # under load writes were answered late and out of turn. Past the busy timeout,
            # SQLite's own wait takes over (another process, or a stuck writer).
            taken = writer.acquire(timeout=WRITER_WAIT_SECONDS)
            conn.info[_TURN] = taken
            try:
                # IMMEDIATE takes the write lock up front: no SQLITE_BUSY on a read-then-write.
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            except BaseException:
                _end_turn(conn.info)
                raise
        else:
            conn.exec_driver_sql("BEGIN")

    def _end_turn(info: dict[str, Any]) -> None:
        if info.pop(_TURN, False):
            writer.release()

    @event.listens_for(engine, "commit")
    @event.listens_for(engine, "rollback")
    def _on_end(conn: Any) -> None:
        _end_turn(conn.info)

    @event.listens_for(engine.pool, "checkin")
    def _on_checkin(_dbapi_connection: Any, record: Any) -> None:
        _end_turn(record.info)  # a connection given back mid-transaction ends its turn too

    @event.listens_for(engine, "before_cursor_execute")
    def _on_execute(*args: Any) -> None:
        state = _txn.get()
        if state is None or (state.wrote and not state.busy):
            return
        writes = not args[2].lstrip()[:9].upper().startswith(_READS)
        if writes and state.inline:
            # Waiting for SQLite's write lock on the event loop would stall every request.
            raise WriteOnEventLoop("a request answered on the event loop tried to write")
        if writes and state.busy:
            # This attempt will be re-run: an error reply written now would go out as well.
            raise sqlite3.OperationalError("database is locked: the request will be re-run")
        state.wrote = state.wrote or writes

    @event.listens_for(engine, "handle_error")
    def _on_error(context: Any) -> None:
        state = _txn.get()
        error = context.original_exception
        if (
            state is not None
            and not state.immediate
            and isinstance(error, sqlite3.OperationalError)
        ):
            state.busy = state.busy or "locked" in str(error) or "busy" in str(error)

    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit."""
    return sessionmaker(engine, expire_on_commit=False)
