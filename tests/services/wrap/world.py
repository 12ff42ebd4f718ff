"""A small production, stored directly, for wrap's service and notify tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.core import crew, productions
from bot.store.models import OutboxMessage, Person, Production
from bot.store.models_callsheet import CallSheetRecipient, Location, ShootDay

NOW = datetime(2026, 6, 12, 20, 0, tzinfo=UTC)  # Fri 1:00 pm in Los Angeles
CALL = datetime(2026, 6, 12, 13, 30, tzinfo=UTC)  # 6:30 am
COORDINATOR, AD, GRIP, OUTSIDER = "UCORA", "UADA", "UGUS", "UOLIVE"


@dataclass
class World:
    """The production and its shoot day."""

    production: Production
    day: ShootDay


def build(session: Session, *, office: str | None = "COFFICE") -> World:
    """Night Owl: a coordinator, a 1st AD and a grip, all working Friday's published day."""
    production = productions.create_production(
        session,
        "T1",
        productions.ProductionForm("Night Owl", "America/Los_Angeles", "USD", "CCREW", office),
        now=NOW,
        creator_id=COORDINATOR,
        creator_name="Cora Coordinator",
    )
    crew.import_crew(
        session,
        production,
        "name,email,department,position,role,slack_user_id\n"
        f"Ada Director,ada@x.film,Production,1st AD,crew,{AD}\n"
        f"Gus Grip,gus@x.film,Grip,Key Grip,crew,{GRIP}\n",
    )
    location = Location(production_id=production.id, name="Rosa's Diner")
    day = ShootDay(
        production_id=production.id,
        date=CALL.date(),
        general_call=CALL,
        location=location,
        department_offsets={"Grip": -30},
    )
    session.add_all([location, day])
    session.flush()
    for person in session.scalars(select(Person).where(Person.production_id == production.id)):
        session.add(
            CallSheetRecipient(
                shoot_day_id=day.id, person_id=person.id, revision=1, told={}, sent_at=NOW
            )
        )
    session.commit()
    return World(production, day)


def sent(session: Session, channel: str | None = None) -> list[OutboxMessage]:
    """The outbox rows, oldest first (to one channel or DM)."""
    query = select(OutboxMessage).order_by(OutboxMessage.id)
    if channel:
        query = query.where(OutboxMessage.channel == channel)
    return list(session.scalars(query))
