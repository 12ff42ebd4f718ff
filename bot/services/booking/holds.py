"""Holds: pencils on a person's days, ranked across the workspace; challenges and deadlines."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import events, permissions
from bot.errors import InvalidInput, NotAuthorized
from bot.scheduler import cancel, schedule
from bot.services.booking import avails, clash
from bot.services.booking.events import AvailAnswered, HoldChallenged, HoldEnded, HoldPlaced
from bot.services.core.productions import fetch
from bot.store.models import Production
from bot.store.models_booking import Hold

CHALLENGE_HOURS = 24  # per production: settings["hold_challenge_hours"]


def overlapping(
    session: Session, team_id: str, slack_user_id: str, first: date, last: date
) -> list[Hold]:
    """The person's active holds in the workspace that share a day with first..last."""
    return list(
        session.scalars(
            select(Hold)
            .where(
                Hold.team_id == team_id,
                Hold.slack_user_id == slack_user_id,
                Hold.status == "active",
                Hold.first_day <= last,
                Hold.last_day >= first,
            )
            .order_by(Hold.rank, Hold.id)
        )
    )


def place_from_answer(
    session: Session, team_id: str, answer_id: int, actor: str, now: datetime
) -> Hold:
    """The Hold button next to an available (or partly) answer on the coordinator's tally."""
    check, row = avails.find(session, team_id, answer_id)
    production = session.get(Production, check.production_id)
    assert production is not None
    permissions.require(session, production, actor, "hold.place")
    if row.answer not in ("available", "partly") or not row.slack_user_id:
        raise InvalidInput("Hold people who said they are available.")
    days = [date.fromisoformat(d) for d in row.days] or [check.first_day, check.last_day]
    hold = place(session, production, actor, row.slack_user_id, row.name, check.position, days, now)
    events.record(session, AvailAnswered(at=now, answer_id=row.id))
    return hold


def place(
    session: Session,
    production: Production,
    actor: str,
    slack_user_id: str,
    name: str,
    position: str,
    days: list[date],
    now: datetime,
) -> Hold:
    """A hold ranked after the person's other holds on those days; refused over a booking."""
    permissions.require(session, production, actor, "hold.place")
    first, last = min(days), max(days)
    clash.serialise(session, production.team_id, slack_user_id)  # ranks are read, then written
    clash.refuse_booked(session, production.team_id, slack_user_id, first, last, None)
    others = overlapping(session, production.team_id, slack_user_id, first, last)
    if any(h.production_id == production.id for h in others):
        raise InvalidInput(f"{production.name} already holds {name} on those days.")
    hold = Hold(
        production_id=production.id,
        team_id=production.team_id,
        slack_user_id=slack_user_id,
        name=name,
        position=position,
        first_day=first,
        last_day=last,
        rank=1 + len(others),  # after every hold already on any of those days
        status="active",
        held_by=actor,
        created_at=now,
    )
    session.add(hold)
    session.flush()
    events.record(session, HoldPlaced(at=now, hold_id=hold.id))
    return hold


def find(session: Session, team_id: str, hold_id: int) -> tuple[Production, Hold]:
    """A hold and its production, from a button."""
    return fetch(session, team_id, Hold, hold_id, "hold")


def mine(session: Session, team_id: str, slack_user_id: str) -> list[Hold]:
    """A person's active holds across the workspace, soonest first."""
    return list(
        session.scalars(
            select(Hold)
            .where(
                Hold.team_id == team_id,
                Hold.slack_user_id == slack_user_id,
                Hold.status == "active",
            )
            .order_by(Hold.first_day, Hold.rank)
        )
    )


def placed_by(session: Session, production: Production) -> list[Hold]:
    """A production's active holds (coordinators' /holds)."""
    return list(
        session.scalars(
            select(Hold)
            .where(Hold.production_id == production.id, Hold.status == "active")
            .order_by(Hold.first_day, Hold.id)
        )
    )


