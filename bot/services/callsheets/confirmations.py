"""Confirming a call, nudging the silent, and the nightly publication."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import outbox
from bot.blocks.callsheets import callsheet as blocks
from bot.blocks.common import day_title
from bot.blocks.escape import escape
from bot.errors import InvalidInput
from bot.scheduler import schedule
from bot.services.callsheets import publishing, sheet
from bot.services.callsheets.calls import PersonalCall
from bot.services.core.productions import fetch, member
from bot.store.models import Production
from bot.store.models_callsheet import CallSheetRecipient, ShootDay

log = logging.getLogger(__name__)


def _day(session: Session, team_id: str | None, day_id: int) -> tuple[Production, ShootDay]:
    return fetch(session, team_id, ShootDay, day_id, "call sheet")


def record_for(session: Session, day: ShootDay, person_id: int) -> CallSheetRecipient | None:
    """What a person was told about a day."""
    return session.scalar(
        select(CallSheetRecipient).where(
            CallSheetRecipient.shoot_day_id == day.id, CallSheetRecipient.person_id == person_id
        )
    )


def confirm(
    session: Session, team_id: str, day_id: int, revision: int, slack_user_id: str, now: datetime
) -> CallSheetRecipient:
    """A person confirms their call; the DM and the tally change in place."""
    production, day = _day(session, team_id, day_id)
    person = member(session, production, slack_user_id)
    record = record_for(session, day, person.id) if person else None
    if person is None or record is None or not record.working:
        raise InvalidInput(
            f"You're not on the call sheet for {day_title(day.date)} any more. "
            "Type /calltime for your next call."
        )
    if revision < record.revision:
        raise InvalidInput(
            f"The call sheet for {day_title(day.date)} was revised — "
            "confirm the newest message I sent you."
        )
    if record.confirmed:
        return record
    record.confirmed_revision, record.confirmed_at = record.revision, now
    view = sheet.build(session, production, day)
    call = PersonalCall.from_told(person, record.told)
    outbox.update_message(
        session,
        publishing.dm_ref(day, person.id, record.revision),
        now=now,
        text=f"Confirmed: your call {day_title(day.date)}",
        blocks=blocks.personal_blocks(
            view, call, changes=None, confirm_value=None, confirmed_at=now
        ),
    )
    publishing.update_tally(session, production, day, now)
    return record


def nudge_job(session: Session, payload: dict[str, Any], now: datetime) -> None:
    """Nudge whoever has not confirmed; after the second nudge, hand the list to coordinators."""
    production, day = _day(session, None, payload["day_id"])
    if payload["revision"] != day.revision:
        return  # a newer revision has its own nudges
    silent = [r for r in publishing.recipients(session, day) if not r.confirmed]
    view = sheet.build(session, production, day)
    for record in silent:
        if record.person.slack_user_id:
            record.nudges += 1
            call = PersonalCall.from_told(record.person, record.told)
            outbox.post_message(
                session,
                record.person.slack_user_id,
                now=now,
                text=blocks.nudge_text(view, call),
                dedupe_key=f"nudge:{day.id}:{day.revision}:{payload['step']}:{record.person_id}",
            )
    if payload["step"] == 1 and silent:
        delay = production.settings.get("nudge_after_minutes", publishing.DEFAULT_NUDGE_MINUTES)
        schedule(
            session,
            "callsheet.nudge",
            f"nudge:{day.id}:{day.revision}:2",
            now + timedelta(minutes=delay),
            dict(payload, step=2),
        )
    elif payload["step"] == 2 and silent:
        lines = "\n".join(
            f"• {escape(r.person.name)} — {escape(r.person.phone or 'no phone')}"
            for r in sorted(silent, key=lambda r: r.person.name)
        )
        assert production.coordinators_channel_id is not None
        outbox.post_message(
            session,
            production.coordinators_channel_id,
            now=now,
            text=f"Still not confirmed for {day_title(day.date)} after two nudges — "
            f"please call:\n{lines}",
        )


def autopublish_job(session: Session, payload: dict[str, Any], now: datetime) -> None:
    """The nightly post: publish the day if it changed since it last went out."""
    production, day = _day(session, None, payload["day_id"])
    try:
        result = publishing.publish(session, production, day, actor=None, now=now, force=True)
    except InvalidInput as problem:
        if production.coordinators_channel_id:
            outbox.post_message(
                session,
                production.coordinators_channel_id,
                now=now,
                text=f":warning: The call sheet for {day_title(day.date)} could "
                f"not go out automatically: {problem.message}",
            )
        return
    if result.published and result.warnings and production.coordinators_channel_id:
        outbox.post_message(
            session,
            production.coordinators_channel_id,
            now=now,
            text=f"Published {day_title(day.date)} automatically, with warnings",
            blocks=blocks.warning_blocks(
                f"Published {day_title(day.date)} (revision {day.revision}) with warnings",
                result.warnings,
                None,
            ),
        )
