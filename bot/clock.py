"""The one source of 'now', injected everywhere so tests can set the time."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Tells the time in UTC and waits."""

    def now(self) -> datetime: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        """The current time, aware, in UTC."""
        return datetime.now(UTC)

    def sleep(self, seconds: float) -> None:
        """Block for the given number of seconds."""
        if seconds > 0:
            time.sleep(seconds)


class ManualClock:
    """A clock that only moves when told to; sleeping advances it instantly."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs an aware datetime")
        self._now = start.astimezone(UTC)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        """The clock's current time."""
        with self._lock:
            return self._now

    def sleep(self, seconds: float) -> None:
        """Advance the clock instead of waiting."""
        self.advance(seconds=max(seconds, 0))

    def advance(self, **delta: float) -> datetime:
        """Move the clock forward by a timedelta's keyword arguments."""
        with self._lock:
            self._now += timedelta(**delta)
            return self._now

    def set(self, when: datetime) -> None:
        """Jump to an aware datetime."""
        with self._lock:
            self._now = when.astimezone(UTC)


class MovableClock:
    """Real time plus an offset the playground moves forward: time flows, and jumps on demand."""

    def __init__(self, offset_seconds: float = 0.0) -> None:
        self.offset = timedelta(seconds=offset_seconds)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        """Real time shifted by the offset."""
        with self._lock:
            return datetime.now(UTC) + self.offset

    def sleep(self, seconds: float) -> None:
        """Wait in real time (the workers poll; only jumps are instant)."""
        if seconds > 0:
            time.sleep(seconds)

    def set(self, when: datetime) -> None:
        """Jump to an aware datetime (never backwards: done jobs would not run again)."""
        if when.tzinfo is None:
            raise ValueError("MovableClock needs an aware datetime")
        with self._lock:
            self.offset = max(self.offset, when - datetime.now(UTC))

    def advance(self, **delta: float) -> datetime:
        """Move forward by a timedelta's keyword arguments."""
        with self._lock:
            self.offset += max(timedelta(**delta), timedelta(0))
            return datetime.now(UTC) + self.offset
