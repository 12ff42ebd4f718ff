"""Reads on the driver give exactly what SQLAlchemy gives, and fail as SQLAlchemy fails."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from bot.handlers.errors import is_outage
from bot.services.callsheets import recipient_reads, shoot_days
from bot.services.core import productions
from bot.store import fast_reads
from tests.conftest import Crew
from tests.handlers.callsheet_helpers import compose, publish
from tests.harness import Running


def test_driver_rows_are_the_sessions_rows(running: Running, crew: Crew) -> None:
    compose(running, crew, calls="Gus Grip 5a pickup 4:30a")
    publish(running, crew)
    now = running.clock.now()
    who = {"team": running.emulator.workspace.team_id, "user": crew.grip.id}
    with running.db() as db:
        (production, person) = productions.resolve_read(
            db, who["team"], crew.crew_channel, crew.grip.id
        )
        assert person is not None
        cases = [
            (productions._READ_BY_CHANNEL, who | {"channel": crew.crew_channel}),
            (productions._READ_BY_MEMBER, who | {"channel": None}),
            (
                recipient_reads._NEXT,
                {
                    "production": production.id,
                    "person": person.id,
                    "today": shoot_days.today(production, now),
                    "now": now,
                },
            ),
            (
                recipient_reads._ON,
                {"production": production.id, "person": person.id, "on": now.date()},
            ),
        ]
        for later in (timedelta(0), timedelta(days=2), timedelta(days=30)):
            at = now + later
            cases.append(
                (
                    recipient_reads._NEXT,
                    cases[2][1] | {"today": shoot_days.today(production, at), "now": at},
                )
            )
        for prepared, values in cases:
            driver = fast_reads.read(db, prepared, values)
            assert not db.in_transaction()
            with db.begin():
                session = [tuple(r) for r in db.connection().execute(prepared.statement, values)]
            assert driver == session, (prepared.statement, values)
            if driver:
                assert [type(v) for v in driver[0]] == [type(v) for v in session[0]]
    assert running.slate.engine.pool.checkedout() == 0  # every connection given back


def test_a_failed_driver_read_is_the_error_sqlalchemy_raises(running: Running) -> None:
    engine = running.slate.engine
    broken = productions._READ_BY_ID.statement.where(text("no_such_column = 1"))
    prepared = fast_reads.Prepared(broken)
    with running.db() as db, pytest.raises(DBAPIError) as driver:
        fast_reads.read(db, prepared, {"user": "U1", "production": 1})
    with running.db() as db, pytest.raises(DBAPIError) as session:
        db.execute(prepared.statement, {"user": "U1", "production": 1})
    # The same class, so the error handler answers it the same way (an outage or a bug).
    assert type(driver.value) is type(session.value)
    assert is_outage(driver.value) == is_outage(session.value)
    assert engine.pool.checkedout() == 0
    with running.db() as db:  # the pool's connections still work, in transactions too
        assert db.scalar(text("SELECT 1")) == 1
