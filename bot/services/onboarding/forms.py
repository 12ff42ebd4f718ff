"""The checklist's forms: emergency contact, dietary needs, sizes (the person's own only)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import events
from bot.errors import FieldErrors, InvalidInput
from bot.services.logistics import catering
from bot.services.onboarding import checklists, documents, packets
from bot.services.onboarding.events import OnboardingChanged
from bot.store.models import Person, Production
from bot.store.models_onboarding import DIETS, EmergencyContact, OnboardingItem, PersonProfile

PHONE = re.compile(r"^\+?[\d\s().-]{7,30}$")


def submit(
    session: Session, team_id: str, item_id: int, actor: str, answers: dict[str, Any], now: datetime
) -> OnboardingItem:
    """Save a form (or take a file) of the actor's own checklist; a form's line turns done."""
    _, onboarding, item = checklists.own_item(session, team_id, item_id, actor)
    if packets.is_file(item.item):
        return documents.take(session, team_id, item_id, actor, answers.get("file") or [], now)
    person = session.get(Person, onboarding.person_id)
    assert person is not None
    save = {"emergency": _emergency, "dietary": save_dietary, "sizes": _sizes}[item.item]
    save(session, person, answers, now)
    item.status, item.received_at, item.received_by = "done", now, actor
    session.flush()
    events.record(session, OnboardingChanged(at=now, onboarding_id=onboarding.id))
    return item


def _text(answers: dict[str, Any], key: str) -> str:
    return str(answers.get(key) or "").strip()


def _emergency(session: Session, person: Person, answers: dict[str, Any], now: datetime) -> None:
    name, phone, relation = (_text(answers, k) for k in ("name", "phone", "relation"))
    errors = FieldErrors()
    if not name or len(name) > 120:
        errors.add("name", "Type their name (up to 120 characters).")
    if not PHONE.match(phone):
        errors.add("phone", "Type a phone number, like +1 310 555 0142.")
    if len(relation) > 60:
        errors.add("relation", "Keep it short, like “sister” (up to 60 characters).")
    errors.check()
    row = session.scalar(select(EmergencyContact).where(EmergencyContact.person_id == person.id))
    if row is None:
        row = EmergencyContact(production_id=person.production_id, person_id=person.id)
        session.add(row)
    row.name, row.phone, row.relation, row.updated_at = name, phone, relation or None, now


def profile(session: Session, person: Person, now: datetime) -> PersonProfile:
    """The person's profile row (made on first save), stamped as updated now."""
    row = session.scalar(select(PersonProfile).where(PersonProfile.person_id == person.id))
    if row is None:
        row = PersonProfile(
            production_id=person.production_id, person_id=person.id, diet="none", gluten_free=False
        )
        session.add(row)
    row.updated_at = now
    return row


def save_dietary(session: Session, person: Person, answers: dict[str, Any], now: datetime) -> None:
    """Check and store diet, gluten-free and allergies: the one source catering counts."""
    diet = _text(answers, "diet") or "none"
    allergies = _text(answers, "allergies")
    errors = FieldErrors()
    if diet not in DIETS:
        errors.add("diet", "Pick from the list.")
    if len(allergies) > 500:
        errors.add("allergies", "Keep allergies under 500 characters.")
    errors.check()
    row = profile(session, person, now)
    row.diet, row.allergies = diet, allergies or None
    row.gluten_free = "gluten_free" in (answers.get("gluten_free") or [])
    session.flush()
    production = session.get(Production, person.production_id)
    assert production is not None
    catering.review_coming(session, production, now)  # a sent order may need a revision


def _sizes(session: Session, person: Person, answers: dict[str, Any], now: datetime) -> None:
    sizes = _text(answers, "sizes")
    if not sizes or len(sizes) > 500:
        raise InvalidInput("Type your sizes, like “shirt M, pants 32x32, shoe 10”.", field="sizes")
    profile(session, person, now).sizes = sizes