def challenge(session: Session, team_id: str, hold_id: int, actor: str, now: datetime) -> Hold:
    """Challenge a first hold: by the held person, or a coordinator holding them lower down.

    The first hold's production then has its deadline (24 h unless set) to confirm or release.
    """
    production, hold = find(session, team_id, hold_id)
    first = hold if hold.rank == 1 else _first_over(session, hold)
    if actor == hold.slack_user_id:
        own = permissions.member(session, production, actor)
        if not permissions.allowed(own, "hold.challenge_own"):
            raise NotAuthorized("Only the person held can say they've been offered a booking.")
    else:
        permissions.require(session, production, actor, "hold.challenge")
        if first is hold:
            raise InvalidInput("That is your own first hold: confirm or release it instead.")
    if first is None or first.status != "active":
        raise InvalidInput("There is no first hold to challenge on those days.")
    if first.deadline_at is not None:
        raise InvalidInput(f"That first hold is already challenged. {_by(first)}")
    owner = session.get(Production, first.production_id)
    assert owner is not None
    hours = owner.settings.get("hold_challenge_hours")
    first.deadline_at = now + timedelta(hours=_hours(hours))
    who = production.name if actor != hold.slack_user_id else f"{hold.name} (offered a booking)"
    first.challenged_by = who[:200]
    schedule(
        session, "hold.deadline", f"hold:{first.id}:deadline", first.deadline_at, {"id": first.id}
    )
    events.record(session, HoldChallenged(at=now, hold_id=first.id, by_user=actor))
    return first


def _hours(value: object) -> float:
    return float(value) if isinstance(value, int | float) and 0 < value <= 240 else CHALLENGE_HOURS


def _by(hold: Hold) -> str:
    return f"It must be confirmed or released by {hold.deadline_at:%Y-%m-%d %H:%M} UTC."


def _first_over(session: Session, hold: Hold) -> Hold | None:
    found = overlapping(session, hold.team_id, hold.slack_user_id, hold.first_day, hold.last_day)
    return next((h for h in found if h.rank == 1), None)


def release(session: Session, team_id: str, hold_id: int, actor: str, now: datetime) -> Hold:
    """A coordinator of the holding production lets the days go."""
    production, hold = find(session, team_id, hold_id)
    permissions.require(session, production, actor, "hold.decide")
    if hold.status != "active":
        raise InvalidInput(f"That hold is already {hold.status}.")
    end(session, hold, "released", now)
    return hold


def end(session: Session, hold: Hold, reason: str, now: datetime) -> None:
    """End a hold (released, deadline, booked) and move the holds below it up a rank."""
    hold.status = "booked" if reason == "booked" else "released"
    hold.ended_at, hold.end_reason = now, reason
    cancel(session, f"hold:{hold.id}:deadline")
    session.flush()
    promoted = _rerank(session, hold.team_id, hold.slack_user_id)
    if reason not in _FREES:
        promoted = []  # a booking ends every hold on its days: nobody is told they moved up
    event = HoldEnded(at=now, hold_id=hold.id, reason=reason, promoted=tuple(promoted))
    events.record(session, event)


_FREES = ("released", "deadline")


def _rerank(session: Session, team_id: str, slack_user_id: str) -> list[int]:
    """Each active hold ranks after the earlier active holds sharing a day with it; the ids of
    holds that moved up."""
    live = list(
        session.scalars(
            select(Hold)
            .where(
                Hold.team_id == team_id,
                Hold.slack_user_id == slack_user_id,
                Hold.status == "active",
            )
            .order_by(Hold.id)
        )
    )
    moved = []
    for index, hold in enumerate(live):
        earlier = [h for h in live[:index] if h.first_day <= hold.last_day]
        rank = 1 + sum(1 for h in earlier if h.last_day >= hold.first_day)
        if rank < hold.rank:
            moved.append(hold.id)
        hold.rank = rank
    return moved


def deadline_job(session: Session, payload: dict, now: datetime) -> None:
    """The challenge deadline passed: release the hold, unless it was settled meanwhile.

    The hold row is the truth: a run after a restart finds it released and does nothing.
    """
    hold = session.get(Hold, payload["id"])
    if hold is None or hold.status != "active" or hold.deadline_at is None:
        return
    if hold.deadline_at > now:
        return
    end(session, hold, "deadline", now)


def check_decider(session: Session, team_id: str, hold_id: int, actor: str) -> Hold:
    """Confirm opens the booking form: only the holding production's coordinators."""
    production, hold = find(session, team_id, hold_id)
    permissions.require(session, production, actor, "hold.decide")
    if hold.status != "active":
        raise NotAuthorized(f"That hold is already {hold.status}.")
    return hold
