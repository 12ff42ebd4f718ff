"""Who hears about a problem: where it is posted and who the coordinators are."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.errors import InvalidInput
from bot.store.models import Person, Production


def channel(production: Production) -> str:
    """Where problems are posted: the problems channel, else the coordinators'."""
    found = production.problems_channel_id or production.coordinators_channel_id
    if not found:
        raise InvalidInput("This production has no problems channel yet: /slate setup.")
    return found


def coordinators(session: Session, production: Production) -> list[str]:
    """Slack ids of the production's coordinators."""
    return list(
        session.scalars(
            select(Person.slack_user_id).where(
                Person.production_id == production.id,
                Person.role == "coordinator",
                Person.slack_user_id.is_not(None),
            )
        )
    )
