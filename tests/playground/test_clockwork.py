"""Moving the playground clock: each job runs at its own time; a leased job never hangs it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, select

from bot.clock import ManualClock
from bot.playground_demo.clockwork import run_until
from bot.scheduler import Scheduler, schedule
from bot.store.db import make_session_factory
from bot.store.models import ScheduledJob
from tests.conftest import NOW


@pytest.fixture
def ticking(engine: Engine) -> tuple[Scheduler, ManualClock, list]:
    clock = ManualClock(NOW)
    scheduler = Scheduler(make_session_factory(engine), clock)
    ran: list = []
    scheduler.handler("note")(lambda _s, payload, now: ran.append((payload["n"], now)))
    return scheduler, clock, ran


def test_each_job_runs_at_its_own_time(ticking) -> None:
    scheduler, clock, ran = ticking
    with scheduler.session_factory() as session:
        for n in (3, 1, 2):
            schedule(session, "note", f"n{n}", NOW + timedelta(hours=n), {"n": n})
        session.commit()
    assert run_until(scheduler, clock, NOW + timedelta(hours=5)) == 3
    assert ran == [(n, NOW + timedelta(hours=n)) for n in (1, 2, 3)]
    assert clock.now() == NOW + timedelta(hours=5)


def test_a_job_leased_by_another_scheduler_runs_when_its_lease_ends(ticking) -> None:
    scheduler, clock, ran = ticking
    with scheduler.session_factory() as session:
        schedule(session, "note", "held", NOW + timedelta(minutes=1), {"n": 1})
        session.flush()
        job = session.scalar(select(ScheduledJob))
        job.claimed_by, job.claimed_until = "another", NOW + timedelta(minutes=30)
        session.commit()
    assert run_until(scheduler, clock, NOW + timedelta(minutes=10)) == 0  # returns, no spin
    assert ran == [] and clock.now() == NOW + timedelta(minutes=10)
    assert run_until(scheduler, clock, NOW + timedelta(hours=1)) == 1
    assert ran[0][1] > NOW + timedelta(minutes=30)
