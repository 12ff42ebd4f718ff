"""Who hears about a problem, and when: the post, the reporter, the owner, the coordinators."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import outbox
from bot.blocks.escape import escape
from bot.blocks.problems import problems as blocks
from bot.errors import InvalidInput
from bot.store.models import Person, Production
from bot.store.models_problems import Problem


def names(session: Session, production: Production) -> dict[str, str]:
    """Slack user id -> name on the crew list."""
    rows = session.execute(
        select(Person.slack_user_id, Person.name).where(
            Person.production_id == production.id, Person.slack_user_id.is_not(None)
        )
    )
    return {uid: name for uid, name in rows}


def channel(production: Production) -> str:
    """Where problems are posted: the problems channel, else the coordinators'."""
    found = production.problems_channel_id or production.coordinators_channel_id
    if not found:
        raise InvalidInput("This production has no problems channel yet: /slate setup.")
    return found


def ref(problem: Problem) -> str:
    """The outbox ref of a problem's post."""
    return f"problem:{problem.id}"


def coordinators(session: Session, production: Production) -> list[str]:
    """Slack ids of the production's coordinators."""
    return list(
        session.scalars(
            select(Person.slack_user_id).where(
                Person.production_id == production.id,
                Person.role == "coordinator",
                Person.slack_user_id.is_not(None),
            )
        )
    )


def _blocks(session: Session, production: Production, problem: Problem, now: datetime) -> list:
    return blocks.problem_blocks(problem, names(session, production), production.timezone, now)


def announce(session: Session, production: Production, problem: Problem, now: datetime) -> None:
    """Post a new problem, confirm to its reporter, alert coordinators if urgent."""
    outbox.post_message(
        session,
        channel(production),
        text=blocks.title(problem),
        blocks=_blocks(session, production, problem, now),
        ref=ref(problem),
        now=now,
    )
    outbox.post_message(
        session,
        problem.reporter,
        now=now,
        text=(f"Reported {blocks.title(problem)}. I'll tell you when someone takes it."),
    )
    if problem.severity in ("urgent", "safety"):
        for coordinator in coordinators(session, production):
            if coordinator != problem.reporter:
                outbox.post_message(
                    session,
                    coordinator,
                    now=now,
                    text=f":rotating_light: {blocks.title(problem)}",
                    blocks=_blocks(session, production, problem, now),
                )


def refresh(session: Session, production: Production, problem: Problem, now: datetime) -> None:
    """Edit the post in place to show where the problem stands."""
    outbox.update_message(
        session,
        ref(problem),
        text=blocks.title(problem),
        blocks=_blocks(session, production, problem, now),
        now=now,
    )


def _thread(
    session: Session, production: Production, problem: Problem, text: str, now: datetime
) -> None:
    outbox.post_message(session, channel(production), text=text, thread_ref=ref(problem), now=now)


def taken(session: Session, production: Production, problem: Problem, now: datetime) -> None:
    """Tell the thread and the reporter; ask the owner of a safety problem about work."""
    refresh(session, production, problem, now)
    owner = escape(names(session, production).get(problem.owner or "", "someone"))
    _thread(session, production, problem, f"Taken by {owner}.", now)
    if problem.reporter != problem.owner:
        outbox.post_message(
            session,
            problem.reporter,
            now=now,
            text=f"{owner} took your problem {blocks.title(problem)}.",
        )
    if problem.severity == "safety" and problem.owner:
        outbox.post_message(
            session,
            problem.owner,
            now=now,
            text=blocks.title(problem),
            blocks=blocks.work_state_blocks(problem),
        )


def updated(
    session: Session, production: Production, problem: Problem, actor: str, text: str, now: datetime
) -> None:
    """Show the update on the post and in its thread."""
    refresh(session, production, problem, now)
    who = escape(names(session, production).get(actor, "someone"))
    _thread(session, production, problem, f"Update from {who}: {escape(text)}", now)


def resolved(
    session: Session, production: Production, problem: Problem, actor: str, now: datetime
) -> None:
    """Close the post, say how in the thread, and tell the reporter."""
    refresh(session, production, problem, now)
    who = escape(names(session, production).get(actor, "someone"))
    note = escape(problem.resolution)
    _thread(session, production, problem, f"Resolved by {who}: {note}", now)
    if problem.reporter != actor:
        outbox.post_message(
            session,
            problem.reporter,
            now=now,
            text=f"Resolved: {blocks.title(problem)} — {who}: {note}",
        )


def reassigned(session: Session, production: Production, problem: Problem, now: datetime) -> None:
    """Tell the new owner and the thread."""
    refresh(session, production, problem, now)
    owner = escape(names(session, production).get(problem.owner or "", "someone"))
    _thread(session, production, problem, f"Reassigned to {owner}.", now)
    if problem.owner:
        outbox.post_message(
            session,
            problem.owner,
            now=now,
            text=f"You now own {blocks.title(problem)}.",
            blocks=_blocks(session, production, problem, now),
        )


def escalate(
    session: Session, production: Production, problem: Problem, step: int, now: datetime
) -> None:
    """Step 1: DM the coordinators. Step 2: louder, in their channel, with @here."""
    waited = blocks.status_line(problem, {}, now)
    if step == 1:
        for coordinator in coordinators(session, production):
            outbox.post_message(
                session,
                coordinator,
                now=now,
                text=f"Nobody has taken {blocks.title(problem)} ({waited}).",
                blocks=_blocks(session, production, problem, now),
            )
        return
    # Our own words, not user text: this @here is deliberate.
    target = production.coordinators_channel_id or channel(production)
    outbox.post_message(
        session,
        target,
        now=now,
        text=(f"<!here> STILL UNTAKEN: {blocks.title(problem)} — {waited}. Someone take it now."),
    )
