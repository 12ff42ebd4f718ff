"""Avail checks: ask candidates if they are free, read their answers, nudge the silent once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import events, permissions
from bot.errors import FieldErrors, InvalidInput, NotAuthorized
from bot.scheduler import schedule
from bot.services.booking.events import AvailAnswered, AvailAsked, AvailNudged
from bot.services.core.productions import fetch
from bot.services.core.text import within
from bot.store.models import Production
from bot.store.models_booking import AvailAnswer, AvailCheck, Candidate

ANSWERS = ("available", "partly", "not")
MAX_DAYS = 100  # a Slack select offers at most 100 days to tick
MAX_CANDIDATES = 30
NUDGE_AFTER = timedelta(hours=12)  # per production: settings["avail_nudge_hours"]
_EMAIL = re.compile(r"[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+")


@dataclass
class AvailForm:
    """What the /avail form holds."""

    position: str
    first_day: date | None
    last_day: date | None
    members: list[str] = field(default_factory=list)  # Slack user ids
    others: str = ""  # one "Name, email[, phone]" a line: people to call
    names: dict[str, str] = field(default_factory=dict)  # Slack id -> name, read from Slack
    candidate_ids: list[int] = field(default_factory=list)  # picked from the imported list


def days_of(first: date, last: date) -> list[date]:
    """Every day from first to last."""
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def read_days(first: date | None, last: date | None) -> tuple[date, date]:
    """A forward range of at most MAX_DAYS days (last defaults to first)."""
    found = FieldErrors()
    if first is None:
        found.add("first_day", "Pick the first day.")
    last = last or first
    if first and last and last < first:
        found.add("last_day", "The last day is before the first. Pick a later one.")
    elif first and last and (last - first).days >= MAX_DAYS:
        found.add("last_day", f"Keep it under {MAX_DAYS} days.")
    found.check()
    assert first is not None and last is not None
    return first, last


def _others(text: str) -> list[tuple[str, str, str | None]]:
    """ "Name, email[, phone]" lines -> (name, email, phone); a line without an email refused."""
    people = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(",")]
        email = next((p for p in parts if _EMAIL.fullmatch(p)), None)
        name = parts[0] if parts and parts[0] != email else ""
        if not name or not email or len(name) > 120 or len(email) > 254:
            raise InvalidInput(
                f"Line {number}: type “Name, email” (and a phone if you have one).",
                field="others",
            )
        phone = next((p for p in parts[1:] if p and p != email), None)
        people.append((name, email.lower(), within(phone, 40, "others")))
    return people


def ask(
    session: Session, production: Production, actor: str, form: AvailForm, now: datetime
) -> AvailCheck:
    """Store a check and its candidates; Slack members get a DM, the rest are listed to call."""
    permissions.require(session, production, actor, "avail.ask")
    found = FieldErrors()
    position = " ".join(form.position.split())
    if not position:
        found.add("position", "Say the position, like Key Grip.")
    position = found.take(within, position, 80, "position") or ""
    days = found.take(read_days, form.first_day, form.last_day)
    others = found.take(_others, form.others) or []
    members, names = list(form.members), dict(form.names)
    for picked in found.take(_candidates, session, production, form.candidate_ids) or []:
        if picked.slack_user_id:
            members.append(picked.slack_user_id)
            names.setdefault(picked.slack_user_id, picked.name)
        else:
            others.append((picked.name, picked.email, picked.phone))
    members = list(dict.fromkeys(members))
    if not members and not others and "others" not in found.errors:
        found.add("members", "Pick at least one candidate, or add people not in Slack below.")
    if len(members) + len(others) > MAX_CANDIDATES:
        found.add("members", f"Ask at most {MAX_CANDIDATES} people at once.")
    found.check()
    assert days is not None
    check = AvailCheck(
        production_id=production.id,
        position=position,
        first_day=days[0],
        last_day=days[1],
        asked_by=actor,
        created_at=now,
    )
    session.add(check)
    session.flush()
    rows = [_answer(check, uid, names.get(uid) or uid) for uid in members]
    rows += [_answer(check, None, name, email, phone) for name, email, phone in others]
    session.add_all(rows)
    session.flush()
    hours = production.settings.get("avail_nudge_hours")
    after = timedelta(hours=float(hours)) if isinstance(hours, int | float) else NUDGE_AFTER
    if members:
        schedule(session, "avail.nudge", f"avail:{check.id}:nudge", now + after, {"id": check.id})
    events.record(session, AvailAsked(at=now, check_id=check.id))
    return check


def _candidates(session: Session, production: Production, ids: list[int]) -> list[Candidate]:
    if not ids:
        return []
    found = list(
        session.scalars(
            select(Candidate).where(Candidate.production_id == production.id, Candidate.id.in_(ids))
        )
    )
    if len(found) != len(set(ids)):
        raise InvalidInput("Pick candidates from the list.", field="candidates")
    return found


def candidate_options(session: Session, production: Production) -> list[tuple[int, str]]:
    """The imported candidates, as (id, "Name (position)") for the /avail form."""
    rows = session.scalars(
        select(Candidate)
        .where(Candidate.production_id == production.id)
        .order_by(Candidate.name)
        .limit(100)
    )
    return [(c.id, c.name + (f" ({c.position})" if c.position else "")) for c in rows]


def _answer(
    check: AvailCheck,
    slack_id: str | None,
    name: str,
    email: str | None = None,
    phone: str | None = None,
) -> AvailAnswer:
    return AvailAnswer(
        production_id=check.production_id,
        check_id=check.id,
        slack_user_id=slack_id,
        name=name[:120],
        email=email,
        phone=phone,
        answer="waiting",
        days=[],
    )


def find(session: Session, team_id: str, answer_id: int) -> tuple[AvailCheck, AvailAnswer]:
    """An answer row and its check, from a button or form of this workspace."""
    _, row = fetch(session, team_id, AvailAnswer, answer_id, "avail check")
    check = session.get(AvailCheck, row.check_id)
    if check is None:
        raise InvalidInput("That avail check no longer exists.")
    return check, row


def own(
    session: Session, team_id: str, answer_id: int, actor: str
) -> tuple[AvailCheck, AvailAnswer]:
    """The answer row, if it was sent to `actor` (checked before the Partly form opens too)."""
    check, row = find(session, team_id, answer_id)
    production = session.get(Production, check.production_id)
    assert production is not None
    candidate = permissions.member(session, production, actor)
    if not permissions.allowed(candidate, "avail.answer") or row.slack_user_id != actor:
        raise NotAuthorized("That avail check wasn't sent to you.")
    return check, row


def answer(
    session: Session,
    team_id: str,
    answer_id: int,
    actor: str,
    said: str,
    days: list[str] | None,
    note: str | None,
    now: datetime,
) -> AvailAnswer:
    """The candidate's own answer; they may change it. Partly needs the days they are free."""
    check, row = own(session, team_id, answer_id, actor)
    if said not in ANSWERS:
        raise InvalidInput("Pick Available, Partly or Not available.")
    offered = {d.isoformat() for d in days_of(check.first_day, check.last_day)}
    picked = sorted(set(days or []))
    if said == "partly" and not picked:
        raise InvalidInput("Tick the days you are free.", field="days")
    if not set(picked) <= offered:
        raise InvalidInput("Pick days from the list.", field="days")
    row.answer, row.days = said, picked if said == "partly" else []
    row.note = within(note, 500, "note")
    row.answered_at = now
    events.record(session, AvailAnswered(at=now, answer_id=row.id))
    return row


def answers(session: Session, check_id: int) -> list[AvailAnswer]:
    """A check's candidates, in the order asked."""
    return list(
        session.scalars(
            select(AvailAnswer).where(AvailAnswer.check_id == check_id).order_by(AvailAnswer.id)
        )
    )


def nudge_job(session: Session, payload: dict, now: datetime) -> None:
    """Remind each Slack candidate who has not answered, once (the flag is the truth)."""
    silent = [
        a
        for a in answers(session, payload["id"])
        if a.slack_user_id and a.answer == "waiting" and not a.nudged
    ]
    for row in silent:
        row.nudged = True
    if silent:
        ids = tuple(a.id for a in silent)
        events.record(session, AvailNudged(at=now, check_id=payload["id"], answer_ids=ids))
