"""Notify for wrap: its events, turned into Block Kit and outbox rows."""

from __future__ import annotations

from bot.notify.registry import Subscriber, Subscribers
from bot.notify.wrap import alerts, report, wrapped


def _merged(*tables: Subscribers) -> Subscribers:
    """One table from several; an event several modules follow gets all their subscribers."""
    merged: dict = {}
    for table in tables:
        for kind, found in table.items():
            more: tuple[Subscriber, ...] = found if isinstance(found, tuple) else (found,)
            merged[kind] = (*merged.get(kind, ()), *more)
    return merged


# The report is drafted before the crew hears of wrap, as it always was.
SUBSCRIBERS: Subscribers = _merged(alerts.SUBSCRIBERS, report.SUBSCRIBERS, wrapped.SUBSCRIBERS)
