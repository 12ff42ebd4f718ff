"""Exactly once: a request Slack sends again (retry, replay, double click) is applied once."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, event
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from bot import events
from bot.store.models import RequestReceipt
from bot.store.teams import TEAM

# Slack retries an event three times over about five minutes; a signature is good for five.
EVENT_KEEP = timedelta(hours=1)
COMMAND_KEEP = timedelta(minutes=10)
VIEW_KEEP = timedelta(days=1)


_CHANGED = "slate_changed"


class Repeated(Exception):
    """The same request was applied by another delivery in the meantime."""


@dataclass(frozen=True)
class Receipt:
    """What identifies one request across deliveries, and how long to remember it."""

    key: str
    keep: timedelta
    # A submission answered with field errors may be corrected and sent again; anything
    # else counts as done even when the answer was an error (a retry gets no second answer).
    correctable: bool = False
    # Slack never retries a slash command; only a replay repeats one. A replayed read is
    # harmless to answer again, and remembering it would make every read write. So such a
    # receipt is claimed only when the request changed something, at the end of its
    # transaction: a replayed write loses the claim there and is rolled back whole.
    only_if_changed: bool = False


def receipt_for(body: dict[str, Any], headers: dict[str, Any]) -> Receipt | None:
    """The receipt of a request that must not run twice, or None for one that may."""
    if body.get("type") == "event_callback" and body.get("event_id"):
        return Receipt(f"event:{body['event_id']}", EVENT_KEEP)
    if body.get("type") == "view_submission":
        view = body.get("view") or {}
        # The hash changes whenever the view is updated, so only a repeat of this exact view
        # (a double click on Submit, by the same person) matches.
        user = (body.get("user") or {}).get("id", "")
        return Receipt(f"view:{view.get('id')}:{view.get('hash', '')}:{user}", VIEW_KEEP, True)
    signature = _first(headers.get("x-slack-signature"))
    if "command" in body and signature:
        # The signature covers the timestamp and the whole body: the same one is a replay.
        digest = hashlib.sha256(signature.encode()).hexdigest()[:40]
        return Receipt(f"command:{digest}", COMMAND_KEEP, only_if_changed=True)
    return None


def track_changes(factory: sessionmaker[Session]) -> None:
    """Note on each session whether it wrote anything (flushes and bulk statements)."""

    @event.listens_for(factory, "after_flush")
    def _flushed(session: Session, _context: Any) -> None:
        session.info[_CHANGED] = True

    @event.listens_for(factory, "after_soft_rollback")
    def _rolled_back(session: Session, _previous: Any) -> None:
        session.info.pop(_CHANGED, None)  # what was written is gone

    @event.listens_for(factory, "do_orm_execute")
    def _executed(state: ORMExecuteState) -> None:
        if state.is_insert or state.is_update or state.is_delete:
            state.session.info[_CHANGED] = True


def changed(session: Session) -> bool:
    """Whether this request has changed anything, or is about to (pending rows or events)."""
    return bool(
        session.info.get(_CHANGED)
        or session.new
        or session.dirty
        or session.deleted
        or events.pending(session)
    )


def begin(session: Session, receipt: Receipt, now: datetime) -> bool:
    """Before the listener: False when this request was already applied."""
    if receipt.only_if_changed:
        return True  # no query on every slash command: `settle` claims it if it wrote
    return claim(session, receipt, now)


def claim(session: Session, receipt: Receipt, now: datetime) -> bool:
    """Record the receipt in the session's transaction; False if it was already recorded.

    On PostgreSQL a concurrent claim of the same key waits for the first transaction: it
    wins if that one rolled back (a failed submission may be tried again), else loses.
    """
    # The dialect in use only: importing both cost start-up ~20 ms (PostgreSQL's on SQLite).
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = (
        insert(RequestReceipt)
        .values(key=receipt.key, expires_at=now + receipt.keep, team_id=session.info.get(TEAM))
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(RequestReceipt.key)
    )
    return session.execute(statement).scalar() is not None


def settle(session: Session, receipt: Receipt, answer: str, now: datetime) -> None:
    """After the listener: keep the receipt, unless the answer asks for corrections.

    The error handler rolls the transaction back, claim included: claim again so an event
    or command that failed is still answered once.
    """
    if receipt.correctable:
        if '"response_action": "errors"' in answer:
            session.execute(delete(RequestReceipt).where(RequestReceipt.key == receipt.key))
    elif receipt.only_if_changed:
        if changed(session) and not claim(session, receipt, now):
            raise Repeated(receipt.key)  # a concurrent replay got there first: roll back
    else:
        claim(session, receipt, now)


def prune(session: Session, now: datetime) -> int:
    """Delete receipts past their time; the number deleted."""
    result = session.execute(delete(RequestReceipt).where(RequestReceipt.expires_at < now))
    return int(getattr(result, "rowcount", 0) or 0)


def _first(value: Any) -> str:
    if isinstance(value, list | tuple):
        return str(value[0]) if value else ""
    return str(value or "")
