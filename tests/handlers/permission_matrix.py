"""Who is refused what, over the wire: a second production, and a snapshot of everything."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import select

from bot.services.core import crew as crew_service
from bot.services.core import productions
from bot.store.models import OutboxMessage, ScheduledJob
from bot.store.models_problems import Problem, ProblemEvent
from bot.store.models_tasks import Broadcast, BroadcastRecipient, Task
from slack_emulator import User
from tests.conftest import NOW, Crew
from tests.harness import Running

REFUSALS = ("crew list", "Only ", "someone else's")


@dataclass
class Cast:
    """Everyone the matrix runs as: Night Owl's crew, and people who are not on it."""

    coordinator: User
    pa: User
    crew: User
    outsider: User
    other_crew: User
    other_coordinator: User


def cast(running: Running, crew: Crew) -> Cast:
    """Add a second production, Day Lark, with its own coordinator and grip."""
    ws = running.emulator.workspace
    boss = ws.add_user("dora", "dora@daylark.film", real_name="Dora Lark")
    hand = ws.add_user("hal", "hal@daylark.film", real_name="Hal Lark")
    with running.db() as db:
        lark = productions.create_production(
            db,
            ws.team_id,
            productions.ProductionForm(
                "Day Lark", "America/Los_Angeles", "USD", ws.add_channel("daylark-crew").id
            ),
            now=NOW,
            creator_id=boss.id,
            creator_name="Dora Lark",
        )
        crew_service.import_crew(
            db,
            lark,
            "name,email,department,role,slack_user_id\n"
            f"Hal Lark,hal@daylark.film,Grip,crew,{hand.id}\n",
        )
        db.commit()
    return Cast(crew.coordinator, crew.pa, crew.grip, crew.outsider, hand, boss)


def refused_people(people: Cast) -> list[User]:
    """Those on no production, or on another production only."""
    return [people.outsider, people.other_crew, people.other_coordinator]


def snapshot(running: Running, actor: User) -> tuple[Any, ...]:
    """Every row the features change, and every message queued to anyone but `actor`."""
    with running.db() as db:
        outbox = [
            (m.method, m.channel, m.payload.get("text"))
            for m in db.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
            if actor.id not in (m.channel, m.payload.get("user"))
        ]
        return (
            [
                (p.id, p.status, p.owner, p.latest_update, p.resolution, p.work_state)
                for p in db.scalars(select(Problem).order_by(Problem.id))
            ],
            db.scalars(select(ProblemEvent.id).order_by(ProblemEvent.id)).all(),
            [(t.id, t.status, t.assignee) for t in db.scalars(select(Task).order_by(Task.id))],
            db.scalars(select(Broadcast.id)).all(),
            [
                (r.id, r.acknowledged_at)
                for r in db.scalars(select(BroadcastRecipient).order_by(BroadcastRecipient.id))
            ],
            sorted(db.execute(select(ScheduledJob.key, ScheduledJob.status)).tuples().all()),
            outbox,
        )


def heard(running: Running, actor: User) -> tuple[list[str], list[str]]:
    """Everything Slate has shown `actor` privately so far: (ephemerals, DMs)."""
    running.deliver()
    ws = running.emulator.workspace
    return [e.text for e in ws.ephemerals if e.user == actor.id], [
        m.text for m in ws.dm_messages(actor.id)
    ]


def refusal(running: Running, actor: User, response: httpx.Response, before: tuple) -> str:
    """What the actor was told: the reply, the modal's errors, or a new ephemeral or DM."""
    if response.content:
        body = response.json()
        return str(body.get("text", "")) + " ".join(body.get("errors", {}).values())
    now = heard(running, actor)
    return " ".join(now[0][len(before[0]) :] + now[1][len(before[1]) :])


def assert_refused(running: Running, actor: User, act: Any) -> None:
    """`act()` as `actor` is refused plainly, opens no form and changes nothing."""
    before, state, opened = heard(running, actor), snapshot(running, actor), views_opened(running)
    response = act()
    said = refusal(running, actor, response, before)
    assert any(word in said for word in REFUSALS), said
    assert snapshot(running, actor) == state
    assert views_opened(running) == opened


def views_opened(running: Running) -> int:
    """How many modals Slate has opened so far."""
    return len(running.emulator.calls("views.open"))
