"""Domain events: what happened, recorded by services on the session, drained by notify.

A service changes rows and records facts such as `ExpenseDecided`; it never renders or sends.
`bot.notify` turns the facts into Block Kit and outbox rows in the same transaction, just
before it commits, wherever the commit happens (a request, a scheduler tick, the CLI).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

_KEY = "slate_events"


@dataclass(frozen=True)
class Event:
    """A fact a service records; every event says when it happened (UTC)."""

    at: datetime


@dataclass(frozen=True)
class Answered(Event):
    """An answer to one person where no ack body can carry it (a click, a form, a refusal):
    ephemeral where they clicked, else by DM."""

    user: str
    channel: str | None
    text: str
    blocks: tuple[dict[str, Any], ...] = ()


def record(session: Session, event: Event) -> None:
    """Note that `event` happened in this transaction."""
    session.info.setdefault(_KEY, []).append(event)


def pending(session: Session) -> bool:
    """Whether events wait to be drained."""
    return bool(session.info.get(_KEY))


def take(session: Session) -> list[Event]:
    """The events recorded since the last take, in order, and forget them."""
    return session.info.pop(_KEY, [])


def discard(session: Session) -> None:
    """Forget recorded events (the transaction rolled back: nothing happened)."""
    session.info.pop(_KEY, None)
