"""Names on the crew list, for showing who did what."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.models import Person, Production


def names(session: Session, production: Production) -> dict[str, str]:
    """Slack user id -> name on the crew list."""
    rows = session.execute(
        select(Person.slack_user_id, Person.name).where(
            Person.production_id == production.id, Person.slack_user_id.is_not(None)
        )
    )
    return {uid: name for uid, name in rows}
