"""The sheet's people: the cast table (statuses from the whole schedule) and the crew list
by department, with phones only where the production's switch allows them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bot.services.booking import talent
from bot.services.callsheets.calls import PersonalCall, casts
from bot.store.models import Person, Production
from bot.store.models_callsheet import CallSheetSettings, CastMember, ShootDay


@dataclass(frozen=True)
class CastLine:
    """One row of the cast table."""

    number: str
    character: str
    actor: str
    status: str  # W, SW, WF, SWF or H
    pickup: datetime | None = None
    hmu: datetime | None = None
    wardrobe: datetime | None = None
    on_set: datetime | None = None
    remarks: str = ""
    person_id: int = 0


@dataclass(frozen=True)
class CrewLine:
    """One person of the crew list."""

    name: str
    position: str
    call: datetime
    individual: bool  # their own call, not their department's
    phone: str | None = None
    person_id: int = 0


@dataclass(frozen=True)
class CrewGroup:
    """A department and its people, in call order."""

    department: str
    people: tuple[CrewLine, ...]


def working_days(session: Session, production: Production) -> dict[int, set[date]]:
    """Each cast member's (person id) working days across the whole schedule."""
    days = session.scalars(
        select(ShootDay)
        .options(selectinload(ShootDay.scenes), selectinload(ShootDay.overrides))
        .where(ShootDay.production_id == production.id)
    ).all()
    cast = session.scalars(
        select(Person).where(Person.production_id == production.id, Person.role == "cast")
    ).all()
    numbers = numbers_of(session, production)
    worked: dict[int, set[date]] = defaultdict(set)
    for day in days:
        off = {o.person_id for o in day.overrides if o.off}
        called = {o.person_id for o in day.overrides if not o.off}
        for person in cast:
            if person.id in off:
                continue
            number = numbers.get(person.id)
            if person.id in called or any(casts(s.cast, person, number) for s in day.scenes):
                worked[person.id].add(day.date)
    return worked


def numbers_of(session: Session, production: Production) -> dict[int, str]:
    """Cast number by person id."""
    rows = session.execute(
        select(CastMember.person_id, CastMember.number).where(
            CastMember.production_id == production.id
        )
    )
    return {person_id: number for person_id, number in rows}


def status(worked: set[date], on: date) -> str | None:
    """W / SW / WF / SWF on a working day, H on a day between two, None otherwise."""
    if not worked or on < min(worked) or on > max(worked):
        return None
    if on not in worked:
        return "H"
    return ("S" if on == min(worked) else "") + "W" + ("F" if on == max(worked) else "")


def cast_table(
    session: Session, production: Production, day: ShootDay, calls: list[PersonalCall]
) -> tuple[CastLine, ...]:
    """The day's cast: who works (their times) and who is on hold, by cast number; cast
    bookings add character, status, fitting and rehearsal where the schedule says nothing."""
    members = {
        m.person_id: m
        for m in session.scalars(
            select(CastMember).where(CastMember.production_id == production.id)
        )
    }
    overrides = {o.person_id: o for o in day.overrides}
    today = {c.person.id: c for c in calls if c.person.role == "cast"}
    booked = talent.on_day(session, production, day.date)
    gone = talent.released_after(session, production)
    scheduled = working_days(session, production)
    lines = []
    for person_id in [*scheduled, *(p for p in booked if p not in scheduled)]:
        extra = booked.get(person_id)
        state = status(scheduled.get(person_id, set()), day.date) or (extra and extra.status)
        call = today.get(person_id)
        if person_id in gone and day.date > gone[person_id]:
            continue  # released: off the sheets after the release, not off days worked
        if not extra and (state is None or (state != "H" and call is None)):
            continue
        if extra and not (state == "H" or call or extra.status or extra.remarks):
            continue
        member = members.get(person_id)
        person = call.person if call else session.get(Person, person_id)
        assert person is not None
        override = overrides.get(person_id) if call or state == "H" else None
        lines.append(
            CastLine(
                number=member.number if member else "",
                character=(member.character if member else None)
                or (extra.character if extra else None)
                or "",
                actor=person.name,
                status=state or "",
                pickup=override.pickup_at if override and call else None,
                hmu=override.hmu_at if override and call else None,
                wardrobe=override.wardrobe_at if override and call else None,
                on_set=((override.on_set_at if override else None) or call.call_at)
                if call
                else None,
                remarks=_remarks(override.remarks if override else None, extra),
                person_id=person_id,
            )
        )
    return tuple(sorted(lines, key=lambda c: (c.number == "", len(c.number), c.number, c.actor)))


def _remarks(typed: str | None, extra: talent.Talent | None) -> str:
    """The coordinator's remarks, then the booking's fitting and rehearsal on the day."""
    return "; ".join(r for r in (typed, extra.remarks if extra else "") if r)


def crew_groups(
    day: ShootDay, calls: list[PersonalCall], settings: CallSheetSettings
) -> tuple[CrewGroup, ...]:
    """The crew by department (earliest call first), phones as the switch allows."""
    overrides = {o.person_id: o for o in day.overrides if o.call_at}
    heads = set(settings.heads or ())
    groups: dict[str, list[CrewLine]] = defaultdict(list)
    for call in calls:
        person = call.person
        if person.role == "cast":
            continue
        shown = settings.phones == "all" or (settings.phones == "heads" and person.id in heads)
        department = person.department.name if person.department else "Production"
        groups[department].append(
            CrewLine(
                person.name,
                person.position or "",
                call.call_at,
                person.id in overrides,
                person.phone if shown else None,
                person.id,
            )
        )
    return tuple(
        CrewGroup(name, tuple(sorted(people, key=lambda p: (p.call, p.name))))
        for name, people in sorted(groups.items(), key=lambda g: (min(p.call for p in g[1]), g[0]))
    )
