"""Dietary needs from App Home: the same profile start paperwork keeps, so one source counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import events, permissions
from bot.errors import NotFound
from bot.services.logistics.events import DietSaved
from bot.services.onboarding import forms
from bot.services.onboarding.events import OnboardingChanged
from bot.store.models import Person, Production
from bot.store.models_onboarding import Onboarding, OnboardingItem, PersonProfile


@dataclass(frozen=True)
class DietView:
    """What the form shows: the production it saves to and the person's current needs."""

    production_id: int
    diet: str
    gluten_free: bool
    allergies: str


def _profile(session: Session, person_id: int) -> PersonProfile | None:
    return session.scalar(select(PersonProfile).where(PersonProfile.person_id == person_id))


def current(session: Session, production: Production, actor: str) -> DietView:
    """The person's needs as they stand (none, until they say)."""
    person = permissions.require(session, production, actor, "diet.edit")
    found = _profile(session, person.id)
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
) -> PersonProfile:
    """Save the form (diet, gluten-free, allergies); a sent order is revised if it matters,
    and the person's start-paperwork "Dietary needs" line is done."""
    production = session.get(Production, production_id)
    if production is None or production.team_id != team_id:
        raise NotFound("That production no longer exists.")
    person = permissions.require(session, production, actor, "diet.edit")
    diet, gluten_free, allergies = answers
    forms.save_dietary(
        session,
        person,
        {"diet": diet, "allergies": allergies, "gluten_free": ["gluten_free"] * gluten_free},
        now,
    )
    _tick_checklist(session, person, actor, now)
    events.record(session, DietSaved(now, production.id, actor))
    found = _profile(session, person.id)
    assert found is not None
    return found


def _tick_checklist(session: Session, person: Person, actor: str, now: datetime) -> None:
    """If the person has start paperwork asking for dietary needs, that line is now done."""
    item = session.scalar(
        select(OnboardingItem)
        .join(Onboarding, Onboarding.id == OnboardingItem.onboarding_id)
        .where(Onboarding.person_id == person.id, OnboardingItem.item == "dietary")
    )
    if item is None or item.status == "done":
        return
    item.status, item.received_at, item.received_by = "done", now, actor
    session.flush()
    events.record(session, OnboardingChanged(at=now, onboarding_id=item.onboarding_id))
