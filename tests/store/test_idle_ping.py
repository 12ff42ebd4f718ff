"""PostgreSQL: a pooled connection the server dropped while idle is replaced, not used."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, create_engine, exc, text

from bot.store import db
from tests.databases import POSTGRES_URL, postgres_database, postgres_unreachable

pytestmark = pytest.mark.skipif(
    postgres_unreachable() is not None, reason=str(postgres_unreachable())
)


def _drop_pooled_connection(engine: Engine) -> None:
    """Check a connection out and back in, then have the server end it (as a restart would)."""
    with engine.connect() as connection:
        pid = connection.execute(text("SELECT pg_backend_pid()")).scalar()
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    admin.dispose()


def test_a_connection_dropped_while_idle_is_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    """After the server drops an idle pooled connection, the next request still gets answers."""
    monkeypatch.setattr(db, "IDLE_PING_SECONDS", 0.0)
    with postgres_database() as engine:
        _drop_pooled_connection(engine)
        with engine.connect() as connection:
            assert connection.execute(text("SELECT 41 + 1")).scalar() == 42


def test_a_connection_in_steady_use_is_not_pinged(monkeypatch: pytest.MonkeyPatch) -> None:
    """Within the idle window the pooled connection is used as it is (no extra round trip)."""
    monkeypatch.setattr(db, "IDLE_PING_SECONDS", 3600.0)
    with postgres_database() as engine:
        _drop_pooled_connection(engine)
        with pytest.raises(exc.OperationalError), engine.connect() as connection:
            connection.execute(text("SELECT 1"))
