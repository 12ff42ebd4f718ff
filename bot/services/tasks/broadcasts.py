"""Broadcasts: one message to channels and people, with a Got it button and a live tally."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import events, permissions
from bot.errors import FieldErrors, InvalidInput, NotFound
from bot.events import Answered
from bot.permissions import member
from bot.scheduler import schedule
from bot.services.callsheets import publishing, shoot_days
from bot.services.callsheets.calls import personal_calls
from bot.services.core import csvfile
from bot.services.core.crew_names import names
from bot.services.core.text import within
from bot.services.tasks.events import BroadcastAcknowledged, BroadcastNudged, BroadcastSent
from bot.store.models import ROLES, Person, Production
from bot.store.models_tasks import Broadcast, BroadcastRecipient

DEFAULT_NUDGE_MINUTES = 60
EXPORT_COLUMNS = (
    "broadcast",
    "sent_at",
    "author",
    "message",
    "ack_required",
    "recipient",
    "acknowledged_at",
    "nudged_at",
)


@dataclass
class Audience:
    """Who a broadcast is for; people are the union of every part."""

    channels: list[str] = field(default_factory=list)
    department_ids: list[int] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    day: date | None = None


def _people(session: Session, production: Production, audience: Audience) -> list[Person]:
    found: dict[int, Person] = {}
    wrong = FieldErrors()
    crew = select(Person).where(
        Person.production_id == production.id, Person.slack_user_id.is_not(None)
    )
    if audience.department_ids:
        for person in session.scalars(
            crew.where(Person.department_id.in_(audience.department_ids))
        ):
            found[person.id] = person
    if audience.roles:
        unknown = set(audience.roles) - set(ROLES)
        if unknown:
            wrong.add("roles", f"Unknown role {', '.join(sorted(unknown))}.")
        for person in session.scalars(crew.where(Person.role.in_(audience.roles))):
            found[person.id] = person
    for slack_id in audience.people:
        person = member(session, production, slack_id)
        if person is None:
            wrong.add("people", f"<@{slack_id}> isn't on {production.name}'s crew list.")
        else:
            found[person.id] = person
    day = shoot_days.day_on(session, production, audience.day) if audience.day else None
    if audience.day is not None and day is None:
        wrong.add("day", f"There's no shoot day on {audience.day:%a %b %-d}. Pick a shoot day.")
    wrong.check()
    if day is not None:
        working = (
            [r.person for r in publishing.recipients(session, day)]
            if day.revision
            else [c.person for c in personal_calls(session, production, day)]
        )
        found.update({p.id: p for p in working if p.slack_user_id})
    return sorted(found.values(), key=lambda p: p.name)


def send(
    session: Session,
    production: Production,
    actor: str,
    message: str | None,
    audience: Audience,
    ack_required: bool,
    now: datetime,
) -> Broadcast:
    """Post to the channels and DM every person (coordinators only); nothing half-sent."""
    permissions.require(session, production, actor, "broadcast.send")
    found = FieldErrors()  # the message and the audience are answered together
    text = found.take(within, message, 3000, "message") or ""
    if not text and "message" not in found.errors:
        found.add("message", "Write the message.")
    people = found.take(_people, session, production, audience)
    if people == [] and not audience.channels:
        found.add(
            "people",
            "Nobody is in that audience. Pick channels, departments, roles, "
            "people or a shoot day with crew on it.",
        )
    found.check()
    people = people or []
    broadcast = Broadcast(
        production_id=production.id,
        author=actor,
        message=text,
        ack_required=ack_required,
        created_at=now,
        audience={
            "channels": audience.channels,
            "roles": audience.roles,
            "departments": audience.department_ids,
            "people": audience.people,
            "day": audience.day.isoformat() if audience.day else None,
        },
    )
    broadcast.recipients = [
        BroadcastRecipient(person_id=p.id, slack_user_id=p.slack_user_id, sent_at=now)
        for p in people
    ]
    session.add(broadcast)
    session.flush()
    events.record(session, BroadcastSent(at=now, broadcast_id=broadcast.id))
    if ack_required:
        delay = production.settings.get("nudge_after_minutes", DEFAULT_NUDGE_MINUTES)
        schedule(
            session,
            "broadcast.nudge",
            f"broadcast:{broadcast.id}:nudge:1",
            now + timedelta(minutes=delay),
            {"broadcast_id": broadcast.id, "step": 1},
        )
    return broadcast


def acknowledge(
    session: Session, team_id: str, broadcast_id: int, actor: str, now: datetime
) -> BroadcastRecipient:
    """Got it: the DM and the tally change in place."""
    broadcast = session.get(Broadcast, broadcast_id)
    production = session.get(Production, broadcast.production_id) if broadcast else None
    if broadcast is None or production is None or production.team_id != team_id:
        raise NotFound("That message no longer exists.")
    permissions.require(session, production, actor, "broadcast.ack")
    recipient = next((r for r in broadcast.recipients if r.slack_user_id == actor), None)
    if recipient is None:
        raise InvalidInput("That message wasn't sent to you.")
    if recipient.acknowledged_at is None:
        recipient.acknowledged_at = now
        acked = BroadcastAcknowledged(at=now, broadcast_id=broadcast.id, recipient_id=recipient.id)
        events.record(session, acked)
    else:  # a second tap (a race, or an old copy): say what is true, change nothing
        at = recipient.acknowledged_at.astimezone(ZoneInfo(production.timezone))
        said = f"You already acknowledged this at {at:%-I:%M %p}."
        events.record(session, Answered(now, actor, None, said))
    return recipient


def nudge_job(session: Session, payload: dict, now: datetime) -> None:
    """Nudge the silent; a while later, hand the coordinators the list of who is still silent."""
    broadcast = session.get(Broadcast, payload["broadcast_id"])
    if broadcast is None:
        return
    production = session.get(Production, broadcast.production_id)
    assert production is not None
    silent = [r for r in broadcast.recipients if r.acknowledged_at is None]
    if not silent:
        return
    step = payload["step"]
    ids = tuple(r.id for r in silent)
    events.record(
        session, BroadcastNudged(at=now, broadcast_id=broadcast.id, step=step, recipient_ids=ids)
    )
    if step == 1:
        for recipient in silent:
            recipient.nudged_at = now
        delay = production.settings.get("nudge_after_minutes", DEFAULT_NUDGE_MINUTES)
        schedule(
            session,
            "broadcast.nudge",
            f"broadcast:{broadcast.id}:nudge:2",
            now + timedelta(minutes=delay),
            dict(payload, step=2),
        )


def export_csv(session: Session, production: Production) -> str:
    """Every broadcast and recipient, with when they acknowledged (EXPORT_COLUMNS)."""
    who, tz = names(session, production), production.timezone
    broadcasts = session.scalars(
        select(Broadcast).where(Broadcast.production_id == production.id).order_by(Broadcast.id)
    )
    return csvfile.render(
        EXPORT_COLUMNS,
        (
            [
                b.id,
                csvfile.local(b.created_at, tz),
                who.get(b.author, b.author),
                b.message,
                "yes" if b.ack_required else "no",
                who.get(r.slack_user_id, r.slack_user_id),
                csvfile.local(r.acknowledged_at, tz),
                csvfile.local(r.nudged_at, tz),
            ]
            for b in broadcasts
            for r in b.recipients
        ),
    )
