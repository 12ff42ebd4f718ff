"""The clock in your hand: the page's time buttons move Slate's clock and run what fell due."""

from __future__ import annotations

import threading
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.clock import MovableClock
from bot.errors import InvalidInput
from bot.playground_demo import TEAM, TZ, save_offset
from bot.playground_demo.clockwork import run_until
from bot.services.wrap.days import day_in_progress
from bot.store.models import Production, ScheduledJob

if TYPE_CHECKING:
    from bot.app import Slate

MOVES = (
    ("hour", "+1 hour"),
    ("morning", "Next morning"),
    ("wrap", "To wrap"),
    ("nightly", "To the nightly post"),
)


class TimeControls:
    """What the playground page calls to show and move the time (kept in `path`)."""

    def __init__(self, slate: Slate, clock: MovableClock, path: Path) -> None:
        self.slate, self.clock, self.path = slate, clock, path
        self.zone = ZoneInfo(TZ)
        self._lock = threading.Lock()  # one jump at a time

    def state(self) -> dict[str, Any]:
        """The time as the production reads it, and the moves on offer."""
        local = self.clock.now().astimezone(self.zone)
        return {
            "now": local.strftime("%a %b %-d, %-I:%M %p"),
            "zone": TZ,
            "epoch": local.timestamp(),
            "moves": [{"id": key, "label": label} for key, label in MOVES],
        }

    def move(self, key: str) -> dict[str, Any]:
        """Jump to the chosen moment; every job due on the way runs, then the outbox sends."""
        with self._lock:
            target = self._target(key)
            ran = run_until(self.slate.scheduler, self.clock, target)
            save_offset(self.path, self.clock)
        self.slate.outbox.wake()
        return {"ran": ran, **self.state()}

    def _target(self, key: str) -> datetime:
        now = self.clock.now()
        local = now.astimezone(self.zone)
        if key == "hour":
            return now + timedelta(hours=1)
        if key == "morning":
            return datetime.combine(local.date() + timedelta(days=1), time(6), self.zone)
        with self.slate.session_factory() as session:
            if key == "wrap":
                production = session.scalar(select(Production).where(Production.team_id == TEAM))
                try:
                    day = day_in_progress(session, production, now) if production else None
                except InvalidInput:
                    day = None
                wrap = day and (day.wrap_at or day.estimated_wrap)
                if wrap is None or wrap <= now:
                    raise ValueError("No wrap ahead today: try Next morning.")
                return wrap
            if key == "nightly":
                due = session.scalar(
                    select(ScheduledJob.due_at)
                    .where(
                        ScheduledJob.kind == "callsheet.autopublish",
                        ScheduledJob.status == "pending",
                        ScheduledJob.due_at > now,
                    )
                    .order_by(ScheduledJob.due_at)
                    .limit(1)
                )
                if due is None:
                    raise ValueError("No nightly post is planned.")
                return due
        raise ValueError(f"unknown move {key!r}")
