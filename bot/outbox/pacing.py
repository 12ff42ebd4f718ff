"""Per-workspace pacing: Slack's rate limits are per team, so one busy team never starves another.

A 429 pauses one method for one team; posts are spaced per (team, channel), because channel
ids repeat across workspaces; and a batch is claimed fairly across teams, so a 500-row fan-out
in one workspace cannot fill every batch ahead of another's DM.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from itertools import zip_longest
from typing import Any

from sqlalchemy import and_, func, literal_column, not_, or_, select
from sqlalchemy.orm import Session

from bot.clock import Clock
from bot.outbox.calls import Retry
from bot.store.claims import claim_due
from bot.store.models import OutboxMessage

MAX_RATE_SLEEP = 0.25  # seconds the worker sleeps to keep a posting rate, rather than requeue
Key = tuple[str, str]  # (team id or "", method or channel)


def _team() -> Any:
    # NULL-safe (a NULL team is team ""); a literal, not a bound "", so GROUP BY matches SELECT.
    return func.coalesce(OutboxMessage.team_id, literal_column("''"))


class Pacing:
    """What one worker knows of Slack's limits: paused (team, method)s, last post per channel,
    and (with `post_rate`) a token bucket per (team, method) of posts."""

    def __init__(self, channel_interval: timedelta, post_rate: float = 0.0) -> None:
        self.channel_interval = channel_interval
        self.post_rate = post_rate  # posts a second per workspace; 0: only Slack's 429s pace
        self._paused_until: dict[Key, datetime] = {}
        self._last_post: dict[Key, datetime] = {}
        self._buckets: dict[Key, tuple[float, datetime]] = {}  # tokens left, as of when

    def paused(self, now: datetime) -> dict[Key, datetime]:
        """The (team, method)s still paused at `now`, and until when."""
        return {key: until for key, until in self._paused_until.items() if until > now}

    def pause(self, team: str | None, method: str, until: datetime) -> None:
        """Slack answered 429 for `method` in `team`: no more of those calls there until then."""
        self._paused_until[(team or "", method)] = until

    def paused_until(self, team: str | None, method: str, now: datetime) -> datetime | None:
        """When `method` may be called again in `team`, if it is paused now."""
        until = self._paused_until.get((team or "", method))
        return until if until and until > now else None

    def channel_free_at(self, team: str | None, channel: str, now: datetime) -> datetime | None:
        """When the next post to `channel` of `team` may go, if not yet at `now`."""
        last = self._last_post.get((team or "", channel))
        if last and now - last < self.channel_interval:
            return last + self.channel_interval
        return None

    def rate_wait(self, team: str | None, method: str, now: datetime) -> float:
        """Seconds until a post of `method` in `team` keeps within `post_rate` (0: now).

        A 429's Retry-After is whole seconds: a second of no posts, which sending just under
        the limit avoids (each burst over it would cost a full second)."""
        if self.post_rate <= 0:
            return 0.0
        tokens = self._tokens((team or "", method), now)
        return 0.0 if tokens >= 1 else (1 - tokens) / self.post_rate

    def keep_rate(self, team: str | None, method: str, clock: Clock) -> None:
        """Wait out a moment's gap to keep within `post_rate` and take a token; a longer gap
        (a batch's worth ahead) puts the row back for later instead."""
        wait = self.rate_wait(team, method, clock.now())
        if wait > MAX_RATE_SLEEP:  # other teams' rows in the batch should not wait on this
            raise Retry(clock.now() + timedelta(seconds=wait), "posting rate", counts=False)
        if wait > 0:
            clock.sleep(wait)  # the worker holds no transaction: only this batch waits
        self.take(team, method, clock.now())

    def take(self, team: str | None, method: str, now: datetime) -> None:
        """A post of `method` in `team` is being made at `now`: it uses a token."""
        if self.post_rate > 0:
            key = (team or "", method)
            self._buckets[key] = (self._tokens(key, now) - 1, now)

    def _tokens(self, key: Key, now: datetime) -> float:
        # Slack allows a second's worth in a burst; a tenth of a second's worth is held back,
        # so a call slower on the wire than the one before never reaches Slack early.
        burst = max(self.post_rate * 0.9, 1.0)
        tokens, then = self._buckets.get(key, (burst, now))
        return min(burst, tokens + max((now - then).total_seconds(), 0.0) * self.post_rate)

    def posted(self, team: str | None, channel: str, now: datetime) -> None:
        """A post to `channel` of `team` went out at `now`."""
        self._last_post[(team or "", channel)] = now


def not_paused(paused: set[Key]) -> Any:
    """A filter leaving out the rows of paused (team, method)s (None: nothing is paused)."""
    if not paused:
        return None
    return and_(
        *(not_(and_(_team() == team, OutboxMessage.method == m)) for team, m in sorted(paused))
    )


def fair_shares(waiting: dict[str, int], total: int) -> dict[str, int]:
    """Split `total` slots between teams by their waiting rows: small teams get all they wait
    for, the rest share what is left equally (max-min fairness)."""
    shares: dict[str, int] = {}
    left = total
    teams = sorted(waiting, key=lambda t: (waiting[t], t))
    for index, team in enumerate(teams):
        fair = left // (len(teams) - index) or min(left, 1)  # more teams than slots: 1 each
        shares[team] = min(waiting[team], fair)
        left -= shares[team]
    return {team: share for team, share in shares.items() if share > 0}


def claim_fairly(
    session: Session, *, worker_id: str, now: datetime, lease_seconds: float, limit: int
) -> list[int]:
    """Claim up to `limit` due rows, shared fairly between the teams that have some."""
    due = (
        OutboxMessage.status == "pending",
        OutboxMessage.next_attempt_at <= now,
        or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now),
    )
    counted = session.execute(
        select(_team(), func.count(OutboxMessage.id)).where(*due).group_by(_team())
    ).all()
    waiting = {str(team): int(count) for team, count in counted}
    options = {"worker_id": worker_id, "now": now, "lease_seconds": lease_seconds}
    if len(waiting) <= 1:
        return claim_due(session, OutboxMessage, limit=limit, **options)
    ids: list[int] = []
    for team, share in fair_shares(waiting, limit).items():
        ids += claim_due(session, OutboxMessage, limit=share, where=(_team() == team,), **options)
    return sorted(ids)


def interleave(rows: list[OutboxMessage]) -> list[OutboxMessage]:
    """The batch in turns, one row of each team at a time (each team's rows in order)."""
    by_team: dict[str, list[OutboxMessage]] = defaultdict(list)
    for row in rows:
        by_team[row.team_id or ""].append(row)
    turns = zip_longest(*(by_team[team] for team in sorted(by_team)))
    return [row for turn in turns for row in turn if row is not None]
