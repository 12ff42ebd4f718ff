"""A published sheet reaches people: the channel post and PDF, one DM each, the tally."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot import outbox
from bot.blocks.callsheets import callsheet as blocks
from bot.blocks.callsheets import notices
from bot.blocks.callsheets import pdf as callsheet_pdf
from bot.blocks.common import day_title
from bot.services.callsheets import confirmations, publishing, sheet, sheet_codec
from bot.services.callsheets.events import (
    CopyRequested,
    PersonTold,
    RecipientConfirmed,
    SheetPublished,
)
from bot.services.callsheets.person_day import PersonDay
from bot.services.callsheets.telling import PeopleTold, SheetFiled
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
    """The sheet in the crew channel, each changed call by DM, and (once all are told) the
    PDF and the tally."""
    _post_sheet(session, event)
    _dms(session, event.day_id, event.sheet.revision, event.told, event.at)
    for user in event.dropped:
        text = notices.dropped_text(event.sheet.date)
        outbox.post_message(session, user, text=text, now=event.at)
    if event.complete:
        filed(session, SheetFiled(event.at, event.production_id, event.day_id, event.sheet))


def more_told(session: Session, event: PeopleTold) -> None:
    """A further chunk of a revision's DMs."""
    _dms(session, event.day_id, event.revision, event.told, event.at)


def filed(session: Session, event: SheetFiled) -> None:
    """The revision's PDF in the sheet's thread, and the tally."""
    view, now = event.sheet, event.at
    pdf = callsheet_pdf.render(view)  # before any query: see _dms
    day = session.get(ShootDay, event.day_id)
    production = session.get(Production, event.production_id)
    if day is None or production is None or production.crew_channel_id is None:
        return
    outbox.upload_file(
        session,
        production.crew_channel_id,
        filename=f"callsheet-{view.date:%Y-%m-%d}-rev{view.revision}.pdf",
        content=pdf,
        title=f"Call sheet {day_title(view.date)} (revision {view.revision})",
        thread_ref=sheet_ref(event.day_id),
        now=now,
        dedupe_key=f"callsheet-pdf:{event.day_id}:{view.revision}",
    )
    tally(session, production, day, view, now)


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


def _dms(
    session: Session, day_id: int, revision: int, told: tuple[PersonTold, ...], now: datetime
) -> None:
    # Composed before the first query: on SQLite that query takes the write lock, which the
    # outbox worker needs meanwhile to claim and record what it sends.
    composed = [(t, *_compose(day_id, revision, t)) for t in told if t.slack_user_id]
    # One query for the chunk: a re-run (after a crash) skips those already queued.
    done = outbox.look_up(session, [dm_ref(day_id, t.person_id, revision) for t, *_ in composed])
    for person, text, dm_blocks in composed:
        ref = dm_ref(day_id, person.person_id, revision)
        if ref in done:
            continue
        if person.superseded is not None:
            old = dm_ref(day_id, person.person_id, person.superseded)
            if outbox.has_ref(session, old):  # its Confirm button goes; it points to the new
                text_old = notices.superseded_text(revision)
                superseded = notices.superseded_blocks(text_old)
                outbox.update_message(session, old, text=text_old, blocks=superseded, now=now)
        assert person.slack_user_id is not None
        outbox.post_message(
            session,
            person.slack_user_id,
            ref=ref,
            dedupe_key=ref,
            now=now,
            text=text,
            blocks=dm_blocks,
        )


def _compose(day_id: int, revision: int, told: PersonTold) -> tuple[str, list[dict[str, Any]]]:
    confirm = blocks.ConfirmMeta(day_id, revision, told.person_id)
    return (
        blocks.personal_text(told.call, told.changes),
        blocks.personal_blocks(
            told.call,
            changes=told.changes,
            confirm=confirm,
            copy=blocks.CopyMeta(day_id, told.person_id),
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
    # The sheet as published (edits since are not theirs to read until they are published).
    view = (
        sheet_codec.sheet_from_plain(day.published_sheet)
        if day.published_sheet
        else sheet.build(session, production, day)  # published before sheets were kept
    )
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
    # The sheet as published (edits since are not theirs to read until they are published).
    view = (
        sheet_codec.sheet_from_plain(day.published_sheet)
        if day.published_sheet
        else sheet.build(session, production, day)  # published before sheets were kept
    )
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
