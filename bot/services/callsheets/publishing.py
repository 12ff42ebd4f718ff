"""Publishing a call sheet: a new revision, who is told what, and the nudges it starts."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from bot import events
from bot.errors import InvalidInput
from bot.scheduler import schedule
from bot.services.callsheets import calls as calls_service
from bot.services.callsheets import sheet
from bot.services.callsheets.dates import day_title
from bot.services.callsheets.events import DayPublished, PersonTold, SheetPublished
from bot.store.models import Production
from bot.store.models_callsheet import CallSheetRecipient, ShootDay

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
    fingerprint = _fingerprint(view, people, legacy="lunch" not in (day.published or {"lunch": 0}))
    if fingerprint == day.published_hash:
        return PublishResult(day, unchanged=True)
    result = PublishResult(day, warnings=warnings(session, production, day, people))
    if result.warnings and not force:
        return result
    previous = day.published or {}
    day.revision += 1
    # Stored as today's hash even when a legacy day was compared the old way.
    day.published_hash, day.published_at = _fingerprint(view, people), now
    view = dataclasses.replace(view, revision=day.revision)
    day.published = _day_told(view)
    told, dropped = _tell_people(session, day, people, production.timezone, now)
    result.dms, result.removed = sum(1 for t in told if t.slack_user_id), len(dropped)
    assert production.crew_channel_id is not None
    events.record(
        session,
        SheetPublished(
            now,
            production.id,
            day.id,
            view,
            production.crew_channel_id,
            _summary(previous, view, production.timezone),
            told,
            tuple(d for d in dropped if d),
        ),
    )
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


def _fingerprint(
    view: sheet.SheetView, people: list[calls_service.PersonalCall], *, legacy: bool = False
) -> str:
    """What the day tells everyone, hashed. `legacy`: a day last published before meals and
    the shared place were compared, hashed as it was then (so an upgrade republishes nothing)."""
    new = (*NEW_DAY_KEYS, *(key for key, _, _ in calls_service.SHARED))
    sheet_told = {k: v for k, v in _day_told(view).items() if not (legacy and k in new)}
    people_told = {
        c.person.id: {k: v for k, v in c.told().items() if not (legacy and k in new)}
        for c in people
    }
    content = {
        "sheet": sheet_told,
        "people": people_told,
        "scenes": [s.__dict__ for s in view.scenes],
        "notes": view.notes,
        "weather": view.weather,
        "departments": [(n, t.isoformat()) for n, t in view.department_calls],
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()


def _day_told(view: sheet.SheetView) -> dict[str, str | None]:
    def iso(moment: datetime | None) -> str | None:
        return moment.isoformat() if moment else None

    place = view.location
    return {
        "general_call": iso(view.general_call),
        "shooting_call": iso(view.shooting_call),
        "estimated_wrap": iso(view.estimated_wrap),
        "location": place.name if place else None,
        "address": place.address if place else None,
        "parking": place.parking if place else None,
        "breakfast": iso(view.breakfast),
        "lunch": iso(view.lunch),
        "basecamp": place.basecamp if place else None,
    }


NEW_DAY_KEYS = ("breakfast", "lunch", "basecamp")


def _summary(previous: dict, view: sheet.SheetView, tz: str) -> tuple[str, ...]:
    """What changed for everyone since the last revision, in the channel thread's words."""
    if view.revision == 1:
        return ()
    now_told = _day_told(view)
    shared = [key for key, _, _ in calls_service.SHARED if key in previous]
    lines = calls_service.changes(
        {"call": previous.get("general_call"), "location": previous.get("location")}
        | {key: previous[key] for key in shared},
        {"call": now_told["general_call"], "location": now_told["location"]}
        | {key: now_told[key] for key in shared},
        tz,
    )
    return tuple(line.replace("your call", "general crew call") for line in lines)


def _tell_people(
    session: Session,
    day: ShootDay,
    people: list[calls_service.PersonalCall],
    tz: str,
    now: datetime,
) -> tuple[tuple[PersonTold, ...], list[str | None]]:
    """Record the new revision for each person whose call is new or changed (their
    confirmation starts over); mark those dropped from the day."""
    existing = {
        r.person_id: r
        for r in session.scalars(
            select(CallSheetRecipient).where(CallSheetRecipient.shoot_day_id == day.id)
        )
    }
    told_now = []
    for call in people:
        told = call.told()
        record = existing.pop(call.person.id, None)
        if record is not None and record.working and calls_service.same(record.told, told):
            continue  # nothing changed for them: no DM, their confirmation stands
        working_before = record is not None and record.working
        changed = calls_service.changes(record.told, told, tz) if working_before else None
        superseded = record.revision if record is not None else None
        if record is None:
            record = CallSheetRecipient(shoot_day_id=day.id, person_id=call.person.id)
            session.add(record)
        record.revision, record.told, record.sent_at, record.working = day.revision, told, now, True
        record.nudges = 0
        told_now.append(
            PersonTold(
                call.person.id,
                call.person.slack_user_id,
                call.view(),
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


def recipients(session: Session, day: ShootDay) -> list[CallSheetRecipient]:
    """The people working the day as published, each with their crew-list entry."""
    return list(
        session.scalars(
            select(CallSheetRecipient)
            .options(joinedload(CallSheetRecipient.person))  # every caller reads r.person
            .where(CallSheetRecipient.shoot_day_id == day.id, CallSheetRecipient.working.is_(True))
        )
    )
