"""Problems on set: report, take, update, resolve; reassigning and deleting are coordinators'."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot import events, permissions
from bot.errors import FieldErrors, InvalidInput, NotAuthorized
from bot.permissions import member
from bot.scheduler import cancel, schedule
from bot.services.core.crew_names import names
from bot.services.core.productions import fetch
from bot.services.core.text import within
from bot.services.problems import alerts
from bot.services.problems.events import (
    ProblemDeleted,
    ProblemEscalated,
    ProblemReassigned,
    ProblemReported,
    ProblemResolved,
    ProblemTaken,
    ProblemUpdated,
    ProblemWorkStateSet,
)
from bot.store import sequences
from bot.store.models import Department, Production
from bot.store.models_problems import SEVERITIES, Problem, ProblemEvent

MAX_TEXT = 3000
ESCALATE_AFTER = {"safety": 10, "urgent": 10, "attention": 30}


@dataclass
class ReportForm:
    """What a reporter fills in."""

    description: str
    severity: str
    place: str | None = None
    department_id: str | None = None
    quoted: str | None = None
    source_link: str | None = None
    photo_file_id: str | None = None


def _text(
    value: str | None, field: str, what: str, required: bool = False, limit: int = MAX_TEXT
) -> str | None:
    value = (value or "").strip()
    if required and not value:
        raise InvalidInput(f"Say {what}.", field=field)
    return within(value, limit, field)


def _checked(
    session: Session, production: Production, form: ReportForm
) -> tuple[str, str | None, str | None, Department | None]:
    """(description, place, quoted, department), or FormInvalid naming every wrong field."""
    found = FieldErrors()
    description = found.take(_text, form.description, "description", "what happened", True)
    place = found.take(_text, form.place, "place", "where", limit=200)
    quoted = found.take(_text, form.quoted, "description", "the message")
    if form.severity not in SEVERITIES:
        found.add("severity", "Pick how serious it is.")
    department = None
    if form.department_id:
        wanted = str(form.department_id)
        # A forged "abc" (or a 40-digit id) is no department; never let it reach the database.
        ok = wanted.isascii() and wanted.isdigit() and len(wanted) < 10
        department = session.get(Department, int(wanted)) if ok else None
        if department is None or department.production_id != production.id:
            found.add("department", "Pick a department from the list.")
    found.check()
    return description or "", place, quoted, department


def report(
    session: Session, production: Production, reporter: str, form: ReportForm, now: datetime
) -> Problem:
    """File a problem (crew of this production): posted, and escalated if nobody takes it."""
    permissions.require(session, production, reporter, "problem.report")
    alerts.channel(production)  # refuse before anything is stored if there is nowhere to post
    description, place, quoted, department = _checked(session, production, form)
    number = sequences.next_number(session, Problem.number, production.id)
    problem = Problem(
        production_id=production.id,
        number=number,
        reporter=reporter,
        description=description,
        place=place,
        department=department,
        severity=form.severity,
        status="open",
        quoted=quoted,
        source_link=form.source_link,
        photo_file_id=form.photo_file_id,
        created_at=now,
        day=now.astimezone(ZoneInfo(production.timezone)).date(),
    )
    session.add(problem)
    session.flush()
    _event(session, problem, reporter, "reported", form.severity, now)
    events.record(session, ProblemReported(at=now, problem_id=problem.id))
    minutes = production.settings.get("escalate_minutes", ESCALATE_AFTER).get(problem.severity)
    if minutes:
        schedule(
            session,
            "problem.escalate",
            f"problem:{problem.id}:escalate:1",
            now + timedelta(minutes=minutes),
            {"problem_id": problem.id, "step": 1},
        )
    return problem


def find(session: Session, team_id: str, problem_id: int) -> tuple[Production, Problem]:
    """A problem and its production, from a button or modal."""
    return fetch(session, team_id, Problem, problem_id, "problem")


def check_open(problem: Problem) -> None:
    """A resolved or deleted problem takes no more updates, owners or notes."""
    if problem.status == "resolved":
        raise InvalidInput(f"Problem #{problem.number} is already resolved.")
    if problem.status == "deleted":
        raise InvalidInput(f"Problem #{problem.number} was deleted.")


def take(
    session: Session, production: Production, problem: Problem, actor: str, now: datetime
) -> Problem:
    """Own a problem (anyone on the crew list); someone else's needs a coordinator."""
    permissions.require(session, production, actor, "problem.take")
    check_open(problem)
    if problem.owner is not None:  # a race, or an old copy: say who has it, change nothing
        who = names(session, production).get(problem.owner, "Someone")
        who = "You" if problem.owner == actor else who
        raise InvalidInput(
            f"{who} already took problem #{problem.number}; a coordinator can reassign it."
        )
    problem.owner, problem.status, problem.taken_at = actor, "owned", now
    _event(session, problem, actor, "taken", None, now)
    _stop_escalating(session, problem)
    events.record(session, ProblemTaken(at=now, problem_id=problem.id))
    return problem


