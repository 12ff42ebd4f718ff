"""Moving a hand-held clock: every job due on the way runs at its own time, in order."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import select

from bot.scheduler import Scheduler
from bot.store.models import ScheduledJob

_TICK = timedelta(microseconds=1)


class SettableClock(Protocol):
    """A clock the playground may move forward."""

    def now(self) -> datetime: ...

    def set(self, when: datetime) -> None: ...


def run_until(scheduler: Scheduler, clock: SettableClock, target: datetime) -> int:
    """Move `clock` to `target`, stopping at each due job so it runs when it was due;
    returns how many jobs ran (a nudge at 19:00 says 19:00, not the time you jumped to)."""
    ran = scheduler.tick()
    while (due := _next_due(scheduler, target)) is not None:
        clock.set(max(due, clock.now()))
        ran += scheduler.tick()
    clock.set(max(target, clock.now()))
    return ran + scheduler.tick()


def _next_due(scheduler: Scheduler, until: datetime) -> datetime | None:
    """When the next job up to `until` can run: its due time, or the end of a lease that another
    scheduler holds on it (asking for a leased job at its due time would spin forever)."""
    with scheduler.session_factory() as session:
        rows = session.execute(
            select(ScheduledJob.next_attempt_at, ScheduledJob.claimed_until)
            .where(ScheduledJob.status == "pending", ScheduledJob.next_attempt_at <= until)
            .order_by(ScheduledJob.next_attempt_at)
            .limit(100)
        ).all()
    # A lease is free once the clock passes it (claims take `claimed_until < now`).
    runnable = [due if lease is None or lease < due else lease + _TICK for due, lease in rows]
    return min((when for when in runnable if when <= until), default=None)
