"""Private channels Slate was not invited to: who to tell, and when the waiting may end."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot import events
from bot.events import Event
from bot.store.models import Person, Production


@dataclass(frozen=True)
class NotInChannel(Event):
    """Slack refused a post with not_in_channel: it waits until Slate is invited."""

    channel_id: str
    waiting: int  # how many messages wait for that channel
    team_id: str | None = None  # whose messages (a shared channel is each workspace's own)


@dataclass(frozen=True)
class BotJoined(Event):
    """Slate was invited to a channel: what waited for it may go now."""

    channel_id: str
    team_id: str | None = None  # the workspace whose bot joined


@dataclass(frozen=True)
class InviteAlert:
    """Whom to ask for an invite to a channel, and which production's channel it is."""

    coordinators: tuple[str, ...]
    production: str


def who_invites(session: Session, channel_id: str, team_id: str | None = None) -> list[InviteAlert]:
    """The coordinators (Slack ids) of each production (of `team_id`, if given) that uses
    `channel_id`."""
    uses = or_(
        Production.crew_channel_id == channel_id,
        Production.coordinators_channel_id == channel_id,
        Production.problems_channel_id == channel_id,
    )
    mine = (Production.team_id == team_id,) if team_id is not None else ()
    productions = session.scalars(select(Production).where(uses, *mine))
    found = []
    for production in productions:
        ids = session.scalars(
            select(Person.slack_user_id).where(
                Person.production_id == production.id,
                Person.role == "coordinator",
                Person.slack_user_id.is_not(None),
            )
        )
        people = tuple(sorted({i for i in ids if i}))
        if people:
            found.append(InviteAlert(people, production.name))
    return found


def bot_joined(
    session: Session,
    user_id: str,
    bot_user_id: str,
    channel_id: str,
    now: datetime,
    team_id: str | None = None,
) -> bool:
    """Someone joined a channel; if it is Slate itself, its waiting messages may go."""
    if user_id != bot_user_id or not channel_id:
        return False
    events.record(session, BotJoined(now, channel_id, team_id))
    return True
