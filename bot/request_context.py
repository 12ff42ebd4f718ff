"""Per-request plumbing for Bolt: a DB session per request, each request applied once."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.listener_matcher.builtins import BuiltinListenerMatcher
from sqlalchemy.orm import Session, sessionmaker

from bot import dedupe
from bot.blocks.escape import from_slack
from bot.clock import Clock
from bot.handlers import errors
from bot.store import fast_reads, teams
from bot.store.db import BeginPolicy, check_race

log = logging.getLogger(__name__)
_WROTE = "slate_wrote"  # request context key: this request's transaction changed something
CALENDAR_VERBS = ("subscribe", "unsubscribe")  # /calltime's forms that write
PRUNE_SECONDS = 60.0  # how often a process clears expired request receipts
# Control characters nobody types on purpose; PostgreSQL refuses NUL in text outright.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class SlateBolt(App):
    """Bolt's App with one DB session per request around the whole dispatch.

    Bolt's middleware runs before the listener rather than around it, so the session is
    opened here; with process_before_response the listener has finished when dispatch returns.
    """

    def __init__(
        self,
        *,
        session_factory: sessionmaker[Session],
        clock: Clock,
        on_commit: Callable[[], None],
        public_url: str = "",
        inline_reads: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.session_factory, self.clock, self.on_commit = session_factory, clock, on_commit
        self.public_url, self.inline_reads = public_url, inline_reads
        self.next_prune = 0.0
        self.begin_policy = BeginPolicy()
        dedupe.track_changes(session_factory)
        errors.install(self)

    def match_on_body(self) -> None:
        """Let Bolt's built-in matchers (command, action, callback id) read the body directly.

        Bolt builds every argument a listener could ask for (~25, some objects) before each
        matcher call; a request went through ~10 matchers before reaching its listener.
        """
        for listener in self._listeners:
            for matcher in getattr(listener, "matchers", []):
                if type(matcher) is BuiltinListenerMatcher and matcher.arg_names == ["body"]:
                    matcher.matches = _on_body(matcher.func)  # type: ignore[method-assign]

    def answers_inline(self, req: BoltRequest) -> bool:
        """Whether the request is a read to answer on the event loop, not in the thread pool.

        /calltime on SQLite reads a few indexed rows from an in-process WAL database (no lock
        to wait for, no network) in ~0.2-0.7 ms; handing it to the thread pool cost more than
        that again in thread switches and GIL hand-offs under 16 connections. PostgreSQL's
        round trips would block the loop, so it stays in the pool there.
        """
        body = req.body or {}
        words = str(body.get("text", "")).lower().split()
        return (
            self.inline_reads
            and body.get("command") == "/calltime"
            and not (words and words[0] in CALENDAR_VERBS)  # these write a feed token
            and not self.begin_policy.writes(_kind(body))
        )

    def dispatch(self, req: BoltRequest, *, inline: bool = False) -> BoltResponse:
        """Run one request in its own transaction: committed if it succeeds, else rolled back.

        `inline`: on the event loop (see `answers_inline`): it may only read, and the
        bookkeeping that writes waits for a request in the pool.
        """
        _as_typed(req.body)  # once: a re-run below must not unescape the text again
        _scrub(req.body)
        receipt = dedupe.receipt_for(req.body, req.headers)
        try:
            # SQLite: reads begin DEFERRED (no write lock); a request kind that writes is re-run
            # IMMEDIATE if it lost the race for the lock. See bot/store/db.py.
            response = self.begin_policy.run(
                _kind(req.body or {}), lambda: self._dispatch_once(req, receipt), inline=inline
            )
        except dedupe.Repeated:
            log.info("answered a concurrent repeat once")
            return BoltResponse(status=200, body="")
        except Exception as error:
            if not errors.is_outage(error):
                raise
            earlier: BoltResponse | None = req.context.get("error_answer")
            return earlier or errors.answer(error, req.body, req.context, self.client)
        if req.context.get(_WROTE):
            # Only a request that queued or changed something can have given the outbox work:
            # waking it after every read cost each read a thread switch and a query.
            self.on_commit()
        if not inline:
            self._prune()
        return response

    def _dispatch_once(self, req: BoltRequest, receipt: dedupe.Receipt | None) -> BoltResponse:
        with self.session_factory() as session:
            now = self.clock.now()
            req.context["db"], req.context["clock"] = session, self.clock
            req.context["public_url"] = self.public_url
            # What the request queues (messages, jobs) belongs to the team it came from.
            teams.set_team(session, req.context.team_id, req.context.enterprise_id)
            if receipt is not None and not dedupe.begin(session, receipt, now):
                session.rollback()
                log.info("answered a repeat of %s once", receipt.key.split(":")[0])
                return BoltResponse(status=200, body="")
            try:
                with fast_reads.one_connection(session):
                    response = super().dispatch(req)
                check_race()
                if receipt is not None:
                    dedupe.settle(session, receipt, response.body, now)
                req.context[_WROTE] = dedupe.changed(session)
                if session.in_transaction() or req.context[_WROTE]:
                    session.commit()  # (a request that read only on the driver began nothing)
            except Exception:
                session.rollback()
                raise
        return response

    def _prune(self) -> None:
        # In a transaction of its own, after the answer's: a read stays a read.
        if time.monotonic() >= self.next_prune:
            self.next_prune = time.monotonic() + PRUNE_SECONDS
            try:
                with self.session_factory() as session:
                    dedupe.prune(session, self.clock.now())
                    session.commit()
            except Exception as error:  # bookkeeping never fails the answer already made
                log.warning("could not prune request receipts: %s", type(error).__name__)


def _on_body(func: Callable[..., bool]) -> Callable[..., bool]:
    """A matcher that calls `func(body=...)` without building Bolt's other arguments."""

    def matches(req: BoltRequest, resp: BoltResponse) -> bool:
        return bool(func(body=req.body))

    return matches


def _kind(body: dict[str, Any]) -> str:
    """What kind of request this is, for learning which kinds write."""
    first_word = str(body.get("text", "")).split(" ")[0]
    actions = [a.get("action_id") for a in body.get("actions", [])]
    view = (body.get("view") or {}).get("callback_id") or body.get("callback_id")
    return f"{body.get('command') or body.get('type')} {first_word} {actions} {view}"


def _as_typed(body: dict[str, Any]) -> None:
    """Store what people typed, not Slack's escaping of it: output escapes it exactly once."""
    typed = [body] if "command" in body else []
    if body.get("type") == "event_callback" and (body.get("event") or {}).get("type") == "message":
        typed.append(body["event"])
    if body.get("type") == "message_action" and isinstance(body.get("message"), dict):
        typed.append(body["message"])
    for part in typed:
        if isinstance(part.get("text"), str):
            part["text"] = from_slack(part["text"])


def _scrub(part: Any) -> Any:
    """Drop control characters from every string a request carries (a forged NUL included)."""
    if isinstance(part, str):
        return CONTROL.sub("", part)
    if isinstance(part, dict):
        for key, value in part.items():
            part[key] = _scrub(value)
    elif isinstance(part, list):
        part[:] = [_scrub(value) for value in part]
    return part
