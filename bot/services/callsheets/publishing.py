"""Publishing a call sheet: a new revision, who is told what, and the nudges it starts."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session, joinedload

from bot import events
from bot.errors import InvalidInput
from bot.scheduler import schedule
from bot.services.callsheets import announcing, person_day, sheet, sheet_codec, telling
from bot.services.callsheets import calls as calls_service
from bot.services.callsheets.dates import day_title
from bot.services.callsheets.events import (
    DayPublished,
    PersonTold,
    ScheduleChanged,
    SheetPublished,
)
from bot.services.callsheets.person_day import Change, PersonDay
from bot.store.models import Person, Production
from bot.store.models_callsheet import CallCount, CallSheetRecipient, ShootDay

DEFAULT_NUDGE_MINUTES = 60


@dataclass
class PublishResult:
    """What publishing did: a new revision and how many DMs, or why it did not."""

    day: ShootDay
    published: bool = False
    unchanged: bool = False
    warnings: list[str] = field(default_factory=list)
    dms: int = 0
    removed: int = 0
    announced: bool = False  # a schedule change went out with it: the crew channel is told


def check_ready(production: Production, day: ShootDay) -> None:
    """Refuse to publish what the crew cannot use."""
    if not production.crew_channel_id or not production.coordinators_channel_id:
        raise InvalidInput("Set the crew and coordinators' channels first: /slate setup.")
    if day.general_call is None:
        raise InvalidInput(f"{day_title(day.date)} has no general crew call yet: /callsheet.")
    if day.location is None or not (day.location.address or "").strip():
        raise InvalidInput(f"{day_title(day.date)} needs a location with an address: /callsheet.")


def warnings(
    session: Session,
    production: Production,
    day: ShootDay,
    people: list[calls_service.PersonalCall] | None = None,
) -> list[str]:
    """Every turnaround and meal rule the day breaks."""
    if people is None:
        people = calls_service.personal_calls(session, production, day)
    return calls_service.rest_warnings(
        session, production, day, people
    ) + calls_service.meal_warnings(day, production.timezone)


def publish(
    session: Session,
    production: Production,
    day: ShootDay,
    *,
    actor: str | None,
    now: datetime,
    force: bool = False,
) -> PublishResult:
    """Publish the day's next revision, telling only the people it changes things for.

    The caller has checked `callsheet.publish` for `actor` (None: Slate itself, at night)."""
    check_ready(production, day)
    people = calls_service.personal_calls(session, production, day)
    view = sheet.build(session, production, day)
    views = person_day.build(view, people)
    existing = {
        r.person_id: r
        for r in session.scalars(
            select(CallSheetRecipient).where(CallSheetRecipient.shoot_day_id == day.id)
        )
    }
    fingerprint = _fingerprint(view, views)
    if _unchanged(day, fingerprint, view, views, existing):
        return PublishResult(day, unchanged=True)
    result = PublishResult(day, warnings=warnings(session, production, day, people))
    if result.warnings and not force:
        return result
    previous, announce = day.published or {}, announcing.due(session, day)
    day.revision += 1
    day.published_hash, day.published_at = fingerprint, now
    # A revision is dated now (the view was built while the day still held the last one's).
    revised = now if day.revision > 1 else None
    view = dataclasses.replace(view, revision=day.revision, revised_at=revised)
    day.published = announcing.published(view)
    day.published_sheet = sheet_codec.to_plain(view)
    told, dropped = _tell_people(session, day, views, existing, now)
    count_calls(session, day.id)
    result.dms, result.removed = sum(1 for t in told if t.slack_user_id), len(dropped)
    assert production.crew_channel_id is not None
    first = telling.split(session, day, told, now)  # a big crew: the rest follow in chunks
    events.record(
        session,
        SheetPublished(
            now,
            production.id,
            day.id,
            view,
            production.crew_channel_id,
            _summary(previous, day.published),
            first,
            tuple(d for d in dropped if d),
            complete=len(first) == len(told),
        ),
    )
    own = {o.person_id for o in day.overrides if not o.off}
    moved = announcing.changes(previous, day.published, told, own) if announce else ()
    if moved:
        events.record(session, ScheduleChanged(now, production.id, day.date, view.tz, moved))
        result.announced = True
    delay = production.settings.get("nudge_after_minutes", DEFAULT_NUDGE_MINUTES)
    schedule(
        session,
        "callsheet.nudge",
        f"nudge:{day.id}:{day.revision}:1",
        now + timedelta(minutes=delay),
        {"day_id": day.id, "revision": day.revision, "step": 1},
    )
    events.record(session, DayPublished(now, production.id, day.id, day.revision))
    result.published = True
    return result


def _unchanged(
    day: ShootDay,
    fingerprint: str,
    view: sheet.SheetView,
    views: dict[int, PersonDay],
    existing: dict[int, CallSheetRecipient],
) -> bool:
    """Whether the day tells no one anything new. A day last published by an earlier Slate
    matches one of its older fingerprints, and then each person's view decides."""
    if fingerprint == day.published_hash:
        return True
    if day.published_hash is None or "hospital_name" in (day.published or {}):
        return False  # never published, or hashed by this Slate: it did change
    if day.published_hash not in (_fingerprint(view, views, old) for old in ("meals", "first")):
        return False
    working = {pid: r for pid, r in existing.items() if r.working}
    return working.keys() == views.keys() and all(
        person_day.same(working[pid].told, v.to_json()) for pid, v in views.items()
    )


