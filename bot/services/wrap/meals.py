"""The meal clock: first meal within six hours of call (a breakfast within two hours of call
restarts it), warnings before it is due, and the delay and penalty estimate when it is late."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import events, permissions
from bot.errors import InvalidInput
from bot.scheduler import schedule
from bot.services.wrap.days import day_in_progress, working
from bot.services.wrap.events import MealDue, MealLate, MealStartedLate
from bot.services.wrap.views import MealInfo
from bot.store.models import Production
from bot.store.models_callsheet import ShootDay
from bot.store.models_wrap import Meal
from bot.timeparse import TimeParseError, parse_on_day

MEAL_HOURS = timedelta(hours=6)
WARN_BEFORE = timedelta(minutes=30)
BREAKFAST = timedelta(minutes=15)
DEFAULT_PENALTIES = ("25", "35", "50")  # each half-hour late, per person; the last repeats
USAGE = "Type `/meal start`, `/meal end`, `/meal 12:30-13:00`, with a department to record one."


def _meals(session: Session, day: ShootDay) -> list[Meal]:
    return list(
        session.scalars(select(Meal).where(Meal.shoot_day_id == day.id).order_by(Meal.started_at))
    )


def _call(day: ShootDay, department: str | None) -> datetime:
    assert day.general_call is not None
    minutes = (day.department_offsets or {}).get(department, 0) if department else 0
    return day.general_call + timedelta(minutes=minutes)


def due(day: ShootDay, department: str | None, meals: list[Meal]) -> datetime:
    """When the group's next meal is due."""
    ended = [m.ended_at for m in meals if m.ended_at and m.department in (None, department)]
    if ended:
        return max(ended) + MEAL_HOURS
    call = _call(day, department)
    if day.breakfast_at and timedelta(0) <= day.breakfast_at - call <= timedelta(hours=2):
        return day.breakfast_at + BREAKFAST + MEAL_HOURS
    return call + MEAL_HOURS


def penalty(production: Production, half_hours: int, people: int) -> Decimal:
    """The estimate: each late half-hour's rate, per person (configurable per production)."""
    steps = [Decimal(str(x)) for x in production.settings.get("meal_penalties", DEFAULT_PENALTIES)]
    per_person = sum((steps[min(i, len(steps) - 1)] for i in range(half_hours)), Decimal(0))
    return per_person * people


def plan_warnings(session: Session, production: Production, day: ShootDay, now: datetime) -> None:
    """Warn 30 minutes before the crew's meal is due, and again if it passes."""
    if day.general_call is None:
        return
    when = due(day, None, _meals(session, day))
    payload = {"day_id": day.id, "due": when.isoformat()}
    if when - WARN_BEFORE > now:
        schedule(
            session,
            "meal.warn",
            f"meal:{day.id}:{when.isoformat()}:warn",
            when - WARN_BEFORE,
            payload,
        )
    if when > now:  # a sheet published after the meal was due does not cry wolf
        schedule(session, "meal.late", f"meal:{day.id}:{when.isoformat()}:late", when, payload)


def record(
    session: Session, production: Production, actor: str, text: str, now: datetime
) -> MealInfo:
    """/meal start|end|12:30-13:00 [department] (coordinators and the AD)."""
    permissions.require(session, production, actor, "meal.record")
    day = day_in_progress(session, production, now, "to time a meal on")
    verb, _, rest = text.strip().partition(" ")
    department = _department(day, rest)
    meals = _meals(session, day)
    if verb.lower() == "end":
        open_meal = next(
            (m for m in reversed(meals) if m.ended_at is None and m.department == department), None
        )
        if open_meal is None:
            raise InvalidInput(f"No meal is running for {department or 'the crew'}. {USAGE}")
        open_meal.ended_at = now
        plan_warnings(session, production, day, now)
        return info(open_meal)
    if verb.lower() == "start":
        started, ended = now, None
    else:
        started, ended = _span(verb, day, production.timezone)
    return info(_start(session, production, day, department, started, ended, actor, meals, now))


def _department(day: ShootDay, text: str) -> str | None:
    if not text.strip():
        return None
    for name in day.department_offsets or {}:
        if name.lower() == text.strip().lower():
            return name
    raise InvalidInput(f"No department “{text.strip()}”. {USAGE}")


def _span(text: str, day: ShootDay, tz: str) -> tuple[datetime, datetime]:
    start_text, _, end_text = text.partition("-")
    try:
        started = parse_on_day(start_text, day.date, tz, after=day.general_call)
        ended = parse_on_day(end_text, day.date, tz, after=started) if end_text else None
    except TimeParseError as error:
        raise InvalidInput(f"{error} {USAGE}") from error
    if ended is None:
        raise InvalidInput(f"Give the meal's start and end, like 12:30-13:00. {USAGE}")
    if ended <= started or ended - started > timedelta(hours=2):
        raise InvalidInput(
            "A meal can't end before it starts (or last over two hours). Type it like 12:30-13:00."
        )
    return started, ended


def _start(
    session: Session,
    production: Production,
    day: ShootDay,
    department: str | None,
    started: datetime,
    ended: datetime | None,
    actor: str,
    meals: list[Meal],
    now: datetime,
) -> Meal:
    due_at = due(day, department, meals)
    late = max(0, math.ceil((started - due_at).total_seconds() / 1800))
    people = sum(
        1
        for r in working(session, day)
        if department is None or (r.person.department and r.person.department.name == department)
    )
    meal = Meal(
        shoot_day_id=day.id,
        department=department,
        started_at=started,
        ended_at=ended,
        due_at=due_at,
        late_minutes=max(0, int((started - due_at).total_seconds() // 60)),
        people=people,
        penalty=penalty(production, late, people),
        by=actor,
    )
    session.add(meal)
    session.flush()
    if late:
        events.record(
            session,
            MealStartedLate(
                at=now,
                production_id=production.id,
                department=department,
                due_at=due_at,
                started_at=started,
                late_minutes=meal.late_minutes,
                people=people,
                penalty=meal.penalty,
            ),
        )
    if ended is not None:
        plan_warnings(session, production, day, now)
    return meal


def _job_day(session: Session, payload: dict) -> tuple[Production, ShootDay] | None:
    day = session.get(ShootDay, payload["day_id"])
    production = session.get(Production, day.production_id) if day else None
    if day is None or production is None or day.wrap_at is not None:
        return None
    if due(day, None, _meals(session, day)).isoformat() != payload["due"]:
        return None  # a meal was recorded since: this warning is stale
    if any(m.department is None and m.ended_at is None for m in _meals(session, day)):
        return None  # the meal is on
    return production, day


def warn_job(session: Session, payload: dict, now: datetime) -> None:
    """Thirty minutes before the meal is due."""
    found = _job_day(session, payload)
    if found:
        due_at = datetime.fromisoformat(payload["due"])
        events.record(session, MealDue(at=now, production_id=found[0].id, due_at=due_at))


def late_job(session: Session, payload: dict, now: datetime) -> None:
    """The meal time has passed without a meal: the penalty clock runs."""
    found = _job_day(session, payload)
    if found:
        due_at = datetime.fromisoformat(payload["due"])
        events.record(session, MealLate(at=now, production_id=found[0].id, due_at=due_at))


def info(meal: Meal) -> MealInfo:
    """A meal as view data."""
    return MealInfo(
        meal.department, meal.started_at, meal.ended_at, meal.late_minutes, meal.penalty
    )


def meals_of(session: Session, day: ShootDay) -> list[MealInfo]:
    """The day's meals (for the daily production report)."""
    return [info(meal) for meal in _meals(session, day)]
