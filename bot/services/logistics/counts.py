"""Catering counts: who eats on a day, at which meals, and what they can't eat.

Background (extras) come from the sheet's scenes, as its background total.

The count reads the day as PUBLISHED (the people on the sheet's current revision and the meal
times it announced), so the caterer orders for what the crew were told, not a draft.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.errors import InvalidInput
from bot.services.callsheets.dates import day_title
from bot.services.callsheets.publishing import recipients
from bot.store.models import Production
from bot.store.models_callsheet import ShootDay
from bot.store.models_logistics import CateringVisitor
from bot.store.models_onboarding import PersonProfile

SECOND_MEAL_AFTER = timedelta(hours=6)  # a day running 6 h past lunch needs a second meal
COUNTED_DIETS = ("vegetarian", "vegan", "pescatarian")


@dataclass(frozen=True)
class MealLine:
    """One meal of the day: when (None: all day) and for how many."""

    meal: str
    at: datetime | None
    count: int


@dataclass(frozen=True)
class CateringCount:
    """A day's order: headcount by kind, the meals, dietary counts, allergies by name."""

    production: str
    tz: str
    date: date
    revision: int  # of the call sheet it was read from
    crew: int
    cast: int
    visitors: int
    meals: tuple[MealLine, ...]
    diets: tuple[tuple[str, int], ...]  # (vegetarian|vegan|pescatarian|gluten-free, count)
    allergies: tuple[tuple[str, str], ...]  # (name, what they're allergic to)
    background: int = 0  # extras, from the published sheet's scenes

    @property
    def total(self) -> int:
        """Everyone eating."""
        return self.crew + self.cast + self.visitors + self.background

    def to_json(self) -> dict[str, Any]:
        """The stored form, for comparing a later count with what the caterer was sent."""
        return {
            "production": self.production,
            "tz": self.tz,
            "date": self.date.isoformat(),
            "revision": self.revision,
            "crew": self.crew,
            "cast": self.cast,
            "visitors": self.visitors,
            "meals": [[m.meal, m.at.isoformat() if m.at else None, m.count] for m in self.meals],
            "diets": [list(d) for d in self.diets],
            "allergies": [list(a) for a in self.allergies],
            "background": self.background,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CateringCount:
        """The count as stored."""
        return cls(
            data["production"],
            data["tz"],
            date.fromisoformat(data["date"]),
            data["revision"],
            data["crew"],
            data["cast"],
            data["visitors"],
            tuple(
                MealLine(m, datetime.fromisoformat(at) if at else None, n)
                for m, at, n in data["meals"]
            ),
            tuple((k, n) for k, n in data["diets"]),
            tuple((name, what) for name, what in data["allergies"]),
            data.get("background", 0),  # orders sent before the sheet counted background
        )


def _moment(published: dict[str, Any], key: str) -> datetime | None:
    value = published.get(key)
    return datetime.fromisoformat(value) if value else None


def meals(published: dict[str, Any], eating: int) -> tuple[MealLine, ...]:
    """The day's meals from the published sheet: breakfast (walking, at call when the sheet
    names no time), lunch, a second meal 6 h after lunch when wrap is later, craft services."""
    call, lunch = _moment(published, "general_call"), _moment(published, "lunch")
    wrap = _moment(published, "estimated_wrap")
    lines = [MealLine("Breakfast", _moment(published, "breakfast") or call, eating)]
    if lunch is not None:
        lines.append(MealLine("Lunch", lunch, eating))
        if wrap is not None and wrap > lunch + SECOND_MEAL_AFTER:
            lines.append(MealLine("Second meal", lunch + SECOND_MEAL_AFTER, eating))
    lines.append(MealLine("Craft services", None, eating))
    return tuple(lines)


def count(session: Session, production: Production, day: ShootDay) -> CateringCount:
    """The day's catering count, from its published sheet plus visitors."""
    if not day.revision or not day.published:
        raise InvalidInput(
            f"{day_title(day.date)}'s call sheet isn't published yet: the count is read from "
            "the people on it. Type `/callsheet publish` first."
        )
    people = [r.person for r in recipients(session, day)]
    needs = {
        n.person_id: n
        for n in session.scalars(
            select(PersonProfile).where(PersonProfile.person_id.in_([p.id for p in people]))
        )
    }
    visitors = list(
        session.scalars(select(CateringVisitor).where(CateringVisitor.shoot_day_id == day.id))
    )
    diets = {kind: 0 for kind in (*COUNTED_DIETS, "gluten-free")}
    for need in needs.values():
        if need.diet in diets:
            diets[need.diet] += 1
        diets["gluten-free"] += int(need.gluten_free)
    for group in visitors:
        if group.diet in diets:
            diets[group.diet] += group.count
    allergies = sorted(
        (p.name, needs[p.id].allergies or "")
        for p in people
        if p.id in needs and (needs[p.id].allergies or "").strip()
    )
    cast = sum(1 for p in people if p.role == "cast")
    guests = sum(v.count for v in visitors)
    extras = int(day.published.get("background") or 0)
    return CateringCount(
        production.name,
        production.timezone,
        day.date,
        day.revision,
        len(people) - cast,
        cast,
        guests,
        meals(day.published, len(people) + guests + extras),
        tuple((k, n) for k, n in diets.items() if n),
        tuple(allergies),
        extras,
    )


def needs_revision(sent: CateringCount, now: CateringCount, threshold: int) -> bool:
    """Whether the caterer must hear again: the headcount moved by more than `threshold`,
    a meal moved (or appeared, or went), or the allergy list changed."""
    times = lambda c: [(m.meal, m.at) for m in c.meals]  # noqa: E731
    return (
        abs(now.total - sent.total) > threshold
        or times(now) != times(sent)
        or now.allergies != sent.allergies
    )
