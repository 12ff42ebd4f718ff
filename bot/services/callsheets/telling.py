"""A big crew's DMs in chunks: the outbox sends the first while the rest are still composed.

Publishing commits the new revision (everyone's day stored) with the first chunk of DMs and
queues a `callsheet.tell` job naming everyone else; the job (run at once, in the same tick)
queues their DMs a chunk per commit, then the PDF and the tally. Each DM is keyed by person and
revision, so a job re-run after a crash queues only what is missing: everyone is told once.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import events
from bot.events import Event
from bot.scheduler import schedule
from bot.services.callsheets import sheet, sheet_codec
from bot.services.callsheets.events import PersonTold
from bot.services.callsheets.person_day import Change, PersonDay
from bot.store.models_callsheet import CallSheetRecipient, ShootDay

KIND = "callsheet.tell"
FIRST = 50  # told with the revision itself: about a second of Slack's posting rate
CHUNK = 100  # then this many a commit


@dataclass(frozen=True)
class PeopleTold(Event):
    """More of a revision's DMs (the first went with SheetPublished)."""

    production_id: int
    day_id: int
    revision: int
    told: tuple[PersonTold, ...]


@dataclass(frozen=True)
class SheetFiled(Event):
    """Everyone of a revision was told: its PDF goes in the thread, the tally is posted."""

    production_id: int
    day_id: int
    sheet: sheet.SheetView


def split(
    session: Session, day: ShootDay, told: tuple[PersonTold, ...], now: datetime
) -> tuple[PersonTold, ...]:
    """The people told with the revision; the rest are queued to the tell job."""
    if len(told) <= FIRST:
        return told
    payload = {"day_id": day.id, "revision": day.revision, "told": [_dump(t) for t in told[FIRST:]]}
    schedule(session, KIND, f"tell:{day.id}:{day.revision}", now, payload)
    return told[:FIRST]


def tell_job(session: Session, payload: dict[str, Any], now: datetime) -> None:
    """Queue the rest of a revision's DMs a chunk per commit, then its PDF and tally."""
    day = session.get(ShootDay, payload["day_id"])
    if day is None:
        return
    revision = payload["revision"]
    stored = {
        r.person_id: r
        for r in session.scalars(
            select(CallSheetRecipient).where(CallSheetRecipient.shoot_day_id == day.id)
        )
    }
    # What each was told is stored with the revision; one a newer revision told is skipped.
    told = [
        _load(t, stored[t["person_id"]].told)
        for t in payload["told"]
        if t["person_id"] in stored and stored[t["person_id"]].revision == revision
    ]
    session.commit()  # ends the read that found the job (on SQLite it holds the write lock)
    for start in range(0, len(told), CHUNK):
        chunk = tuple(told[start : start + CHUNK])
        events.record(session, PeopleTold(now, day.production_id, day.id, revision, chunk))
        session.commit()  # the outbox sends this chunk while the next is composed
    # The PDF is the sheet as published, whatever was edited since.
    current = day.revision == revision and day.published_sheet
    view = sheet_codec.sheet_from_plain(day.published_sheet) if current else None
    session.commit()  # the PDF is drawn before the last transaction takes the write lock
    if view is not None:
        events.record(session, SheetFiled(now, day.production_id, day.id, view))
    # else: a newer revision was published since; it files its own PDF


def _dump(told: PersonTold) -> dict[str, Any]:
    changes = None if told.changes is None else [list(dataclasses.astuple(c)) for c in told.changes]
    return {
        "person_id": told.person_id,
        "slack_user_id": told.slack_user_id,
        "changes": changes,
        "superseded": told.superseded,
    }


def _load(data: dict[str, Any], call: dict[str, Any]) -> PersonTold:
    changes = data["changes"]
    return PersonTold(
        data["person_id"],
        data["slack_user_id"],
        PersonDay.from_json(call),
        None if changes is None else tuple(Change(*c) for c in changes),
        data["superseded"],
    )
