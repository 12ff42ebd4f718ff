"""Publishing a call sheet: the channel post, one DM per person per revision, the tally."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import events, outbox
from bot.blocks.callsheets import callsheet as blocks
from bot.blocks.callsheets import pdf as callsheet_pdf
from bot.blocks.common import day_title, section
from bot.errors import InvalidInput
from bot.scheduler import schedule
from bot.services.callsheets import calls as calls_service
from bot.services.callsheets import sheet
from bot.services.callsheets.events import DayPublished
from bot.services.core.productions import require_coordinator
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


def sheet_ref(day: ShootDay) -> str:
    """The outbox ref of the day's channel post."""
    return f"callsheet:{day.id}"


def tally_ref(day: ShootDay) -> str:
    """The outbox ref of the day's tally in the coordinators' channel."""
    return f"tally:{day.id}"


def dm_ref(day: ShootDay, person_id: int, revision: int) -> str:
    """The outbox ref of a person's DM for one revision."""
    return f"calldm:{day.id}:{person_id}:{revision}"


def check_ready(production: Production, day: ShootDay) -> None:
    """Refuse to publish what the crew cannot use."""
    if not production.crew_channel_id or not production.coordinators_channel_id:
        raise InvalidInput("Set the crew and coordinators' channels first: /slate setup.")
    if day.general_call is None:
        raise InvalidInput(f"{day_title(day.date)} has no general crew call yet: /callsheet.")
    if day.location is None or not (day.location.address or "").strip():
        raise InvalidInput(f"{day_title(day.date)} needs a location with an address: /callsheet.")


def warnings(session: Session, production: Production, day: ShootDay) -> list[str]:
    """Every turnaround and meal rule the day breaks."""
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
    """Publish the day's next revision, telling only the people it changes things for."""
    if actor is not None:
        require_coordinator(session, production, actor)
    check_ready(production, day)
    people = calls_service.personal_calls(session, production, day)
    view = sheet.build(session, production, day)
    fingerprint = _fingerprint(view, people)
    if fingerprint == day.published_hash:
        return PublishResult(day, unchanged=True)
    result = PublishResult(day, warnings=warnings(session, production, day))
    if result.warnings and not force:
        return result
    previous = day.published or {}
    day.revision += 1
    day.published_hash, day.published_at = fingerprint, now
    view = sheet.build(session, production, day)
    day.published = _day_told(view)
    _post_sheet(session, production, day, view, previous, now)
    result.dms, result.removed = _tell_people(session, production, day, view, people, now)
    update_tally(session, production, day, now)
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


def _fingerprint(view: sheet.SheetView, people: list[calls_service.PersonalCall]) -> str:
    content = {
        "sheet": _day_told(view),
        "people": {c.person.id: c.told() for c in people},
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
    }


def _post_sheet(
    session: Session,
    production: Production,
    day: ShootDay,
    view: sheet.SheetView,
    previous: dict,
    now: datetime,
) -> None:
    channel = production.crew_channel_id
    assert channel is not None
    chunks = blocks.thread_chunks(blocks.sheet_blocks(view))
    text = blocks.sheet_text(view)
    ref = sheet_ref(day)
    if day.revision == 1:
        outbox.post_message(session, channel, text=text, blocks=chunks[0], ref=ref, now=now)
    else:
        outbox.update_message(session, ref, text=text, blocks=chunks[0], now=now)
        summary = calls_service.changes(
            {"call": previous.get("general_call"), "location": previous.get("location")},
            {
                "call": view.general_call.isoformat() if view.general_call else None,
                "location": view.location.name if view.location else None,
            },
            production.timezone,
        )
        lines = [line.replace("your call", "general crew call") for line in summary]
        outbox.post_message(
            session,
            channel,
            thread_ref=ref,
            now=now,
            text=(
                f"Revision {day.revision}: "
                + (
                    "; ".join(map(blocks.escape, lines))
                    or "details updated (scenes, calls or notes)"
                )
            ),
        )
    for extra in chunks[1:]:
        outbox.post_message(session, channel, text=text, blocks=extra, thread_ref=ref, now=now)
    outbox.upload_file(
        session,
        channel,
        filename=f"callsheet-{day.date:%Y-%m-%d}-rev{day.revision}.pdf",
        content=callsheet_pdf.render(view),
        title=f"Call sheet {day_title(day.date)} (revision {day.revision})",
        thread_ref=ref,
        now=now,
        dedupe_key=f"callsheet-pdf:{day.id}:{day.revision}",
    )


