"""Reminders (a day after starting, two days before the first call), the I-9 deadline and
the nightly warning: scheduled jobs, each planned under one key so it runs once."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import events
from bot.scheduler import schedule as schedule_job
from bot.services.onboarding import status
from bot.services.onboarding.events import I9Overdue, NotOnboarded, OnboardingReminder
from bot.store.models import Person, Production
from bot.store.models_callsheet import CallSheetRecipient, ShootDay
from bot.store.models_onboarding import Onboarding, OnboardingItem

DEFAULT_CALL = time(7, 0)  # the first call, when no sheet says it yet
I9_BUSINESS_DAYS = 3
I9_FLAG_AT = time(17, 0)  # the end of the I-9's last business day, production time


def first_call(session: Session, production: Production, day: date) -> datetime:
    """The first day's general call, or 7:00 local when the day has no call yet."""
    shoot = session.scalar(
        select(ShootDay).where(ShootDay.production_id == production.id, ShootDay.date == day)
    )
    if shoot is not None and shoot.general_call is not None:
        return shoot.general_call
    return datetime.combine(day, DEFAULT_CALL, ZoneInfo(production.timezone))


def business_days_after(day: date, count: int) -> date:
    """The date `count` working days (Monday to Friday) after `day`."""
    while count:
        day += timedelta(days=1)
        count -= day.weekday() < 5
    return day


def schedule(
    session: Session, production: Production, onboarding: Onboarding, now: datetime
) -> None:
    """Plan the reminders and the I-9 check (again: a pending job moves, a done one stays)."""
    key = f"onboarding:{onboarding.id}"
    payload = {"onboarding_id": onboarding.id}
    start = onboarding.started_at + timedelta(days=1)
    schedule_job(session, "onboarding.remind", f"{key}:start", start, {**payload, "which": "start"})
    if onboarding.first_day is None:
        return
    before = first_call(session, production, onboarding.first_day) - timedelta(days=2)
    if before > now:
        schedule_job(
            session, "onboarding.remind", f"{key}:before", before, {**payload, "which": "before"}
        )
    if "i9" not in {row.item for row in status.items_of(session, onboarding)}:
        return
    deadline = business_days_after(onboarding.first_day, I9_BUSINESS_DAYS)
    flag = datetime.combine(deadline, I9_FLAG_AT, ZoneInfo(production.timezone))
    schedule_job(session, "onboarding.i9", f"{key}:i9", flag, payload)


def remind_job(session: Session, payload: dict, now: datetime) -> None:
    """Remind the person of what is still open (nothing, once they are green)."""
    onboarding = session.get(Onboarding, payload["onboarding_id"])
    if onboarding is not None and not status.is_green(session, onboarding):
        events.record(
            session,
            OnboardingReminder(at=now, onboarding_id=onboarding.id, which=payload["which"]),
        )


def i9_job(session: Session, payload: dict, now: datetime) -> None:
    """Flag to coordinators an I-9 still not verified at its deadline."""
    onboarding = session.get(Onboarding, payload["onboarding_id"])
    if onboarding is None:
        return
    i9 = session.scalar(
        select(OnboardingItem).where(
            OnboardingItem.onboarding_id == onboarding.id, OnboardingItem.item == "i9"
        )
    )
    if i9 is not None and i9.status != "verified":
        events.record(session, I9Overdue(at=now, onboarding_id=onboarding.id))


def warn_not_onboarded(
    session: Session, production: Production, day: ShootDay, now: datetime
) -> None:
    """The nightly publish: name the people on the day's sheet who are not onboarded
    (on a production that uses start paperwork at all)."""
    started = {
        row.person_id: row
        for row in session.scalars(
            select(Onboarding).where(Onboarding.production_id == production.id)
        )
    }
    if not started:
        return
    working = session.scalars(
        select(Person)
        .join(CallSheetRecipient, CallSheetRecipient.person_id == Person.id)
        .where(CallSheetRecipient.shoot_day_id == day.id, CallSheetRecipient.working.is_(True))
        .order_by(Person.name)
    )
    names = tuple(
        p.name
        for p in working
        if p.id not in started or not status.is_green(session, started[p.id])
    )
    if names:
        events.record(session, NotOnboarded(now, production.id, day.date, names))
