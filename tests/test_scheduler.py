"""Jobs live in our table: due jobs run once, across restarts and competing schedulers."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import select

from bot.clock import ManualClock
from bot.scheduler import Scheduler, cancel, schedule
from bot.store.db import make_session_factory
from bot.store.models import ScheduledJob


def _scheduler(engine, clock, ran: list) -> Scheduler:
    scheduler = Scheduler(make_session_factory(engine), clock)

    @scheduler.handler("nudge")
    def nudge(session, payload, now) -> None:
        ran.append((payload["who"], now))

    return scheduler


def _plan(engine, clock, key: str, minutes: float, who: str = "gus") -> None:
    with make_session_factory(engine)() as db:
        schedule(db, "nudge", key, clock.now() + timedelta(minutes=minutes), {"who": who})
        db.commit()


def test_a_job_runs_once_when_due(engine, clock: ManualClock) -> None:
    ran: list = []
    scheduler = _scheduler(engine, clock, ran)
    _plan(engine, clock, "nudge:gus", 10)
    assert scheduler.tick() == 0 and ran == []
    clock.advance(minutes=10)
    assert scheduler.tick() == 1
    assert scheduler.tick() == 0
    assert [who for who, _ in ran] == ["gus"]


def test_a_restart_neither_loses_nor_repeats(engine, clock: ManualClock) -> None:
    ran: list = []
    _plan(engine, clock, "nudge:a", 5, "a")
    _plan(engine, clock, "nudge:b", 60, "b")
    clock.advance(minutes=5)
    _scheduler(engine, clock, ran).tick()
    # Down for two hours: job b fell due meanwhile and still runs (no misfire drop).
    clock.advance(hours=2)
    restarted = _scheduler(engine, clock, ran)
    restarted.tick()
    restarted.tick()
    assert [who for who, _ in ran] == ["a", "b"]


def test_rescheduling_moves_the_job_instead_of_adding_one(engine, clock: ManualClock) -> None:
    _plan(engine, clock, "nudge:gus", 10)
    _plan(engine, clock, "nudge:gus", 30)
    with make_session_factory(engine)() as db:
        jobs = db.scalars(select(ScheduledJob)).all()
        assert len(jobs) == 1 and jobs[0].due_at == clock.now() + timedelta(minutes=30)
        cancel(db, "nudge:gus")
        db.commit()
    clock.advance(hours=1)
    ran: list = []
    _scheduler(engine, clock, ran).tick()
    assert ran == []


def test_two_schedulers_on_one_database_run_each_job_once(engine, clock: ManualClock) -> None:
    for n in range(40):
        _plan(engine, clock, f"nudge:{n}", 1, str(n))
    clock.advance(minutes=1)
    ran: list = []
    schedulers = [_scheduler(engine, clock, ran) for _ in range(2)]
    threads = [threading.Thread(target=s.tick) for s in schedulers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(int(who) for who, _ in ran) == list(range(40))


def test_a_failing_job_is_retried_later(engine, clock: ManualClock) -> None:
    attempts: list = []
    scheduler = Scheduler(make_session_factory(engine), clock)

    @scheduler.handler("flaky")
    def flaky(session, payload, now) -> None:
        attempts.append(now)
        if len(attempts) == 1:
            raise RuntimeError("Slack down")

    with make_session_factory(engine)() as db:
        schedule(db, "flaky", "flaky:1", clock.now())
        db.commit()
    scheduler.tick()
    scheduler.tick()
    assert len(attempts) == 1  # waits before retrying
    clock.advance(minutes=2)
    scheduler.tick()
    assert len(attempts) == 2
    with make_session_factory(engine)() as db:
        assert db.scalar(select(ScheduledJob.status)) == "done"