def _tell_people(
    session: Session,
    production: Production,
    day: ShootDay,
    view: sheet.SheetView,
    people: list[calls_service.PersonalCall],
    now: datetime,
) -> tuple[int, int]:
    """DM each person whose call is new or changed; tell those dropped from the day."""
    existing = {
        r.person_id: r
        for r in session.scalars(
            select(CallSheetRecipient).where(CallSheetRecipient.shoot_day_id == day.id)
        )
    }
    sent = 0
    for call in people:
        told = call.told()
        record = existing.pop(call.person.id, None)
        if record is not None and record.working and record.told == told:
            continue  # nothing changed for them: no DM, their confirmation stands
        changed = (
            calls_service.changes(record.told, told, production.timezone)
            if (record is not None and record.working)
            else None
        )
        if record is None:
            record = CallSheetRecipient(shoot_day_id=day.id, person_id=call.person.id)
            session.add(record)
        elif call.person.slack_user_id:
            _supersede(session, day, record, now)
        record.revision, record.told, record.sent_at, record.working = (
            day.revision,
            told,
            now,
            True,
        )
        record.nudges = 0
        if call.person.slack_user_id:
            ref = dm_ref(day, call.person.id, day.revision)
            outbox.post_message(
                session,
                call.person.slack_user_id,
                ref=ref,
                dedupe_key=ref,
                now=now,
                text=blocks.personal_text(view, call, changed),
                blocks=blocks.personal_blocks(
                    view,
                    call,
                    changes=changed,
                    confirm_value=blocks.button_value(day.id, day.revision),
                ),
            )
            sent += 1
    removed = 0
    for record in existing.values():
        if record.working:
            record.working, record.revision = False, day.revision
            if record.person.slack_user_id:
                outbox.post_message(
                    session,
                    record.person.slack_user_id,
                    now=now,
                    text=(
                        f"REVISED: you're no longer called for {day_title(day.date)}. "
                        "Type /calltime to check your next call."
                    ),
                )
            removed += 1
    session.flush()
    return sent, removed


def _supersede(session: Session, day: ShootDay, record: CallSheetRecipient, now: datetime) -> None:
    """Take the Confirm button off a person's previous DM, pointing to the new one."""
    old = dm_ref(day, record.person_id, record.revision)
    if outbox.has_ref(session, old):
        text = f"Superseded by revision {day.revision} — see the newer message below."
        outbox.update_message(
            session, old, text=text, blocks=[section(f":arrow_down: {text}")], now=now
        )


def recipients(session: Session, day: ShootDay) -> list[CallSheetRecipient]:
    """The people working the day as published."""
    return list(
        session.scalars(
            select(CallSheetRecipient).where(
                CallSheetRecipient.shoot_day_id == day.id, CallSheetRecipient.working.is_(True)
            )
        )
    )


def update_tally(session: Session, production: Production, day: ShootDay, now: datetime) -> None:
    """Post or edit the coordinators' tally in place."""
    people = sorted(recipients(session, day), key=lambda r: r.person.name)
    pending = [
        (r.person.name, r.person.phone, bool(r.person.slack_user_id))
        for r in people
        if not r.confirmed
    ]
    view = sheet.build(session, production, day)
    text, tally = blocks.tally_blocks(view, len(people) - len(pending), pending)
    ref = tally_ref(day)
    if outbox.has_ref(session, ref):
        outbox.update_message(session, ref, text=text, blocks=tally, now=now)
    else:
        assert production.coordinators_channel_id is not None
        outbox.post_message(
            session, production.coordinators_channel_id, text=text, blocks=tally, ref=ref, now=now
        )
