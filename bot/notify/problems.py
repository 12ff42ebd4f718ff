"""Notify for problems: the post edited in place, its thread, the reporter, the owner."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot import outbox
from bot.blocks.escape import escape
from bot.blocks.problems import problems as blocks
from bot.notify import copies
from bot.notify.registry import Subscribers
from bot.services.core.crew_names import names
from bot.services.problems import alerts
from bot.services.problems.events import (
    ProblemChange,
    ProblemDeleted,
    ProblemEscalated,
    ProblemReassigned,
    ProblemReported,
    ProblemResolved,
    ProblemTaken,
    ProblemUpdated,
    ProblemWorkStateSet,
)
from bot.services.problems.views import ProblemView, view_of
from bot.store.models import Production
from bot.store.models_problems import Problem


def ref(problem: Problem) -> str:
    """The outbox ref of a problem's post."""
    return f"problem:{problem.id}"


def copy_ref(problem: Problem, kind: str, user: str) -> str:
    """The ref of one DM copy: `problem:12:alert:U123`; a kind sent again gets a new one."""
    return f"problem:{problem.id}:{kind}:{user}:{len(problem.events)}"


def _load(session: Session, event: ProblemChange) -> tuple[Production, Problem]:
    problem = session.get(Problem, event.problem_id)
    assert problem is not None
    production = session.get(Production, problem.production_id)
    assert production is not None
    return production, problem


def _view(session: Session, production: Production, problem: Problem) -> ProblemView:
    return view_of(problem, names(session, production))


def _blocks(session: Session, production: Production, problem: Problem, now: datetime) -> list:
    return blocks.problem_blocks(_view(session, production, problem), production.timezone, now)


def _title(problem: Problem) -> str:
    return blocks.title(view_of(problem, {}))


def _post(
    session: Session,
    user: str,
    text: str,
    now: datetime,
    shown: list | None = None,
    ref: str | None = None,
) -> None:
    outbox.post_message(session, user, text=text, blocks=shown, now=now, ref=ref)


def _name(session: Session, production: Production, user: str | None) -> str:
    return escape(names(session, production).get(user or "", "someone"))


def announce(session: Session, event: ProblemReported) -> None:
    """Post a new problem, confirm to its reporter, alert coordinators if urgent."""
    production, problem = _load(session, event)
    shown = _blocks(session, production, problem, event.at)
    outbox.post_message(
        session,
        alerts.channel(production),  # the service refused the report if there is none
        text=_title(problem),
        blocks=shown,
        ref=ref(problem),
        now=event.at,
    )
    reported = f"Reported {_title(problem)}. I'll tell you when someone takes it."
    mine = blocks.reporter_blocks(_view(session, production, problem), event.at)
    _post(
        session,
        problem.reporter,
        reported,
        event.at,
        mine,
        copy_ref(problem, "reporter", problem.reporter),
    )
    if problem.severity in ("urgent", "safety"):
        for coordinator in alerts.coordinators(session, production):
            if coordinator != problem.reporter:
                _post(
                    session,
                    coordinator,
                    f":rotating_light: {_title(problem)}",
                    event.at,
                    shown,
                    copy_ref(problem, "alert", coordinator),
                )


def refresh(session: Session, event: ProblemChange) -> None:
    """Edit the post and every DM copy in place: each shows where the problem stands now."""
    production, problem = _load(session, event)
    shown = _view(session, production, problem)
    post = blocks.problem_blocks(shown, production.timezone, event.at)
    text = _title(problem)
    for each in [ref(problem), *copies.refs(session, ref(problem) + ":")]:
        _, _, kind, user, *_ = [*each.split(":"), "", "", ""]
        body, said = post, text
        if kind == "work":
            body = blocks.work_state_blocks(shown, event.at, user == problem.owner)
        elif kind == "reporter":
            body = blocks.reporter_blocks(shown, event.at)
            said = f"Reported {text} — {blocks.status_line(shown, event.at)}"
        outbox.update_message(session, each, text=said, blocks=body, now=event.at)


