"""Bookings of crew and cast: the deal, the crew list, release; never two bookings on one day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import events, permissions
from bot.errors import FieldErrors, InvalidInput, NotAuthorized
from bot.services.booking import avails, clash, holds
from bot.services.booking.events import BookingReleased, PersonBooked
from bot.services.core.productions import fetch
from bot.services.core.text import within
from bot.services.money import amounts
from bot.services.onboarding.checklists import start_onboarding
from bot.store.models import Department, Person, Production
from bot.store.models_booking import Booking, Hold
from bot.timeparse import TimeParseError, parse_when

CAST_STATUSES = ("W", "SW", "WF", "SWF", "H")
UNITS = ("day", "week")
CAST_FIELDS = (
    "character",
    "cast_status",
    "fitting",
    "rehearsal",
    "agent_name",
    "agent_email",
    "agent_phone",
)


@dataclass
class BookingForm:
    """What the booking form holds; cast fields are empty for crew."""

    slack_user_id: str | None
    name: str
    position: str
    department: str | None
    first_day: date | None
    last_day: date | None
    rate: str
    rate_unit: str = "day"
    kit_rental: str | None = None
    overtime: str | None = None
    email: str | None = None
    hold_id: int | None = None
    character: str | None = None
    cast_status: str | None = None
    fitting: str | None = None
    rehearsal: str | None = None
    agent_name: str | None = None
    agent_email: str | None = None
    agent_phone: str | None = None

    @property
    def is_cast(self) -> bool:
        """Cast when a character is named."""
        return bool(self.character)


def _money(text: str | None, field: str, required: bool) -> Decimal | None:
    if not (text or "").strip():
        if required:
            raise InvalidInput("Type the rate, like 650 or $3,250.00.", field=field)
        return None
    try:
        return amounts.read(text or "")
    except ValueError as error:
        raise InvalidInput(str(error), field=field) from error


def _when(text: str | None, field: str, production: Production, now: datetime) -> datetime | None:
    if not (text or "").strip():
        return None
    try:
        return parse_when(text or "", production.timezone, now)
    except TimeParseError as error:
        raise InvalidInput(str(error), field=field) from error


def _read(session: Session, production: Production, form: BookingForm, now: datetime) -> dict:
    found = FieldErrors()
    if not form.slack_user_id:
        found.add("person", "Pick the person to book.")
    position = found.take(within, " ".join(form.position.split()), 80, "position")
    if not position:
        found.add("position", "Say the position, like Key Grip or Lead.")
    days = found.take(avails.read_days, form.first_day, form.last_day)
    if form.rate_unit not in UNITS:
        found.add("rate_unit", "Pick per day or per week.")
    if form.cast_status and form.cast_status not in CAST_STATUSES:
        found.add("cast_status", f"Pick one of {', '.join(CAST_STATUSES)}.")
    values = {
        "position": position,
        "department": found.take(within, form.department, 80, "department"),
        "days": days,
        "rate": found.take(_money, form.rate, "rate", True),
        "kit_rental": found.take(_money, form.kit_rental, "kit_rental", False),
        "overtime": found.take(within, form.overtime, 200, "overtime"),
        "character": found.take(within, form.character, 120, "character"),
        "fitting_at": found.take(_when, form.fitting, "fitting", production, now),
        "rehearsal_at": found.take(_when, form.rehearsal, "rehearsal", production, now),
        "agent_name": found.take(within, form.agent_name, 120, "agent_name"),
        "agent_email": found.take(within, form.agent_email, 254, "agent_email"),
        "agent_phone": found.take(within, form.agent_phone, 40, "agent_phone"),
    }
    found.check()
    return values


def book(
    session: Session, production: Production, actor: str, form: BookingForm, now: datetime
) -> Booking:
    """Confirm a person: refused if they are booked elsewhere on any of the days."""
    permissions.require(session, production, actor, "booking.manage")
    values = _read(session, production, form, now)
    first, last = values.pop("days")
    assert form.slack_user_id is not None
    clash.serialise(session, production.team_id, form.slack_user_id)
    clash.refuse_booked(session, production.team_id, form.slack_user_id, first, last, form.name)
    hold = _own_hold(session, production, form)
    person = _on_crew_list(session, production, form, values["position"], values["department"])
    booking = Booking(
        production_id=production.id,
        team_id=production.team_id,
        person_id=person.id,
        slack_user_id=form.slack_user_id,
        hold_id=hold.id if hold else None,
        first_day=first,
        last_day=last,
        rate_unit=form.rate_unit,
        cast_status=form.cast_status or None,
        status="confirmed",
        booked_by=actor,
        created_at=now,
        **values,
    )
    session.add(booking)
    session.flush()
    for other in holds.overlapping(session, production.team_id, form.slack_user_id, first, last):
        # Confirming releases the other holds on those days: they are told why.
        holds.end(
            session, other, "booked" if other.production_id == production.id else "taken", now
        )
    event = PersonBooked(
        at=now,
        production_id=production.id,
        person_id=person.id,
        first_day=first,
        booking_id=booking.id,
    )
    events.record(session, event)
    # Start paperwork begins with the booking: the person's checklist DM goes with it.
    kind = "cast" if form.is_cast else None
    start_onboarding(session, production, person, first, kind=kind, now=now, actor=actor)
    return booking


def _own_hold(session: Session, production: Production, form: BookingForm) -> Hold | None:
    if form.hold_id is None:
        return None
    hold = session.get(Hold, form.hold_id)
    if hold is None or hold.production_id != production.id:
        raise InvalidInput("That hold no longer exists. Book from /book instead.")
    return hold


def _on_crew_list(
    session: Session,
    production: Production,
    form: BookingForm,
    position: str,
    department: str | None,
) -> Person:
    """The person's crew-list entry, added or brought up to date with position and department."""
    person = permissions.member(session, production, form.slack_user_id or "")
    if person is None:
        person = Person(
            production_id=production.id,
            slack_user_id=form.slack_user_id,
            name=form.name[:120],
            email=_free_email(session, production, form.email),
            role="cast" if form.is_cast else "crew",
        )
        session.add(person)
    person.position = position
    if department:
        person.department = _department(session, production, department)
    session.flush()
    return person


