"""Shoot days: composing them from the editor or an import, and finding the one meant."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import permissions
from bot.errors import FieldErrors, InvalidInput, NotFound
from bot.services.callsheets import locations, sheet_settings
from bot.services.callsheets.crew_names import find_person as find_person
from bot.services.callsheets.day_forms import DayForm

# Re-exported: wrap and /slate setup move the nightly post through shoot_days.
from bot.services.callsheets.nightly import reschedule_autopublish as reschedule_autopublish
from bot.services.callsheets.nightly import schedule_autopublish
from bot.services.wrap import documents
from bot.store.models import Department, Production
from bot.store.models_callsheet import CallOverride, Scene, ShootDay
from bot.timeparse import TimeParseError, parse_on_day


# -- saving -----------------------------------------------------------------------------------
def save_day(
    session: Session, production: Production, form: DayForm, *, actor: str | None, now: datetime
) -> ShootDay:
    """Create or edit the day on form.date; nothing is saved if any field is wrong."""
    if actor is not None:
        permissions.require(session, production, actor, "callsheet.edit")
    day = day_on(session, production, form.date)
    if day is None:
        day = ShootDay(
            production_id=production.id,
            date=form.date,
            revision=0,
            department_offsets=default_offsets(session, production),
        )
        session.add(day)
    found = FieldErrors(form.errors)
    with session.no_autoflush:  # a half-filled day must not reach the database
        _fill(session, production, form, day, found)
    found.check()  # every wrong field at once; the handler rolls back what was set
    session.flush()
    schedule_autopublish(session, production, day)
    documents.check_day(session, production, day, now)
    return day


def _fill(
    session: Session, production: Production, form: DayForm, day: ShootDay, found: FieldErrors
) -> None:
    """Set the day from the form, noting every wrong field in `found` instead of stopping."""
    tz = production.timezone
    call = found.take(_time, form.general_call, form.date, tz, None, "general_call", True)
    # A wrong general call still lets the other times be read (and refused) on their own.
    before_call = call - timedelta(hours=6) if call else None
    after = {
        "shooting_call": call - timedelta(minutes=1) if call else None,
        "estimated_wrap": call,
        "breakfast": before_call,
        "lunch": call,
        "second_meal": call,
        "background_call": before_call,
    }
    times = {
        name: found.take(_time, getattr(form, name), form.date, tz, earliest, name)
        for name, earliest in after.items()
    }
    day.general_call = call  # type: ignore[assignment]  # checked below: refused if None
    day.shooting_call, day.estimated_wrap = times["shooting_call"], times["estimated_wrap"]
    day.breakfast_at, day.lunch_at = times["breakfast"], times["lunch"]
    day.second_meal_at, day.background_call = times["second_meal"], times["background_call"]
    day.weather, day.notes = form.weather or None, form.notes or None
    day.safety_notes = form.safety_notes or None
    if form.sheet is not None:
        sheet_settings.apply(session, production, form.sheet, found)
    _place(session, production, form, day, found)
    day.scenes = [
        Scene(
            position=i,
            number=s.number,
            set_name=s.set_name,
            day_night=s.day_night,
            pages_eighths=s.pages_eighths,
            cast=s.cast,
            location=s.location,
            background=s.background,
            requirements=s.requirements,
        )
        for i, s in enumerate(form.scenes)
    ]
    if form.departments:
        day.department_offsets = found.take(_offsets, session, production, form.departments)
    overrides = found.take(_overrides, session, production, form, day, before_call or call)
    if "calls" not in found.errors and overrides is not None:
        day.overrides = overrides
        found.take(check_calls_before_wrap, day, tz)


def _place(
    session: Session, production: Production, form: DayForm, day: ShootDay, found: FieldErrors
) -> None:
    """Put the day at the form's location, noting its field errors (and a missing address)."""
    address = None
    if form.location is not None:
        placed = found.take(
            locations.place, session, production, form.location, day, form.location_scope
        )
        if placed is not None:
            day.location = placed
        address = placed.address if placed is not None else form.location.address
        name = form.location.name
    elif day.location is not None:
        address, name = day.location.address, day.location.name
    if (form.location is not None or day.location is not None) and not (address or "").strip():
        found.add(
            "location_address",
            f"Add the address of {' '.join(name.split())}, so the crew can find it.",
        )


def _time(
    text: str | None,
    day: date,
    tz: str,
    after: datetime | None,
    field_name: str,
    required: bool = False,
) -> datetime | None:
    if not text or not text.strip():
        if required:
            raise InvalidInput("Type the general crew call, like 6:30a.", field=field_name)
        return None
    try:
        return parse_on_day(text, day, tz, after=after)
    except TimeParseError as error:
        raise InvalidInput(str(error), field=field_name) from error


def default_offsets(session: Session, production: Production) -> dict[str, int]:
    """Each department's usual offset from general call."""
    departments = session.scalars(
        select(Department).where(Department.production_id == production.id)
    )
    return {d.name: d.call_offset_minutes for d in departments}