def add_update(
    session: Session,
    production: Production,
    problem: Problem,
    actor: str,
    text: str | None,
    now: datetime,
) -> Problem:
    """Add an update (anyone on the crew list): shown on the post and in its thread."""
    permissions.require(session, production, actor, "problem.update")
    check_open(problem)
    update = _text(text, "update", "what's new", required=True)
    problem.latest_update = update
    _event(session, problem, actor, "update", update, now)
    events.record(
        session, ProblemUpdated(at=now, problem_id=problem.id, actor=actor, text=update or "")
    )
    return problem


def resolve(
    session: Session,
    production: Production,
    problem: Problem,
    actor: str,
    note: str | None,
    now: datetime,
) -> Problem:
    """Resolve a problem with a note; the reporter hears how it ended."""
    permissions.require(session, production, actor, "problem.resolve")
    check_open(problem)
    problem.resolution = _text(note, "resolution", "how it was resolved", required=True)
    problem.status, problem.resolved_at = "resolved", now
    problem.owner = problem.owner or actor
    _event(session, problem, actor, "resolved", problem.resolution, now)
    _stop_escalating(session, problem)
    events.record(session, ProblemResolved(at=now, problem_id=problem.id, actor=actor))
    return problem


def reassign(
    session: Session,
    production: Production,
    problem: Problem,
    actor: str,
    new_owner: str | None,
    now: datetime,
) -> Problem:
    """Give a problem to someone else (coordinators only)."""
    permissions.require(session, production, actor, "problem.reassign")
    check_open(problem)
    if not new_owner or member(session, production, new_owner) is None:
        raise InvalidInput("Pick someone on the crew list.", field="owner")
    problem.owner, problem.status = new_owner, "owned"
    problem.taken_at = problem.taken_at or now
    _event(session, problem, actor, "reassigned", new_owner, now)
    _stop_escalating(session, problem)
    events.record(session, ProblemReassigned(at=now, problem_id=problem.id))
    return problem


def delete(
    session: Session, production: Production, problem: Problem, actor: str, now: datetime
) -> Problem:
    """Withdraw a problem reported by mistake (coordinators only); the record stays."""
    permissions.require(session, production, actor, "problem.delete")
    check_open(problem)
    problem.status = "deleted"
    _event(session, problem, actor, "deleted", None, now)
    _stop_escalating(session, problem)
    events.record(session, ProblemDeleted(at=now, problem_id=problem.id))
    return problem


def set_work_state(
    session: Session,
    production: Production,
    problem: Problem,
    actor: str,
    state: str,
    now: datetime,
) -> Problem:
    """For a safety problem: the owner confirms work has stopped, or that it is safe."""
    person = permissions.require(session, production, actor, "problem.confirm_safe")
    # Whoever may reassign the problem may also speak for its owner.
    if actor != problem.owner and not permissions.allowed(person, "problem.reassign"):
        raise NotAuthorized("Only the problem's owner or a coordinator can say that.")
    check_open(problem)
    problem.work_state = state
    _event(session, problem, actor, f"work_{state}", None, now)
    events.record(session, ProblemWorkStateSet(at=now, problem_id=problem.id))
    return problem


def _event(
    session: Session,
    problem: Problem,
    actor: str | None,
    kind: str,
    detail: str | None,
    now: datetime,
) -> None:
    # Through the relationship, so the history read later in this transaction includes it.
    problem.events.append(ProblemEvent(at=now, actor=actor, kind=kind, detail=detail))


def _stop_escalating(session: Session, problem: Problem) -> None:
    for step in (1, 2):
        cancel(session, f"problem:{problem.id}:escalate:{step}")


def escalate_job(session: Session, payload: dict, now: datetime) -> None:
    """Nobody took it: tell the coordinators, then louder."""
    problem = session.get(Problem, payload["problem_id"])
    if problem is None or problem.status != "open":
        return
    production = session.get(Production, problem.production_id)
    assert production is not None
    step = payload["step"]
    _event(session, problem, None, "escalated", str(step), now)
    events.record(session, ProblemEscalated(at=now, problem_id=problem.id, step=step))
    if step == 1:
        minutes = production.settings.get("escalate_minutes", ESCALATE_AFTER).get(
            problem.severity, 10
        )
        schedule(
            session,
            "problem.escalate",
            f"problem:{problem.id}:escalate:2",
            now + timedelta(minutes=minutes),
            {"problem_id": problem.id, "step": 2},
        )
