"""Reading travel: a person's itinerary, the hotel rooming list for a night, the CSV export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import permissions
from bot.services.callsheets import shoot_days
from bot.services.core import csvfile
from bot.services.logistics.catering import day_named
from bot.services.logistics.travel import COLUMNS
from bot.store.models import Person, Production
from bot.store.models_logistics import TravelItem
from bot.store.models_money import BudgetLine


@dataclass(frozen=True)
class Leg:
    """One item of an itinerary, with times still aware."""

    item_id: int
    kind: str
    starts_at: datetime | None
    ends_at: datetime | None
    start_on: date | None
    end_on: date | None
    origin: str | None
    destination: str | None
    details: str | None
    confirmation: str | None


@dataclass(frozen=True)
class Itinerary:
    """A traveller's legs in order."""

    production: str
    tz: str
    name: str
    legs: tuple[Leg, ...]


def leg(item: TravelItem) -> Leg:
    """The item as view data."""
    return Leg(
        item.id,
        item.kind,
        item.starts_at,
        item.ends_at,
        item.start_on,
        item.end_on,
        item.origin,
        item.destination,
        item.details,
        item.confirmation,
    )


def _sort_key(item: TravelItem) -> tuple[date, int]:
    on = item.start_on or (item.starts_at.date() if item.starts_at else date.max)
    return on, item.id


def of(session: Session, production: Production, person: Person) -> Itinerary:
    """A person's itinerary."""
    items = session.scalars(select(TravelItem).where(TravelItem.person_id == person.id))
    legs = tuple(leg(i) for i in sorted(items, key=_sort_key))
    return Itinerary(production.name, production.timezone, person.name, legs)


def mine(session: Session, production: Production, actor: str) -> Itinerary:
    """/travel: the person's own itinerary."""
    return of(session, production, permissions.require(session, production, actor, "travel.read"))


def rooming(
    session: Session, production: Production, actor: str, typed: str, now: datetime
) -> tuple[date, dict[str, list[str]]]:
    """`/travel rooming [date]`: who sleeps at which hotel that night (tonight by default)."""
    permissions.require(session, production, actor, "travel.manage")
    night = day_named(production, typed, now) if typed else shoot_days.today(production, now)
    stays = session.execute(
        select(TravelItem.details, Person.name)
        .join(Person, Person.id == TravelItem.person_id)
        .where(
            TravelItem.production_id == production.id,
            TravelItem.kind == "hotel",
            TravelItem.start_on <= night,
            TravelItem.end_on > night,  # the check-out morning is not a night
        )
        .order_by(TravelItem.details, Person.name)
    )
    hotels: dict[str, list[str]] = {}
    for hotel, name in stays:
        hotels.setdefault(hotel or "", []).append(name)
    return night, hotels


def export_csv(session: Session, production: Production) -> str:
    """Every travel item, in the import's columns (so an export can be edited and re-imported)."""
    tz = production.timezone
    rows = session.execute(
        select(TravelItem, Person.name, BudgetLine.code)
        .join(Person, Person.id == TravelItem.person_id)
        .outerjoin(BudgetLine, BudgetLine.id == TravelItem.budget_line_id)
        .where(TravelItem.production_id == production.id)
        .order_by(Person.name, TravelItem.id)
    )
    when = lambda m: csvfile.local(m, tz, "minutes")[:16].replace("T", " ")  # noqa: E731
    return csvfile.render(
        COLUMNS,
        (
            [
                name,
                i.kind,
                when(i.starts_at) if i.starts_at else (i.start_on or "").__str__(),
                when(i.ends_at) if i.ends_at else (i.end_on or "").__str__(),
                i.origin or "",
                i.destination or "",
                i.details or "",
                i.confirmation or "",
                i.per_diem if i.per_diem is not None else "",
                code or "",
            ]
            for i, name, code in rows
        ),
    )
