"""Publishing off the request: the command queues a job; the job composes every personal sheet.

Composing hundreds of personal sheets takes longer than a slash command may; the request only
checks what is cheap (permission, readiness), queues one `callsheet.publish` job and answers.
The job publishes and reports into one progress message, edited in place. A double click or
a retried command finds the pending job and queues nothing more; a publish after the job ran
finds nothing changed (the publication's fingerprint), so a day goes out once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import events
from bot.errors import SlateError
from bot.events import Event
from bot.scheduler import schedule
from bot.services.callsheets import publishing
from bot.services.callsheets.events import ScheduleChanged
from bot.store.models import Person, Production, ScheduledJob
from bot.store.models_callsheet import ShootDay

KIND = "callsheet.publish"


@dataclass(frozen=True)
class Published:
    """What a publish did, for the coordinator's answer."""

    day_id: int
    date: date
    revision: int
    published: bool = False
    unchanged: bool = False
    warnings: tuple[str, ...] = ()
    dms: int = 0
    removed: int = 0
    announced: bool = False  # /schedulechange told the crew channel

    @property
    def held(self) -> bool:
        """Rule warnings kept it from going out."""
        return not self.published and not self.unchanged


@dataclass(frozen=True)
class Queued:
    """A publish waiting for its job: the coordinator's immediate answer."""

    date: date
    people: int
    changes: tuple[str, ...] = ()
    already: bool = False  # the same publish was queued a moment ago (a double click)


@dataclass(frozen=True)
class PublishQueued(Event):
    """A publish was queued; its progress message starts (or, for Publish anyway, restarts)."""

    production_id: int
    user: str
    ref: str
    date: date
    people: int
    changes: tuple[str, ...]
    again: bool  # the progress message exists (a held publish, sent anyway): edit it


@dataclass(frozen=True)
class PublishFinished(Event):
    """The job published (or was held, or failed): the progress message says which."""

    production_id: int
    user: str
    ref: str
    outcome: Published | None
    error: str | None = None


def queue(
    session: Session,
    production: Production,
    day: ShootDay,
    *,
    actor: str,
    now: datetime,
    force: bool = False,
    changes: tuple[str, ...] = (),
) -> Queued:
    """Queue the day's publish once; the caller has checked the actor may publish."""
    publishing.check_ready(production, day)
    base = f"publish:{day.id}:r{day.revision}:{actor}"
    key = f"{base}:{'force' if force else 'check'}"
    pending = _job(session, key, pending=True)
    people = _people(session, production)
    if pending is not None:
        return Queued(day.date, people, tuple(pending.payload.get("changes") or ()), True)
    held = _job(session, f"{base}:check") if force else None
    if held is not None:  # Publish anyway: its changes are still to be announced
        changes = changes or tuple(held.payload.get("changes") or ())
    done = session.scalar(
        select(func.count()).where(ScheduledJob.key.startswith(key, autoescape=True))
    )
    key = f"{key}:{done}" if done else key
    ref = held.payload["ref"] if held is not None else f"progress:{key}"
    payload = {"day_id": day.id, "actor": actor, "force": force, "changes": list(changes)}
    schedule(session, KIND, key, now, payload | {"ref": ref})
    queued = PublishQueued(
        now, production.id, actor, ref, day.date, people, changes, held is not None
    )
    events.record(session, queued)
    return Queued(day.date, people, changes)


def _job(session: Session, prefix: str, *, pending: bool = False) -> ScheduledJob | None:
    query = select(ScheduledJob).where(ScheduledJob.key.startswith(prefix, autoescape=True))
    if pending:
        query = query.where(ScheduledJob.status == "pending")
    return session.scalar(query.order_by(ScheduledJob.id.desc()).limit(1))


def _people(session: Session, production: Production) -> int:
    return session.scalar(select(func.count()).where(Person.production_id == production.id)) or 0


def publish_job(session: Session, payload: dict[str, Any], now: datetime) -> None:
    """Publish the day queued by a coordinator, announce its changes, report in place."""
    day = session.get(ShootDay, payload["day_id"])
    actor, ref = payload["actor"], payload["ref"]
    if day is None:
        return  # the day was deleted since: nothing to publish
    production = session.get(Production, day.production_id)
    assert production is not None
    try:
        result = publishing.publish(
            session, production, day, actor=actor, now=now, force=payload["force"]
        )
    except SlateError as error:  # e.g. its crew channel was unset since: say so, no retry
        events.record(session, PublishFinished(now, production.id, actor, ref, None, error.message))
        return
    changes = tuple(payload.get("changes") or ())
    if result.published and changes:
        events.record(session, ScheduleChanged(now, production.id, day.date, "; ".join(changes)))
    outcome = Published(
        day.id,
        day.date,
        day.revision,
        published=result.published,
        unchanged=result.unchanged,
        warnings=tuple(result.warnings),
        dms=result.dms,
        removed=result.removed,
        announced=result.published and bool(changes),
    )
    events.record(session, PublishFinished(now, production.id, actor, ref, outcome))
