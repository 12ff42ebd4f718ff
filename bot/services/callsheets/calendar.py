"""Personal calendar feeds: each person's published calls as iCalendar, behind a secret URL."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.errors import NotFound, SlateError
from bot.services.callsheets.person_day import PersonDay
from bot.store.models import Person, Production
from bot.store.models_callsheet import CalendarFeed, CallSheetRecipient, ShootDay

ENDED_AFTER = timedelta(days=30)  # a feed outlives the last shoot day by this much, then stops

if TYPE_CHECKING:
    from icalendar import Event


class FeedEnded(SlateError):
    """The production's last shoot day is long past: the feed is gone for good (HTTP 410)."""


def subscribe(session: Session, person: Person, now: datetime) -> CalendarFeed:
    """The person's feed, made on first use (the same URL until revoked)."""
    feed = session.scalar(
        select(CalendarFeed).where(
            CalendarFeed.person_id == person.id, CalendarFeed.revoked_at.is_(None)
        )
    )
    if feed is None:
        feed = CalendarFeed(person_id=person.id, token=secrets.token_urlsafe(24), created_at=now)
        session.add(feed)
        session.flush()
    return feed


def revoke(session: Session, person: Person, now: datetime) -> int:
    """Turn off every feed URL the person has; returns how many."""
    feeds = session.scalars(
        select(CalendarFeed).where(
            CalendarFeed.person_id == person.id, CalendarFeed.revoked_at.is_(None)
        )
    ).all()
    for feed in feeds:
        feed.revoked_at = now
    return len(feeds)


def rotate(session: Session, person: Person, now: datetime) -> CalendarFeed:
    """A new URL for the person; every older one stops working."""
    revoke(session, person, now)
    session.flush()
    return subscribe(session, person, now)


def person_for_token(session: Session, token: str, now: datetime) -> Person:
    """Whose feed a URL token opens; NotFound when unknown or revoked, FeedEnded when over."""
    feed = session.scalar(
        select(CalendarFeed).where(CalendarFeed.token == token, CalendarFeed.revoked_at.is_(None))
    )
    person = session.get(Person, feed.person_id) if feed else None
    if person is None:
        raise NotFound("This calendar link was turned off.")
    last = session.scalar(
        select(func.max(ShootDay.date)).where(ShootDay.production_id == person.production_id)
    )
    if last is not None and last < (now - ENDED_AFTER).date():
        raise FeedEnded("This production has ended; its calendar is no longer kept.")
    return person


def ical(session: Session, person: Person) -> bytes:
    """The person's calls on every published day, as an .ics file."""
    from icalendar import Calendar  # only a calendar app's fetch needs it: not held at start

    production = session.get(Production, person.production_id)
    assert production is not None
    calendar = Calendar()
    calendar.add("prodid", "-//Slate//call times//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{production.name} calls")
    records = session.scalars(
        select(CallSheetRecipient)
        .where(
            CallSheetRecipient.person_id == person.id,
            CallSheetRecipient.working.is_(True),
            CallSheetRecipient.call_at.is_not(None),
        )
        .order_by(CallSheetRecipient.date)
    )
    for record in records:
        calendar.add_component(_event(production, record))
    return calendar.to_ical()


def _event(production: Production, record: CallSheetRecipient) -> Event:
    """One call as a calendar event: what the person was told, as their DM said it."""
    from icalendar import Event

    day = PersonDay.from_json(record.told)
    event = Event()
    event.add("uid", f"slate-{record.shoot_day_id}-{record.person_id}@slate")
    event.add("sequence", record.revision)
    event.add("summary", f"Call: {production.name}")
    event.add("dtstart", day.call_at)
    event.add("dtend", day.estimated_wrap or day.call_at + timedelta(hours=12))
    event.add("dtstamp", record.sent_at)
    if day.location:
        event.add("location", ", ".join(x for x in (day.location, day.address) if x))
    lines = [f"Revision {record.revision}."]
    for label, moment in (
        ("Pickup", day.pickup_at),
        ("Hair & make-up", day.hmu_at),
        ("Shooting call", day.shooting_call),
        ("Breakfast", day.breakfast),
        ("Lunch", day.lunch),
    ):
        if moment is not None:
            lines.append(f"{label}: {moment.astimezone(ZoneInfo(day.tz)):%-I:%M %p}")
    lines.append(f"Parking: {day.parking or 'see call sheet'}")
    for label, text in (
        ("Basecamp", day.basecamp),
        ("Hospital", day.hospital),
        ("Scenes", ", ".join(day.scenes)),
        ("Weather", day.weather),
        ("Notes", day.notes),
    ):
        if text:
            lines.append(f"{label}: {text}")
    event.add("description", "\n".join(lines))
    return event