def _thread(session: Session, production: Production, problem: Problem, text: str, now: datetime):
    # The post's own channel; a channel unset since is no reason to fail the change.
    where = production.problems_channel_id or production.coordinators_channel_id
    if where:
        outbox.post_message(session, where, text=text, thread_ref=ref(problem), now=now)


def taken(session: Session, event: ProblemTaken) -> None:
    """Tell the thread and the reporter; ask the owner of a safety problem about work."""
    production, problem = _load(session, event)
    owner = _name(session, production, problem.owner)
    _thread(session, production, problem, f"Taken by {owner}.", event.at)
    if problem.reporter != problem.owner:
        _post(
            session,
            problem.reporter,
            f"{owner} took your problem {_title(problem)}.",
            event.at,
        )
    if problem.severity == "safety" and problem.owner:
        _ask_work_state(session, production, problem, event.at)


def _ask_work_state(session: Session, production: Production, problem: Problem, now: datetime):
    owner = problem.owner or ""
    shown = blocks.work_state_blocks(_view(session, production, problem), now)
    _post(session, owner, _title(problem), now, shown, copy_ref(problem, "work", owner))


def updated(session: Session, event: ProblemUpdated) -> None:
    """Show the update in the post's thread."""
    production, problem = _load(session, event)
    who = _name(session, production, event.actor)
    _thread(session, production, problem, f"Update from {who}: {escape(event.text)}", event.at)


def resolved(session: Session, event: ProblemResolved) -> None:
    """Say how it ended in the thread, and tell the reporter."""
    production, problem = _load(session, event)
    who = _name(session, production, event.actor)
    note = escape(problem.resolution)
    _thread(session, production, problem, f"Resolved by {who}: {note}", event.at)
    if problem.reporter != event.actor:
        _post(
            session,
            problem.reporter,
            f"Resolved: {_title(problem)} — {who}: {note}",
            event.at,
        )


def reassigned(session: Session, event: ProblemReassigned) -> None:
    """Tell the new owner and the thread."""
    production, problem = _load(session, event)
    owner = _name(session, production, problem.owner)
    _thread(session, production, problem, f"Reassigned to {owner}.", event.at)
    if problem.owner:
        shown = _blocks(session, production, problem, event.at)
        text = f"You now own {_title(problem)}."
        _post(
            session, problem.owner, text, event.at, shown, copy_ref(problem, "owner", problem.owner)
        )
        if problem.severity == "safety":
            _ask_work_state(session, production, problem, event.at)


def escalated(session: Session, event: ProblemEscalated) -> None:
    """Step 1: DM the coordinators. Step 2: louder, in their channel, with @here."""
    production, problem = _load(session, event)
    waited = blocks.status_line(view_of(problem, {}), event.at)
    if event.step == 1:
        shown = _blocks(session, production, problem, event.at)
        for coordinator in alerts.coordinators(session, production):
            text = f"Nobody has taken {_title(problem)} ({waited})."
            _post(
                session, coordinator, text, event.at, shown, copy_ref(problem, "nudge", coordinator)
            )
        return
    # Our own words, not user text: this @here is deliberate.
    target = production.coordinators_channel_id or production.problems_channel_id
    if not target:
        return
    loud = f"<!here> STILL UNTAKEN: {_title(problem)} — {waited}. Someone take it now."
    _post(session, target, loud, event.at)


SUBSCRIBERS: Subscribers = {
    ProblemReported: announce,
    ProblemTaken: (refresh, taken),
    ProblemUpdated: (refresh, updated),
    ProblemResolved: (refresh, resolved),
    ProblemReassigned: (refresh, reassigned),
    ProblemDeleted: refresh,
    ProblemWorkStateSet: refresh,
    ProblemEscalated: escalated,
}
