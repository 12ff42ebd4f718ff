"""Publishing off the request: the command queues a job; the job composes every personal sheet.

Composing hundreds of personal sheets takes longer than a slash command may; the request only
checks what is cheap (permission, readiness), queues one `callsheet.publish` job and answers.
The job publishes and reports into one progress message, edited in place. A double click or
a retried command finds the pending job and queues nothing more; a publish after the job ran
finds nothing changed (the publication's fingerprint), so a day goes out once.
"""

from __future__ import annotations

import logging
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
from bot.services.callsheets.person_day import Change
from bot.store.models import Person, Production, ScheduledJob
from bot.store.models_callsheet import ShootDay

KIND = "callsheet.publish"
log = logging.getLogger(__name__)


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
    announced: bool = False  # a schedule change was told to the crew channel
    ref: str = ""  # the progress message, which Publish anyway goes on editing

    @property
    def held(self) -> bool:
        """Rule warnings kept it from going out."""
        return not self.published and not self.unchanged


@dataclass(frozen=True)
class Queued:
    """A publish waiting for its job: the coordinator's immediate answer."""

    date: date
    people: int
    tz: str
    changes: tuple[Change, ...] = ()
    already: bool = False  # the same publish was queued a moment ago (a double click)


@dataclass(frozen=True)
class PublishQueued(Event):
    """A publish was queued; its progress message starts (or, for Publish anyway, restarts)."""

    production_id: int
    user: str
    ref: str
    date: date
    people: int
    tz: str
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class PublishFinished(Event):
    """The job published (or was held, or failed): the progress message says which."""

    production_id: int
    user: str
    ref: str
    outcome: Published | None
    error: str | None = None
    date: date | None = None  # of a failed publish: the retry names it


def queue(
    session: Session,
    production: Production,
    day: ShootDay,
    *,
    actor: str,
    now: datetime,
    force: bool = False,
    changes: tuple[Change, ...] = (),
    ref: str = "",
) -> Queued:
    """Queue the day's publish once; the caller has checked the actor may publish. `changes`:
    a schedule change's, announced when the day goes out; `ref`: the progress message to go
    on editing (Publish anyway)."""
    publishing.check_ready(production, day)
    tz = production.timezone
    base = f"publish:{day.id}:r{day.revision}:{actor}"
    key = f"{base}:{'force' if force else 'check'}"
    pending = _job(session, key, pending=True)
    people = _people(session, production)
    if pending is not None:
        if changes:  # a second change before the job ran: it goes out, announced, with it
            told = list(pending.payload.get("changes") or []) + _dump(changes)
            pending.payload = pending.payload | {"announce": True, "changes": told}
            return Queued(day.date, people, tz, changes)
        return Queued(day.date, people, tz, _load(pending.payload.get("changes")), True)
    if not ref.startswith(f"progress:publish:{day.id}:"):  # only ever this day's progress
        held = _job(session, f"{base}:check") if force else None
        ref = held.payload["ref"] if held is not None else ""
        changes = changes or (_load(held.payload.get("changes")) if held is not None else ())
    done = session.scalar(
        select(func.count()).where(ScheduledJob.key.startswith(key, autoescape=True))
    )
    key = f"{key}:{done}" if done else key
    ref = ref or f"progress:{key}"
    payload = {"day_id": day.id, "actor": actor, "force": force, "key": key, "ref": ref}
    schedule(
        session, KIND, key, now, payload | {"announce": bool(changes), "changes": _dump(changes)}
    )
    queued = PublishQueued(now, production.id, actor, ref, day.date, people, tz, changes)
    events.record(session, queued)
    return Queued(day.date, people, tz, changes)


def _dump(changes: tuple[Change, ...]) -> list[list[str | None]]:
    return [[c.label, c.kind, c.before, c.after] for c in changes]


def _load(stored: list[Any] | None) -> tuple[Change, ...]:
    # Jobs queued by an earlier Slate stored the change as words: shown as they were.
    return tuple(
        Change(*c) if isinstance(c, list) else Change(str(c), "note", None, None)
        for c in stored or ()
    )


def _job(session: Session, prefix: str, *, pending: bool = False) -> ScheduledJob | None:
    query = select(ScheduledJob).where(ScheduledJob.key.startswith(prefix, autoescape=True))
    if pending:
        query = query.where(ScheduledJob.status == "pending")
    return session.scalar(query.order_by(ScheduledJob.id.desc()).limit(1))


def _people(session: Session, production: Production) -> int:
    return session.scalar(select(func.count()).where(Person.production_id == production.id)) or 0


def publish_job(session: Session, payload: dict[str, Any], now: datetime) -> None:
    """Publish the day queued by a coordinator and report in place; a failure (or a run cut
    short by a restart) is reported too, with how to try again."""
    day = session.get(ShootDay, payload["day_id"])
    actor, ref = payload["actor"], payload["ref"]
    if day is None:
        return  # the day was deleted since: nothing to publish
    production = session.get(Production, day.production_id)
    assert production is not None
    job = session.scalar(select(ScheduledJob).where(ScheduledJob.key == payload.get("key")))
    if job is not None and job.attempts > 1:  # an earlier run died with its process
        failed = PublishFinished(now, production.id, actor, ref, None, INTERRUPTED, day.date)
        events.record(session, failed)
        return
    try:
        result = publishing.publish(
            session, production, day, actor=actor, now=now, force=payload["force"]
        )
    except SlateError as error:  # e.g. its crew channel was unset since: say so, no retry
        events.record(session, PublishFinished(now, production.id, actor, ref, None, error.message))
        return
    except Exception as error:
        log.exception("publishing day %s failed", day.id)
        session.rollback()  # nothing of it was stored: say so, and how to try again
        what = f"Slate hit an error ({type(error).__name__})"
        failed = PublishFinished(now, production.id, actor, ref, None, what, day.date)
        events.record(session, failed)
        return
    outcome = Published(
        day.id,
        day.date,
        day.revision,
        published=result.published,
        unchanged=result.unchanged,
        warnings=tuple(result.warnings),
        dms=result.dms,
        removed=result.removed,
        announced=result.announced,
        ref=ref,
    )
    events.record(session, PublishFinished(now, production.id, actor, ref, outcome))


INTERRUPTED = "Slate stopped while publishing it (a restart or a crash)"
