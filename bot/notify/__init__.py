"""One way to tell anyone anything: events in, Block Kit and outbox rows out.

Each feature's module maps event types to subscribers. `install` hooks `drain` into every
session's commit, so the messages land in the same transaction as the change that caused
them — the request's in `SlateBolt.dispatch`, the scheduler tick's, the CLI's.
"""

from __future__ import annotations

import functools
import importlib
from collections import defaultdict
from typing import Any

from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session, sessionmaker

from bot.events import Event, discard, take
from bot.notify.registry import Subscriber

# Imported on the first drain, not at start-up: the features' subscribers pull in every
# feature's blocks (a third of `slate serve`'s start-up before anything was asked).
FEATURES = (
    "core",
    "callsheets",
    "problems",
    "tasks",
    "money",
    "wrap",
    "invites",
    "booking",
    "onboarding",
    "logistics",
)
MAX_ROUNDS = 20  # a subscriber may record more events; a loop beyond this is a bug


@functools.cache
def subscribers() -> dict[type[Event], list[Subscriber]]:
    """Each event type's subscribers, every feature's, in FEATURES order."""
    table: dict[type[Event], list[Subscriber]] = defaultdict(list)
    for name in FEATURES:
        feature = importlib.import_module(f"bot.notify.{name}")
        for kind, subscriber in feature.SUBSCRIBERS.items():
            table[kind].extend(subscriber if isinstance(subscriber, tuple) else (subscriber,))
    return table


def drain(session: Session) -> None:
    """Deliver every recorded event to its subscribers, until none is left."""
    for _ in range(MAX_ROUNDS):
        events = take(session)
        if not events:
            return
        table = subscribers()
        for happened in events:
            for kind in type(happened).__mro__:
                for subscriber in table.get(kind, ()):
                    subscriber(session, happened)
    raise RuntimeError("notify: events kept producing events")


def install(factory: sessionmaker[Session]) -> sessionmaker[Session]:
    """Drain events before each commit of the factory's sessions; forget them on rollback."""
    sa_event.listen(factory, "before_commit", drain)
    # What a person sees is drawn when it changes, in the transaction that changes it.
    sa_event.listen(factory, "before_flush", _draw_changed)
    sa_event.listen(factory, "after_rollback", _forget)
    return factory


def _draw_changed(session: Session, *args: Any) -> None:
    from bot.notify.callsheets import views  # with the blocks it draws: on the first flush

    views.draw_changed(session, *args)


def _forget(session: Session, *_: Any) -> None:
    discard(session)
