"""Scheduling: the truth lives in our scheduled_jobs table; APScheduler only ticks.

A job is a row (kind, key, due_at). Each tick claims due rows atomically and runs the
handler registered for their kind in a fresh DB session. A restart neither loses a job
(the row waits) nor repeats one (a done row is never claimed again); several processes can
tick over one database without running a job twice.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import event as sa_event
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.clock import Clock
from bot.store.claims import claim_due, release
from bot.store.db import transactions
from bot.store.models import ScheduledJob
from bot.store.teams import set_team

if TYPE_CHECKING:
    from apscheduler.schedulers.background import BackgroundScheduler

log = logging.getLogger(__name__)

JobHandler = Callable[[Session, dict[str, Any], datetime], None]
MAX_ATTEMPTS = 5
WAKE_DELAY = 0.03
ROUNDS = 20  # claims per tick: a job that queues another due now has it run in the same tick
_WAKE = "scheduler_wake"  # session.info flag: a job due now was scheduled in this transaction


def schedule(
    session: Session, kind: str, key: str, due_at: datetime, payload: dict[str, Any] | None = None
) -> ScheduledJob:
    """Plan a job once: scheduling the same key again moves a pending job, never adds one."""
    job = session.scalar(select(ScheduledJob).where(ScheduledJob.key == key))
    if job is None:
        job = ScheduledJob(
            kind=kind,
            key=key,
            payload=payload or {},
            status="pending",
            due_at=due_at,
            next_attempt_at=due_at,
            attempts=0,
        )
        session.add(job)
    elif job.status == "pending":
        job.due_at = job.next_attempt_at = due_at
        job.payload = payload or job.payload
    session.flush()
    if due_at <= datetime.now(UTC):
        session.info[_WAKE] = True
    return job


def move(session: Session, key: str, due_at: datetime) -> None:
    """Move a pending job to a new time; done, cancelled or missing jobs are left alone."""
    job = session.scalar(select(ScheduledJob).where(ScheduledJob.key == key))
    if job is not None and job.status == "pending":
        job.due_at = job.next_attempt_at = due_at


def cancel(session: Session, key: str) -> None:
    """Drop a pending job."""
    job = session.scalar(select(ScheduledJob).where(ScheduledJob.key == key))
    if job is not None and job.status == "pending":
        job.status = "cancelled"


class Scheduler:
    """Runs due jobs; `tick()` is what APScheduler calls every second."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        clock: Clock,
        *,
        tick_seconds: float = 1.0,
        lease_seconds: float = 300.0,
        after_commit: Callable[[], None] | None = None,
    ) -> None:
        self.session_factory = session_factory
        self.clock = clock
        self.tick_seconds = tick_seconds
        self.lease_seconds = lease_seconds
        self.after_commit = after_commit
        self.handlers: dict[str, JobHandler] = {}
        self.worker_id = f"scheduler-{uuid.uuid4().hex[:8]}"
        self._aps: BackgroundScheduler | None = None
        # A job queued to run now (a publish) runs at once, not at the next tick.
        sa_event.listen(session_factory, "after_commit", self._after_commit)

    def _after_commit(self, session: Session) -> None:
        if session.info.pop(_WAKE, False):
            self.wake()

    def wake(self) -> None:
        """Tick in a moment (when ticking in the background)."""
        if self._aps is not None and self._aps.running:
            # The moment lets the answer that queued the job go out first: the job's work
            # would otherwise compete with it for the interpreter.
            soon = datetime.now(UTC) + timedelta(seconds=WAKE_DELAY)
            self._aps.modify_job("slate-tick", next_run_time=soon)

    def handler(self, kind: str) -> Callable[[JobHandler], JobHandler]:
        """Register the function that runs jobs of `kind`."""

        def register(func: JobHandler) -> JobHandler:
            self.handlers[kind] = func
            return func

        return register

    def tick(self) -> int:
        """Run every due job once, and those they make due; returns how many ran."""
        ran = 0
        for _ in range(ROUNDS):
            if not self._anything_due():
                break
            with self.session_factory() as session:
                ids = claim_due(
                    session,
                    ScheduledJob,
                    worker_id=self.worker_id,
                    now=self.clock.now(),
                    lease_seconds=self.lease_seconds,
                    limit=100,
                )
            for job_id in ids:
                self._run(job_id)
            ran += len(ids)
            if not ids:
                break
        return ran

    def _anything_due(self) -> bool:
        # A plain read first: an idle tick then never queues for SQLite's write lock.
        with transactions(), self.session_factory() as session:
            due = session.scalar(
                select(ScheduledJob.id)
                .where(
                    ScheduledJob.status == "pending",
                    ScheduledJob.next_attempt_at <= self.clock.now(),
                )
                .limit(1)
            )
        return due is not None

    def _run(self, job_id: int) -> None:
        with self.session_factory() as session:
            job = session.get(ScheduledJob, job_id)
            if job is None or job.claimed_by != self.worker_id:
                return
            set_team(session, job.team_id)  # what the job queues belongs to its team
            handler = self.handlers.get(job.kind)
            try:
                if handler is None:
                    raise LookupError(f"no handler for job kind {job.kind!r}")
                handler(session, dict(job.payload), self.clock.now())
            except Exception as error:
                session.rollback()
                log.exception("job %s (%s) failed", job.key, job.kind)
                job = session.get(ScheduledJob, job_id)
                assert job is not None
                if job.attempts >= MAX_ATTEMPTS:
                    job.status, job.last_error = "failed", repr(error)[:2000]
                else:
                    delay = timedelta(seconds=30 * 2**job.attempts)
                    release(job, retry_at=self.clock.now() + delay, error=repr(error))
                session.commit()
                return
            job.status, job.done_at, job.claimed_by = "done", self.clock.now(), None
            session.commit()
        if self.after_commit is not None:
            self.after_commit()

    def start(self) -> None:
        """Tick in the background (APScheduler keeps no state of its own here)."""
        # Here: `slate serve` without --worker never ticks, and APScheduler cost its start-up
        # ~10 ms and a megabyte.
        from apscheduler.schedulers.background import BackgroundScheduler

        self._aps = BackgroundScheduler(timezone="UTC")
        self._aps.add_job(
            self._safe_tick,
            "interval",
            seconds=self.tick_seconds,
            id="slate-tick",
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
        )
        self._aps.start()

    def stop(self) -> None:
        """Stop ticking."""
        if self._aps is not None:
            self._aps.shutdown(wait=True)

    def _safe_tick(self) -> None:
        try:
            self.tick()
        except Exception:
            log.exception("scheduler tick failed")
