"""Reads on the hot path: a Core SELECT compiled once per dialect, run on a pooled DBAPI
connection outside any transaction.

SQLAlchemy's execution machinery cost ~0.08 ms a statement (and a read-only request on a
session paid a BEGIN and a COMMIT as well); the driver itself answers an indexed SELECT in
~0.01 ms. A `Prepared` keeps SQLAlchemy's meaning (bind and result types, each dialect's SQL)
and drops the per-call work. SQLite's connections are in autocommit (bot/store/db.py) and a
PostgreSQL connection is switched to autocommit while it reads, so one SELECT is one snapshot
and nothing is left open.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Select, exc
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

Processor = Callable[[Any], Any] | None


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    positions: tuple[str, ...] | None  # bind names in order (qmark), or None (named)
    binds: dict[str, Processor]
    converting: tuple[tuple[int, Callable[[Any], Any]], ...]  # (column, its result processor)
    defaults: dict[str, Any]


class Prepared:
    """A SELECT compiled once per dialect, run straight on the driver."""

    def __init__(self, statement: Select[Any]) -> None:
        self.statement = statement
        self._by_dialect: dict[str, _Compiled] = {}

    def _compiled(self, dialect: Dialect) -> _Compiled:
        found = self._by_dialect.get(dialect.name)
        if found is None:
            compiled = self.statement.compile(dialect=dialect)
            # Literal binds the statement carries (a LIMIT's value): their defaults.
            defaults = {name: bind.value for name, bind in compiled.binds.items()}
            binds = {
                name: bind.type._cached_bind_processor(dialect)
                for name, bind in compiled.binds.items()
            }
            results = (
                column.type._cached_result_processor(dialect, None)
                for column in self.statement.selected_columns
            )
            converting = tuple((i, p) for i, p in enumerate(results) if p is not None)
            positions = tuple(compiled.positiontup) if compiled.positional else None
            found = _Compiled(str(compiled), positions, binds, converting, defaults)
            self._by_dialect[dialect.name] = found
        return found

    def rows(self, session: Session, values: dict[str, Any]) -> list[tuple[Any, ...]]:
        """The statement's rows for `values`, typed as SQLAlchemy would give them."""
        engine: Engine = session.get_bind()  # type: ignore[assignment]
        compiled = self._compiled(engine.dialect)
        merged = compiled.defaults | values
        params = {
            name: (process(merged[name]) if process is not None else merged[name])
            for name, process in compiled.binds.items()
        }
        driver_params: Sequence[Any] | dict[str, Any] = (
            [params[name] for name in compiled.positions] if compiled.positions else params
        )
        raw = _fetch(engine, _connection(session, engine), compiled.sql, driver_params)
        if not compiled.converting:
            return raw
        rows = []
        for row in raw:
            values = list(row)
            for index, process in compiled.converting:
                values[index] = process(values[index])
            rows.append(tuple(values))
        return rows


def usable(session: Session) -> bool:
    """Whether a read may skip the session: it has begun nothing it could see but others not."""
    return not session.in_transaction()


def release(session: Session) -> None:
    """Give back the connection this session's fast reads used (at the end of the request)."""
    connection = session.info.pop(_CONNECTION, None)
    if connection is None:
        return
    if connection.driver_connection is not None and getattr(
        connection.driver_connection, "autocommit", False
    ):
        connection.driver_connection.autocommit = False  # as the pool lent it
    connection.close()


_CONNECTION = "slate_fast_reads_connection"
_HOLD = "slate_fast_reads_hold"


@contextmanager
def one_connection(session: Session) -> Iterator[None]:
    """Within: the session's fast reads share one pooled connection (a request's two reads
    paid a checkout and a check-in each), given back at the end."""
    session.info[_HOLD] = True
    try:
        yield
    finally:
        session.info.pop(_HOLD, None)
        release(session)


def _connection(session: Session, engine: Engine) -> Any:
    """One pooled connection for a request's fast reads, kept until `release`."""
    connection = session.info.get(_CONNECTION)
    if connection is None:
        connection = engine.raw_connection()
        session.info[_CONNECTION] = connection
        if engine.dialect.name == "postgresql":
            # One statement, one snapshot: no BEGIN, no ROLLBACK round trips.
            connection.driver_connection.autocommit = True
    return connection


def _fetch(engine: Engine, connection: Any, sql: str, params: Any) -> list[tuple[Any, ...]]:
    try:
        cursor = connection.cursor()
        try:
            cursor.execute(sql, params)
            return [tuple(row) for row in cursor.fetchall()]
        finally:
            cursor.close()
    except engine.dialect.loaded_dbapi.Error as error:
        dropped = engine.dialect.is_disconnect(error, connection.driver_connection, None)
        if dropped:
            connection.invalidate(error)  # the pool opens a fresh one next time
        # The same error SQLAlchemy would raise: an outage is still answered as one.
        raise exc.DBAPIError.instance(
            sql,
            params,
            error,
            engine.dialect.loaded_dbapi.Error,
            connection_invalidated=dropped,
            dialect=engine.dialect,
        ) from error


def read(session: Session, prepared: Prepared, values: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The rows, straight from the driver when the session has no transaction of its own
    (a read-only request); else inside it, so a request sees what it wrote itself."""
    if usable(session):
        try:
            return prepared.rows(session, values)
        finally:
            if not session.info.get(_HOLD):
                release(session)
    return [tuple(row) for row in session.connection().execute(prepared.statement, values)]