def _offsets(session: Session, production: Production, typed: dict[str, int]) -> dict[str, int]:
    known = {name.lower(): name for name in default_offsets(session, production)}
    offsets = default_offsets(session, production)
    for name, minutes in typed.items():
        if name.lower() not in known:
            raise InvalidInput(
                f"No department “{name}”. Departments: "
                f"{', '.join(sorted(known.values())) or 'none yet'}.",
                field="departments",
            )
        offsets[known[name.lower()]] = minutes
    return offsets


def _overrides(
    session: Session, production: Production, form: DayForm, day: ShootDay, earliest: datetime
) -> list[CallOverride]:
    tz, overrides = production.timezone, []
    existing = {o.person_id: o for o in day.overrides}
    for spec in form.calls:
        person = find_person(session, production, spec.person)
        # Reuse the row: deleting and re-adding would trip the one-override-per-person rule.
        override = existing.pop(person.id, None) or CallOverride(person_id=person.id)
        override.off = spec.off
        override.call_at = override.pickup_at = override.hmu_at = None
        override.wardrobe_at = override.on_set_at = None
        override.remarks = spec.remarks
        if not spec.off:
            override.wardrobe_at = _time(spec.wardrobe, form.date, tz, earliest, "calls")
            override.on_set_at = _time(spec.onset, form.date, tz, earliest, "calls")
            override.call_at = _time(spec.call, form.date, tz, earliest, "calls")
            override.pickup_at = _time(spec.pickup, form.date, tz, earliest, "calls")
            override.hmu_at = _time(spec.hmu, form.date, tz, earliest, "calls")
        overrides.append(override)
    return overrides


def check_calls_before_wrap(day: ShootDay, tz: str) -> None:
    """Refuse an individual call at or after the estimated wrap."""
    if day.estimated_wrap is None:
        return
    zone = ZoneInfo(tz)
    late = [o for o in day.overrides if o.call_at and o.call_at >= day.estimated_wrap]
    if late:
        wrap = day.estimated_wrap.astimezone(zone).strftime("%-I:%M %p")
        raise InvalidInput(
            f"A call can't be after the estimated wrap ({wrap}). Check the "
            "individual calls, or move the wrap.",
            field="calls",
        )


# How long after general call each time may fall (a later one is a typo, not an overnight shoot).
_WITHIN = (
    ("shooting call", "shooting_call", "shooting_call", timedelta(hours=12)),
    ("lunch", "lunch_at", "lunch", timedelta(hours=18)),
    ("estimated wrap", "estimated_wrap", "estimated_wrap", timedelta(hours=24)),
)


def check_times_follow_call(day: ShootDay, tz: str) -> None:
    """Refuse a day whose shooting call, lunch or wrap is before its general call, or too long
    after it (a moved call leaves the other times where they were)."""
    call = day.general_call
    if call is None:
        return
    zone = ZoneInfo(tz)
    for label, column, field, most in _WITHIN:
        moment = getattr(day, column)
        if moment is not None and not call <= moment <= call + most:
            shown = moment.astimezone(zone).strftime("%a %-I:%M %p")
            raise InvalidInput(
                f"The {label} ({shown}) must come after the general crew call "
                f"({call.astimezone(zone):%a %-I:%M %p}) and within {most.seconds // 3600 or 24} h"
                f": change it too, like `{label.removeprefix('estimated ')} 7p`.",
                field=field,
            )


# -- finding days -----------------------------------------------------------------------------
def day_on(session: Session, production: Production, on: date) -> ShootDay | None:
    """The shoot day on a date, if any."""
    return session.scalar(
        select(ShootDay).where(ShootDay.production_id == production.id, ShootDay.date == on)
    )


def today(production: Production, now: datetime) -> date:
    """The production's local date."""
    return now.astimezone(ZoneInfo(production.timezone)).date()


def next_shoot_day(session: Session, production: Production, now: datetime) -> ShootDay | None:
    """Today's day until it wraps, then the next one."""
    current = day_on(session, production, today(production, now))
    if current is not None:
        wrap = current.wrap_at or current.estimated_wrap
        if wrap is None or wrap > now:
            return current
    return session.scalar(
        select(ShootDay)
        .where(
            ShootDay.production_id == production.id,
            ShootDay.date > today(production, now),
        )
        .order_by(ShootDay.date)
        .limit(1)
    )


def day_number(session: Session, day: ShootDay) -> tuple[int, int]:
    """("Day N of M"): the day's place among the production's shoot days."""
    same = ShootDay.production_id == day.production_id
    before = session.scalar(select(func.count()).where(same, ShootDay.date <= day.date)) or 0
    total = session.scalar(select(func.count()).where(same)) or 0
    return before, total


def advance_days(session: Session, day: ShootDay, count: int = 2) -> list[ShootDay]:
    """The next shoot days after `day` (the advance schedule)."""
    return list(
        session.scalars(
            select(ShootDay)
            .where(
                ShootDay.production_id == day.production_id,
                ShootDay.date > day.date,
            )
            .order_by(ShootDay.date)
            .limit(count)
        )
    )


def require_day(session: Session, production: Production, on: date) -> ShootDay:
    """The shoot day on a date, or a NotFound saying which days exist."""
    day = day_on(session, production, on)
    if day is None:
        raise NotFound(
            f"There's no shoot day on {on:%a %b %-d}. "
            "Type /callsheet to add one, or name a day like `fri` or `6/14`."
        )
    return day
