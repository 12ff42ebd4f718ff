"""The outbox worker: claims due rows and makes their Web API calls, exactly once."""

from __future__ import annotations

import logging
import threading
import uuid
from datetime import datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session, sessionmaker

from bot import events
from bot.clock import Clock
from bot.outbox import (
    INVITE_RETRY,
    METADATA_EVENT,
    PACED_METHODS,
    WAITING_FOR_INVITE,
    WAKE,
    backoff,
    batch,
    next_due,
    waiting_for_invite,
)
from bot.outbox.calls import Retry as _Retry
from bot.outbox.calls import call
from bot.outbox.pacing import Pacing, claim_fairly, interleave, not_paused
from bot.outbox.recover import UNREADABLE, find_posted, to_channel
from bot.services.core.invites import NotInChannel
from bot.store.claims import release
from bot.store.db import transactions
from bot.store.models import OutboxMessage

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
TRANSIENT_ERRORS = frozenset(
    {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"}
)


class OutboxWorker:
    """Sends queued rows; safe to run in several processes over one database."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        client: WebClient,
        clock: Clock,
        *,
        channel_interval: float = 1.0,
        post_rate: float = 0.0,
        lease_seconds: float = 60.0,
        poll_seconds: float = 0.5,
        batch_size: int = 50,
        worker_id: str | None = None,
        retention_days: float = 30.0,
        clients: Any = None,
    ) -> None:
        self.session_factory = session_factory
        self._client = client
        self.clock = clock
        self.lease_seconds = lease_seconds
        self.poll_seconds = poll_seconds
        self.batch_size = batch_size
        self.retention = timedelta(days=retention_days)
        self._next_prune = clock.now()
        self.client_for = clients or (lambda _team: client)  # bot/slack_auth.TeamClients
        self.worker_id = worker_id or f"outbox-{uuid.uuid4().hex[:8]}"
        self.pacing = Pacing(timedelta(seconds=channel_interval), post_rate)  # per team
        # (team, channel) that refused this batch with not_in_channel
        self._uninvited: set[tuple[str | None, str]] = set()
        self._margin = timedelta(seconds=min(lease_seconds / 4, 10))  # a slow call may follow
        self._wake, self._stop = threading.Event(), threading.Event()
        self._thread: threading.Thread | None = None
        self._due: datetime | None = None  # when the next pending row falls due, last seen
        # A commit that queued rows (a request, each chunk of a job) wakes the worker at once.
        sa_event.listen(session_factory, "after_commit", self._after_commit)

    @property
    def client(self) -> WebClient:
        """The Slack client the worker calls through (the one place it is chosen)."""
        return self._client

    def _after_commit(self, session: Session) -> None:
        if session.info.pop(WAKE, False):
            self._wake.set()

    def wake(self) -> None:
        """Tell a sleeping worker there is new work (called after a commit)."""
        self._wake.set()

    def start(self) -> None:
        """Run in a background thread until stop()."""
        self._thread = threading.Thread(target=self.run_forever, name=self.worker_id, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Finish the row in hand and stop."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def run_forever(self) -> None:
        """Send until stopped, sleeping when nothing is due."""
        while not self._stop.is_set():
            self._wake.clear()  # before draining: a commit from now on wakes the next wait
            try:
                if self.clock.now() >= self._next_prune:
                    self.prune()
                sent = self.drain_once()
            except Exception:
                log.exception("outbox worker round failed")
                sent = 0
            if not sent:  # until the next row is due (a rate-limit pause ends), at most a poll
                due = (self._due - self.clock.now()).total_seconds() if self._due else 1e9
                self._wake.wait(min(max(due, 0.001), self.poll_seconds))

    def prune(self) -> int:
        """Delete delivered rows past the retention (edit targets stay); runs hourly."""
        self._next_prune = self.clock.now() + timedelta(hours=1)
        with self.session_factory() as session:
            deleted = batch.prune(session, self.clock.now(), self.retention)
            session.commit()
        return deleted

    def deliver_all(self, max_wait_seconds: float = 600) -> None:
        """Send until nothing is pending but what waits for an invite, waiting out retries on
        the clock (tests, CLI)."""
        deadline = self.clock.now() + timedelta(seconds=max_wait_seconds)
        while self.clock.now() < deadline:
            if self.drain_once():
                continue
            with self.session_factory() as session:
                due = next_due(session, invited_only=True)
            if due is None:
                return
            self.clock.sleep(max((due - self.clock.now()).total_seconds(), 0.01))
        raise TimeoutError("outbox still has pending rows")

    def drain_once(self) -> int:
        """Claim a batch of due rows, send them, record the outcomes; returns how many claimed.

        No transaction is open while Slack is called (claim, call, record: one commit each); a
        row whose outcome a crash lost is claimed after its lease and looked for before resent.
        """
        now = self.clock.now()
        paused = self.pacing.paused(now)
        with transactions(), self.session_factory() as session:  # a read: no write lock
            # A paused team's rows wait: claimed only to be put back, they'd take the lock.
            due = next_due(session, where=not_paused(set(paused)))
        self._due = min([d for d in (due, *paused.values()) if d is not None], default=None)
        if due is None or due > now:
            return 0
        with self.session_factory() as session:
            rows, targets, superseded = self._claim(session)
        if not rows:
            return 0
        for row in interleave(rows):  # teams take turns: a big fan-out never blocks a DM
            if self.clock.now() >= row.claimed_until - self._margin:
                # Our lease runs out: give the rest back rather than race another worker.
                self._retry(row, _Retry(self.clock.now(), "lease ran out", counts=False))
            else:
                self._process(row, targets, row.id in superseded)
        with self.session_factory() as session:
            batch.record(session, rows, self.worker_id)
            for team, channel in sorted(self._uninvited, key=str):  # notify asks, once
                waiting = waiting_for_invite(session, channel, team)
                events.record(session, NotInChannel(self.clock.now(), channel, waiting, team))
            self._uninvited.clear()
            session.commit()
        return len(rows)

    def _claim(self, session: Session) -> tuple[list[OutboxMessage], dict[str, Any], set[int]]:
        ids = claim_fairly(
            session,
            worker_id=self.worker_id,
            now=self.clock.now(),
            lease_seconds=self.lease_seconds,
            limit=self.batch_size,
        )
        loaded = batch.load(session, ids, self.worker_id) if ids else ([], {}, set())
        session.commit()  # ends the read; the rows stay loaded (expire_on_commit=False)
        return loaded

    # -- one row ---------------------------------------------------------------------------
    def _process(self, row: OutboxMessage, targets: dict[str, Any], superseded: bool) -> None:
        try:
            params = self._prepare(row, targets, superseded)
            if params is None:
                return
            result = self._call(row, params)
        except _Retry as retry:
            self._retry(row, retry)
            return
        except SlackApiError as error:
            self._api_error(row, error)
            return
        except OSError as error:  # connection refused, reset, timed out, DNS
            self._retry(row, _Retry(self.clock.now() + backoff(row.attempts), repr(error)))
            return
        except Exception as error:
            log.exception("outbox %s (%s) raised", row.id, row.method)
            self._retry(row, _Retry(self.clock.now() + backoff(row.attempts), repr(error)))
            return
        self._mark_sent(row, result)

    def _prepare(
        self, row: OutboxMessage, targets: dict[str, Any], superseded: bool
    ) -> dict[str, Any] | None:
        now = self.clock.now()
        paused = self.pacing.paused_until(row.team_id, row.method, now)
        if paused:
            raise _Retry(paused, "rate limited", counts=False)
        params = dict(row.payload)
        if row.target_ref and not self._resolve_target(row, targets.get(row.target_ref), params):
            return None
        if superseded:
            row.status, row.claimed_by = "superseded", None
            return None
        channel = params.get("channel", row.channel)
        if row.method in PACED_METHODS:
            free_at = self.pacing.channel_free_at(row.team_id, channel, now)
            if free_at:
                raise _Retry(free_at, "channel pacing", counts=False)
        if row.method == "chat.postMessage":
            params["metadata"] = {"event_type": METADATA_EVENT, "event_payload": {"id": row.id}}
            if row.attempts > 1 and (
                found := find_posted(self.client_for(row.team_id), row, channel)
            ):
                self._mark_sent(row, {"channel": found[0], "ts": found[1]})
                return None
        if row.method in PACED_METHODS:
            self.pacing.keep_rate(row.team_id, row.method, self.clock)
        return params

    def _resolve_target(
        self, row: OutboxMessage, target: OutboxMessage | None, params: dict[str, Any]
    ) -> bool:
        # A target sent earlier in this batch is the same object, already marked sent.
        if target is None or target.id == row.id or target.status == "failed":
            self._fail(row, f"target {row.target_ref!r} was never posted")
            return False
        if target.last_error == WAITING_FOR_INVITE and target.status == "pending":
            raise _Retry(self.clock.now() + INVITE_RETRY, WAITING_FOR_INVITE, counts=False)
        if target.status != "sent":
            raise _Retry(self.clock.now() + timedelta(seconds=1), "target not sent", counts=False)
        params["channel"] = target.result_channel
        if row.method == "chat.update":
            params["ts"] = target.result_ts
        else:
            params["thread_ts"] = target.result_ts
        return True

    def _call(self, row: OutboxMessage, params: dict[str, Any]) -> dict[str, Any]:
        return call(self.client_for(row.team_id), row, params)

    # -- outcomes --------------------------------------------------------------------------
    def _mark_sent(self, row: OutboxMessage, result: dict[str, Any]) -> None:
        now = self.clock.now()
        row.status, row.sent_at, row.claimed_by, row.claimed_until = "sent", now, None, None
        row.result_channel = result.get("channel") or row.payload.get("channel") or row.channel
        row.result_ts = result.get("ts") or result.get("message_ts")
        if row.method in PACED_METHODS:
            self.pacing.posted(row.team_id, row.payload.get("channel", row.channel), now)

    def _api_error(self, row: OutboxMessage, error: SlackApiError) -> None:
        status = error.response.status_code
        code = str(error.response.get("error", "")) if error.response.data else f"http {status}"
        now = self.clock.now()
        if status == 429:
            seconds = float(error.response.headers.get("Retry-After", 1) or 1)
            self.pacing.pause(row.team_id, row.method, now + timedelta(seconds=seconds))
            self._retry(row, _Retry(now + timedelta(seconds=seconds), "429", counts=False))
        elif code in UNREADABLE and row.method != "chat.postEphemeral" and to_channel(row):
            # Slate not in the channel (a private one reads as not found): wait for the invite,
            # never drop (ephemerals fail).
            self._uninvited.add((row.team_id, row.channel))
            self._retry(row, _Retry(now + INVITE_RETRY, WAITING_FOR_INVITE, counts=False))
        elif status >= 500 or code in TRANSIENT_ERRORS:
            self._retry(row, _Retry(now + backoff(row.attempts), code))
        else:
            self._fail(row, code)

    def _retry(self, row: OutboxMessage, retry: _Retry) -> None:
        if not retry.counts:
            row.attempts -= 1
        elif row.attempts >= MAX_ATTEMPTS:
            self._fail(row, f"gave up after {row.attempts} attempts: {retry.reason}")
            return
        release(row, retry_at=retry.when, error=retry.reason)

    def _fail(self, row: OutboxMessage, reason: str) -> None:
        log.error("outbox %s (%s) failed: %s", row.id, row.method, reason)
        row.status, row.last_error, row.claimed_by, row.claimed_until = "failed", reason, None, None
