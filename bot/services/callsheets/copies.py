"""A person's own copy of the call sheet: the PDF with their page first, asked for from the DM."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot import events, permissions
from bot.errors import InvalidInput, NotAuthorized
from bot.services.callsheets.confirmations import record_for
from bot.services.callsheets.dates import day_title
from bot.services.callsheets.events import CopyRequested
from bot.services.core.productions import fetch
from bot.store.models_callsheet import ShootDay


def request_copy(
    session: Session,
    team_id: str,
    day_id: int,
    slack_user_id: str,
    person_id: int,
    now: datetime,
) -> CopyRequested:
    """The person's PDF is made and sent to their DM (once per revision)."""
    production, day = fetch(session, team_id, ShootDay, day_id, "call sheet")
    person = permissions.require(session, production, slack_user_id, "callsheet.copy")
    if person.id != person_id:
        raise NotAuthorized("This button is for someone else's call sheet.")
    record = record_for(session, day, person.id)
    if record is None or not record.working:
        raise InvalidInput(
            f"You're not on the call sheet for {day_title(day.date)} any more. "
            "Type /calltime for your next call."
        )
    event = CopyRequested(now, production.id, day.id, person.id, day.revision, slack_user_id)
    events.record(session, event)
    return event
