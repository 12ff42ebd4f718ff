"""A published sheet reaches people: the channel post and PDF, one DM each, the tally."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot import outbox
from bot.blocks.callsheets import callsheet as blocks
from bot.blocks.callsheets import notices
from bot.blocks.callsheets import pdf as callsheet_pdf
from bot.blocks.common import day_title
from bot.services.callsheets import confirmations, publishing, sheet
from bot.services.callsheets.events import (
    CopyRequested,
    PersonTold,
    RecipientConfirmed,
    SheetPublished,
)
from bot.services.callsheets.person_day import PersonDay
from bot.store.models import Person, Production
from bot.store.models_callsheet import ShootDay


def sheet_ref(day_id: int) -> str:
    """The outbox ref of the day's channel post."""
    return f"callsheet:{day_id}"


def tally_ref(day_id: int) -> str:
    """The outbox ref of the day's tally in the coordinators' channel."""
    return f"tally:{day_id}"


def dm_ref(day_id: int, person_id: int, revision: int) -> str:
    """The outbox ref of a person's DM for one revision."""
    return f"calldm:{day_id}:{person_id}:{revision}"


def post(session: Session, event: SheetPublished) -> None:
    """The sheet in the crew channel, each changed call by DM, and the tally."""
    _post_sheet(session, event)
    for told in event.told:
        if told.slack_user_id:
            _dm(session, event, told)
    for user in event.dropped:
        text = notices.dropped_text(event.sheet.date)
        outbox.post_message(session, user, text=text, now=event.at)
    day = session.get(ShootDay, event.day_id)
    production = session.get(Production, event.production_id)
    if day is not None and production is not None:
        tally(session, production, day, event.sheet, event.at)


def _post_sheet(session: Session, event: SheetPublished) -> None:
    view, channel, now = event.sheet, event.crew_channel, event.at
    chunks = blocks.sheet_messages(view)  # the summary, then the thread replies
    text = blocks.sheet_text(view)
    ref = sheet_ref(event.day_id)
    if view.revision == 1:
        outbox.post_message(session, channel, text=text, blocks=chunks[0], ref=ref, now=now)
    else:
        outbox.update_message(session, ref, text=text, blocks=chunks[0], now=now)
        summary = notices.revision_text(view.revision, event.summary, view.tz, view.date)
        outbox.post_message(session, channel, thread_ref=ref, now=now, text=summary)
    for extra in chunks[1:]:
        outbox.post_message(session, channel, text=text, blocks=extra, thread_ref=ref, now=now)
    outbox.upload_file(
        session,
        channel,
        filename=f"callsheet-{view.date:%Y-%m-%d}-rev{view.revision}.pdf",
        content=callsheet_pdf.render(view),
        title=f"Call sheet {day_title(view.date)} (revision {view.revision})",
        thread_ref=ref,
        now=now,
        dedupe_key=f"callsheet-pdf:{event.day_id}:{view.revision}",
    )


def _dm(session: Session, event: SheetPublished, told: PersonTold) -> None:
    view, now = event.sheet, event.at
    assert told.slack_user_id is not None
    if told.superseded is not None:
        old = dm_ref(event.day_id, told.person_id, told.superseded)
        if outbox.has_ref(session, old):  # its Confirm button goes; it points to the new one
            text = notices.superseded_text(view.revision)
            superseded = notices.superseded_blocks(text)
            outbox.update_message(session, old, text=text, blocks=superseded, now=now)
    ref = dm_ref(event.day_id, told.person_id, view.revision)
    confirm = blocks.ConfirmMeta(event.day_id, view.revision, told.person_id)
    outbox.post_message(
        session,
        told.slack_user_id,
        ref=ref,
        dedupe_key=ref,
        now=now,
        text=blocks.personal_text(told.call, told.changes),
        blocks=blocks.personal_blocks(
            told.call,
            changes=told.changes,
            confirm=confirm,
            copy=blocks.CopyMeta(event.day_id, told.person_id),
        ),
    )


def confirmed(session: Session, event: RecipientConfirmed) -> None:
    """The person's DM loses its button and says when; the tally moves."""
    day = session.get(ShootDay, event.day_id)
    production = session.get(Production, event.production_id)
    person = session.get(Person, event.person_id)
    record = confirmations.record_for(session, day, event.person_id) if day else None
    if day is None or production is None or person is None or record is None:
        return
    view = sheet.build(session, production, day)
    seen = PersonDay.from_json(record.told)  # what they confirmed, as they were told it
    outbox.update_message(
        session,
        dm_ref(day.id, person.id, event.revision),
        now=event.at,
        text=f"Confirmed: your call {day_title(day.date)}",
        blocks=blocks.personal_blocks(
            seen,
            changes=None,
            confirm=None,
            confirmed_at=event.at,
            copy=blocks.CopyMeta(day.id, person.id),
        ),
    )
    tally(session, production, day, view, event.at)


def copy(session: Session, event: CopyRequested) -> None:
    """The person's PDF, their page first, uploaded to their DM (once per revision)."""
    day = session.get(ShootDay, event.day_id)
    production = session.get(Production, event.production_id)
    record = confirmations.record_for(session, day, event.person_id) if day else None
    if day is None or production is None or record is None:
        return
    view = sheet.build(session, production, day)
    seen = PersonDay.from_json(record.told)
    outbox.upload_file(
        session,
        event.slack_user_id,
        filename=f"callsheet-{view.date:%Y-%m-%d}-rev{view.revision}-{event.person_id}.pdf",
        content=callsheet_pdf.render(view, seen),
        title=f"Your call sheet {day_title(view.date)} (revision {view.revision})",
        now=event.at,
        dedupe_key=f"callsheet-copy:{day.id}:{event.person_id}:{view.revision}",
    )


def tally(
    session: Session, production: Production, day: ShootDay, view: sheet.SheetView, now: datetime
) -> None:
    """Post or edit the coordinators' tally in place."""
    people = sorted(publishing.recipients(session, day), key=lambda r: r.person.name)
    pending = [
        (r.person.name, r.person.phone, bool(r.person.slack_user_id))
        for r in people
        if not r.confirmed
    ]
    text, tally_blocks = blocks.tally_blocks(view, len(people) - len(pending), pending)
    ref = tally_ref(day.id)
    if outbox.has_ref(session, ref):
        outbox.update_message(session, ref, text=text, blocks=tally_blocks, now=now)
    else:
        assert production.coordinators_channel_id is not None
        outbox.post_message(
            session,
            production.coordinators_channel_id,
            text=text,
            blocks=tally_blocks,
            ref=ref,
            now=now,
        )