# What earlier Slates stored and hashed: `meals` (since meals and the shared place were
# compared) and `first` (before). A fingerprint of either kind reads today's day the old way.
_OLD_SHEET = (
    "general_call",
    "shooting_call",
    "estimated_wrap",
    "location",
    "address",
    "parking",
    "breakfast",
    "lunch",
    "basecamp",
)
_OLD_TOLD = ("call", "pickup", "hmu", "location", "scenes", "shooting_call", "breakfast")
_OLD_TOLD += ("lunch", "address", "parking", "basecamp")
_NOT_FIRST = ("breakfast", "lunch", "basecamp", "shooting_call", "address", "parking")


def _fingerprint(
    view: sheet.SheetView, views: dict[int, PersonDay], kind: str = "person_day"
) -> str:
    """What the day tells everyone, hashed (`kind`: as today's Slate, or an earlier one)."""
    sheet_told = person_day.day_wide(dataclasses.replace(view, revision=0))
    people = {pid: person_day.compared(v.to_json()) for pid, v in views.items()}
    if kind != "person_day":
        sheet_keys = [k for k in _OLD_SHEET if kind == "meals" or k not in _NOT_FIRST]
        told_keys = [k for k in _OLD_TOLD if kind == "meals" or k not in _NOT_FIRST]
        sheet_told = {k: sheet_told[k] for k in sheet_keys}
        people = {pid: {k: told[k] for k in told_keys} for pid, told in people.items()}
    content = {
        "sheet": sheet_told,
        "people": people,
        "scenes": [s.__dict__ for s in view.scenes],
        "notes": view.notes,
        "weather": view.weather,
        "departments": [(n, t.isoformat()) for n, t in view.department_calls],
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()


def _summary(previous: dict[str, Any], published: dict[str, Any]) -> tuple[Change, ...]:
    """What changed for everyone since the last revision, for the channel thread."""
    if not previous:
        return ()
    before = previous | {"call": previous.get("general_call")}
    after = published | {"call": published.get("general_call")}
    return tuple(
        dataclasses.replace(c, label="General crew call") if c.label == "Your call" else c
        for c in person_day.changes(before, after)
    )


def _tell_people(
    session: Session,
    day: ShootDay,
    views: dict[int, PersonDay],
    existing: dict[int, CallSheetRecipient],
    now: datetime,
) -> tuple[tuple[PersonTold, ...], list[str | None]]:
    """Store the new revision for each person whose view is new or changed (their
    confirmation starts over); mark those dropped from the day."""
    existing = dict(existing)
    told_now = []
    people = {
        p.id: p
        for p in session.scalars(select(Person).where(Person.id.in_(views)))  # one query
    }
    for person_id, seen in views.items():
        person = people[person_id]
        record = existing.pop(person_id, None)
        working_before = record is not None and record.working
        seen = dataclasses.replace(seen, revision=day.revision)
        changed = person_day.changes(record.told, seen.to_json()) if working_before else None
        if record is not None and working_before and not changed:
            # Nothing new for them: no DM, their confirmation stands; keep the view whole.
            _store(record, dataclasses.replace(seen, revision=record.revision), person)
            continue
        superseded = record.revision if record is not None else None
        if record is None:
            record = CallSheetRecipient(shoot_day_id=day.id, person_id=person_id)
            session.add(record)
        _store(record, seen, person)
        record.revision, record.sent_at, record.working = day.revision, now, True
        record.nudges = 0
        told_now.append(
            PersonTold(
                person_id,
                person.slack_user_id,
                seen,
                tuple(changed) if changed is not None else None,
                superseded,
            )
        )
    dropped = []
    for record in existing.values():
        if record.working:
            record.working, record.revision = False, day.revision
            dropped.append(record.person.slack_user_id)
    session.flush()
    return tuple(told_now), dropped


def count_calls(session: Session, day_id: int) -> None:
    """The day's calls counted by department and time, as just published (two statements)."""
    r = CallSheetRecipient
    session.execute(delete(CallCount).where(CallCount.shoot_day_id == day_id))
    counted = (
        select(r.shoot_day_id, r.department_id, r.call_at, func.count())
        .where(r.shoot_day_id == day_id, r.working.is_(True), r.call_at.is_not(None))
        .group_by(r.shoot_day_id, r.department_id, r.call_at)
    )
    columns = ["shoot_day_id", "department_id", "call_at", "people"]
    session.execute(insert(CallCount).from_select(columns, counted))


def _store(record: CallSheetRecipient, seen: PersonDay, person: Person) -> None:
    told = seen.to_json()
    if record.told != told:
        record.told = told
    record.production_id, record.slack_user_id = person.production_id, person.slack_user_id
    record.date, record.call_at = seen.date, seen.call_at
    record.department_id, record.name = person.department_id, person.name


def recipients(session: Session, day: ShootDay) -> list[CallSheetRecipient]:
    """The people working the day as published, each with their crew-list entry."""
    return list(
        session.scalars(
            select(CallSheetRecipient)
            .options(joinedload(CallSheetRecipient.person))  # every caller reads r.person
            .where(CallSheetRecipient.shoot_day_id == day.id, CallSheetRecipient.working.is_(True))
        )
    )
