"""Confirming a call, nudging the silent, and the nightly publication."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import events, permissions
from bot.errors import InvalidInput, NotAuthorized
from bot.scheduler import schedule
from bot.services.callsheets import publishing
from bot.services.callsheets.dates import day_title
from bot.services.callsheets.events import (
    AutopublishFailed,
    AutopublishWarned,
    NudgeDue,
    RecipientConfirmed,
    SilentPerson,
)
from bot.services.core.productions import fetch
from bot.services.onboarding import reminders as onboarding
from bot.store.models import Production
from bot.store.models_callsheet import CallSheetRecipient, ShootDay


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
    session: Session,
    team_id: str,
    day_id: int,
    revision: int,
    slack_user_id: str,
    now: datetime,
    person_id: int | None = None,
) -> CallSheetRecipient:
    """A person confirms their call (the DM was for `person_id`); the DM and tally follow."""
    production, day = _day(session, team_id, day_id)
    person = permissions.require(session, production, slack_user_id, "callsheet.confirm")
    if person_id is not None and person.id != person_id:
        raise NotAuthorized("This Confirm button is for someone else's call.")
    record = record_for(session, day, person.id)
    if record is None or not record.working:
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
    events.record(
        session, RecipientConfirmed(now, production.id, day.id, person.id, record.revision)
    )
    return record


def nudge_job(session: Session, payload: dict[str, Any], now: datetime) -> None:
    """Nudge whoever has not confirmed; after the second nudge, hand the list to coordinators."""
    production, day = _day(session, None, payload["day_id"])
    if payload["revision"] != day.revision:
        return  # a newer revision has its own nudges
    # A call already past is not chased: they are on set (or the coordinators know why not).
    silent = [
        r
        for r in publishing.recipients(session, day)
        if not r.confirmed and (r.call_at is None or r.call_at > now)
    ]
    for record in silent:
        if record.person.slack_user_id:
            record.nudges += 1
    if not silent:
        return
    events.record(
        session,
        NudgeDue(
            now,
            production.id,
            day.id,
            day.date,
            production.timezone,
            day.revision,
            payload["step"],
            tuple(
                SilentPerson(
                    r.person_id,
                    r.person.name,
                    r.person.phone,
                    r.person.slack_user_id,
                    datetime.fromisoformat(r.told["call"]),
                )
                for r in sorted(silent, key=lambda r: r.person.name)
            ),
        ),
    )
    if payload["step"] == 1:
        delay = production.settings.get("nudge_after_minutes", publishing.DEFAULT_NUDGE_MINUTES)
        schedule(
            session,
            "callsheet.nudge",
            f"nudge:{day.id}:{day.revision}:2",
            now + timedelta(minutes=delay),
            dict(payload, step=2),
        )


def autopublish_job(session: Session, payload: dict[str, Any], now: datetime) -> None:
    """The nightly post: publish the day if it changed since it last went out."""
    production, day = _day(session, None, payload["day_id"])
    try:
        result = publishing.publish(session, production, day, actor=None, now=now, force=True)
    except InvalidInput as problem:
        events.record(session, AutopublishFailed(now, production.id, day.date, problem.message))
        return
    if day.revision:  # the sheet is out: anyone on it not onboarded is named to coordinators
        onboarding.warn_not_onboarded(session, production, day, now)
    if result.published and result.warnings:
        events.record(
            session,
            AutopublishWarned(now, production.id, day.date, day.revision, tuple(result.warnings)),
        )
