"""A schedule change's announcement: what moved between the last published sheet and this one.

/schedulechange marks its publish job `announce`; whichever publish next sends the day (that
job, Publish anyway, another /callsheet publish, the nightly post) announces the difference
between what the crew were last sent and what they are sent now, so two changes made before
the job runs, or a held change sent another way, are announced all the same, and only once.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.callsheets import person_day
from bot.services.callsheets.events import PersonTold
from bot.services.callsheets.person_day import Change
from bot.services.callsheets.sheet import SheetView
from bot.store.models import ScheduledJob
from bot.store.models_callsheet import ShootDay


def due(session: Session, day: ShootDay) -> bool:
    """Whether a schedule change to the day, made since it was last sent, waits to be told."""
    prefix = f"publish:{day.id}:r{day.revision}:"
    payloads = session.scalars(
        select(ScheduledJob.payload).where(ScheduledJob.key.startswith(prefix, autoescape=True))
    )
    return any(p.get("announce") or p.get("changes") for p in payloads)


def published(view: SheetView) -> dict[str, Any]:
    """What the day shows everyone, as stored at publish: the sheet and each department's call
    (as minutes from general call: one that only moves with general call is no news)."""
    general = view.general_call
    departments = {
        name: int((at - general).total_seconds() // 60) if general else 0
        for name, at in view.department_calls
    }
    extras = {"background": view.background_total}  # catering feeds them
    return person_day.day_wide(view) | {"departments": departments} | extras


def changes(
    before: dict[str, Any], after: dict[str, Any], told: tuple[PersonTold, ...], own: set[int]
) -> tuple[Change, ...]:
    """What moved: the day's times and place, department calls, and own calls (`own`: the
    people with a call of their own)."""
    if not before:
        return ()
    day = person_day.changes(
        before | {"call": before.get("general_call")}, after | {"call": after.get("general_call")}
    )
    found = [
        Change("General crew call", c.kind, c.before, c.after) if c.label == "Your call" else c
        for c in day
    ]
    old, new = before.get("departments"), after.get("departments") or {}
    if old is not None:  # a sheet published before departments were stored: not compared
        for name in sorted(set(old) | set(new)):
            if old.get(name, 0) != new.get(name, 0):  # none of its own: at general call
                moved = (_at(side, name) for side in (before, after))
                found.append(Change(f"{name} call", "time", *moved))
    for person in told:
        if person.person_id in own and person.changes:
            found += [
                Change(f"{person.call.name}'s call", "time", c.before, c.after)
                for c in person.changes
                if c.label == "Your call"
            ]
    return tuple(found)


def _at(published: dict[str, Any], department: str) -> str | None:
    """A department's call in a stored sheet (with no call of its own: general call)."""
    minutes, general = published["departments"].get(department, 0), published.get("general_call")
    if general is None:
        return None
    return (datetime.fromisoformat(general) + timedelta(minutes=minutes)).isoformat()
