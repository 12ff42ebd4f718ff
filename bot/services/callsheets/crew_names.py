"""A person on the crew list, by the name a coordinator typed in the editor or a file."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.errors import InvalidInput
from bot.store.models import Person, Production


def find_person(session: Session, production: Production, name: str) -> Person:
    """A person on the crew list by name (or a unique start of it)."""
    people = session.scalars(select(Person).where(Person.production_id == production.id)).all()
    wanted = name.strip().lower()
    exact = [p for p in people if p.name.lower() == wanted]
    starts = [p for p in people if p.name.lower().startswith(wanted)]
    match = exact or starts
    if len(match) != 1:
        problem = "isn't on the crew list" if not match else "matches several people"
        raise InvalidInput(
            f"“{name}” {problem}. Type their full name as on the crew list.", field="calls"
        )
    return match[0]
