"""Dietary needs: each person keeps their own, from App Home, and the caterer's count reads them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import events, permissions
from bot.errors import InvalidInput, NotFound
from bot.services.core.text import within
from bot.services.logistics import catering
from bot.services.logistics.events import DietSaved
from bot.store.models import Production
from bot.store.models_logistics import DIETS, DietaryNeeds


@dataclass(frozen=True)
class DietView:
    """What the form shows: the production it saves to and the person's current needs."""

    production_id: int
    diet: str
    gluten_free: bool
    allergies: str


def _needs(session: Session, person_id: int) -> DietaryNeeds | None:
    return session.scalar(select(DietaryNeeds).where(DietaryNeeds.person_id == person_id))


def current(session: Session, production: Production, actor: str) -> DietView:
    """The person's needs as they stand (none, until they say)."""
    person = permissions.require(session, production, actor, "diet.edit")
    found = _needs(session, person.id)
    if found is None:
        return DietView(production.id, "none", False, "")
    return DietView(production.id, found.diet, found.gluten_free, found.allergies or "")


def save(
    session: Session,
    team_id: str,
    production_id: int,
    actor: str,
    answers: tuple[str | None, bool, str | None],
    now: datetime,
) -> DietaryNeeds:
    """Save the form (diet, gluten-free, allergies); a sent order is revised if it matters."""
    production = session.get(Production, production_id)
    if production is None or production.team_id != team_id:
        raise NotFound("That production no longer exists.")
    person = permissions.require(session, production, actor, "diet.edit")
    diet, gluten_free, allergies = answers
    if (diet or "none") not in DIETS:
        raise InvalidInput("Pick from the list.", field="diet")
    needs = _needs(session, person.id) or DietaryNeeds(
        production_id=production.id, person_id=person.id
    )
    needs.diet, needs.gluten_free = diet or "none", gluten_free
    needs.allergies = within(" ".join((allergies or "").split()), 300, "allergies") or None
    needs.updated_at = now
    session.add(needs)
    session.flush()
    for day in catering.coming_days(session, production, now):
        catering.review(session, production, day, now)
    events.record(session, DietSaved(now, production.id, actor))
    return needs
