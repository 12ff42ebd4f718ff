"""Misbehaviour on demand: planned faults and Slack-like rate limits."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any


@dataclass
class Fault:
    """One planned misbehaviour for a method."""

    status: int = 200
    error: str | None = None
    retry_after: float | None = None
    delay: float = 0.0
    answer: dict[str, Any] | None = None


class RateLimit:
    """Token buckets: one per workspace, one per channel of a workspace; each holds a second's
    worth. Slack's limits are per workspace: one team's burst never slows another's calls."""

    def __init__(self, per_second: float, per_channel: float | None) -> None:
        self.per_second, self.per_channel = per_second, per_channel
        self._buckets: dict[tuple[str, str], tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, channel: str, team: str = "") -> float:
        """0 when `team`'s call may go ahead, else how many seconds until it could."""
        with self._lock:
            now = time.monotonic()
            keys = [((team, ""), self.per_second)]
            if self.per_channel:
                keys.append(((team, channel), self.per_channel))
            waits = [self._wait(key, rate, now) for key, rate in keys]
            if any(waits):
                return max(waits)
            for key, rate in keys:
                tokens, _ = self._level(key, rate, now)
                self._buckets[key] = (tokens - 1, now)
            return 0.0

    def _level(self, key: tuple[str, str], rate: float, now: float) -> tuple[float, float]:
        tokens, then = self._buckets.get(key, (max(rate, 1.0), now))
        return min(max(rate, 1.0), tokens + (now - then) * rate), now

    def _wait(self, key: tuple[str, str], rate: float, now: float) -> float:
        tokens, _ = self._level(key, rate, now)
        return 0.0 if tokens >= 1 else (1 - tokens) / rate