def _free_email(session: Session, production: Production, email: str | None) -> str | None:
    if not email:
        return None
    taken = session.scalar(
        select(Person.id).where(Person.production_id == production.id, Person.email == email)
    )
    return None if taken else email[:254]


def _department(session: Session, production: Production, name: str) -> Department:
    found = session.scalar(
        select(Department).where(
            Department.production_id == production.id,
            func.lower(Department.name) == name.lower(),
        )
    )
    if found is None:
        found = Department(production_id=production.id, name=name)
        session.add(found)
        session.flush()
    return found


def find(session: Session, team_id: str, booking_id: int) -> tuple[Production, Booking]:
    """A booking and its production, from a button."""
    return fetch(session, team_id, Booking, booking_id, "booking")


def release(session: Session, team_id: str, booking_id: int, actor: str, now: datetime) -> Booking:
    """Let a booked person go (coordinators); they are told."""
    production, booking = find(session, team_id, booking_id)
    permissions.require(session, production, actor, "booking.manage")
    if booking.status != "confirmed":
        raise InvalidInput("That booking is already released.")
    booking.status, booking.released_at = "released", now
    events.record(session, BookingReleased(at=now, booking_id=booking.id))
    return booking


def may_see_rate(session: Session, production: Production, actor: str, booking: Booking) -> bool:
    """Rates: the person themselves, and the production's coordinators; nobody else."""
    if actor == booking.slack_user_id:
        return True
    return permissions.allowed(permissions.member(session, production, actor), "booking.rates")


def rate_of(session: Session, team_id: str, booking_id: int, actor: str) -> Booking:
    """A booking whose deal the actor may see; NotAuthorized for anyone else."""
    production, booking = find(session, team_id, booking_id)
    if not may_see_rate(session, production, actor, booking):
        raise NotAuthorized("Only coordinators and the person themselves can see a rate.")
    return booking


def listed(
    session: Session, production: Production, actor: str, whose: str | None
) -> list[Booking]:
    """Coordinators see everyone's bookings (or one person's); others only their own."""
    me = permissions.require(session, production, actor, "booking.read")
    rates = permissions.allowed(me, "booking.rates")
    if whose and whose != actor and not rates:
        raise NotAuthorized("Only coordinators and the person themselves can see a rate.")
    query = select(Booking).where(
        Booking.production_id == production.id, Booking.status == "confirmed"
    )
    if whose or not rates:
        query = query.where(Booking.slack_user_id == (whose or actor))
    return list(session.scalars(query.order_by(Booking.first_day, Booking.id)))


def mine(session: Session, team_id: str, slack_user_id: str) -> list[Booking]:
    """A person's confirmed bookings across the workspace (their own: with rates)."""
    return list(
        session.scalars(
            select(Booking)
            .where(
                Booking.team_id == team_id,
                Booking.slack_user_id == slack_user_id,
                Booking.status == "confirmed",
            )
            .order_by(Booking.first_day)
        )
    )


def name_of(session: Session, booking: Booking) -> str:
    """The booked person's name on the crew list."""
    person = session.get(Person, booking.person_id)
    return person.name if person is not None else booking.slack_user_id
