"""One Slate per test module for the bad-input catalogue: a production with a day, an expense,
a task, a problem and a daily report draft, so every form can be opened and abused."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, inspect, text

from bot.store.models import Production
from slack_emulator import SlackEmulator, SlackSide, User
from slack_emulator.payloads import view_submission
from slack_emulator.state_values import fill_view
from tests import harness
from tests.conftest import NOW, Crew, make_crew
from tests.databases import empty_tables
from tests.handlers.callsheet_helpers import compose, publish

LA = ZoneInfo("America/Los_Angeles")
# Bookkeeping that a refused request may still touch: replies in the outbox, receipts of
# requests seen (replay protection), number counters, and which production someone uses.
BOOKKEEPING = {"outbox", "request_receipts", "counters", "user_contexts", "alembic_version"}
SORRY = "something went wrong"


@dataclass
class World:
    """Slate under test with one of everything to open forms on."""

    running: harness.Running
    crew: Crew
    messages: dict[str, Any] = field(default_factory=dict)

    def user(self, who: str) -> User:
        """The crew member called `who` (coordinator, pa, grip, outsider)."""
        return getattr(self.crew, who)

    def snapshot(self) -> dict[str, list[str]]:
        """Every domain row, to prove a refusal stored nothing."""
        engine: Engine = self.running.slate.engine
        with engine.connect() as connection:
            names = set(inspect(connection).get_table_names()) - BOOKKEEPING
            return {
                name: sorted(
                    repr(tuple(row)) for row in connection.execute(text(f"SELECT * FROM {name}"))
                )
                for name in sorted(names)
            }

    def open_form(self, who: str, opener: str, arg: str) -> dict[str, Any]:
        """Open a modal the way the person would: a command, or a button on a message."""
        slack, user = self.running.slack, self.user(who)
        if opener.startswith("/"):
            reply = slack.command(user, opener, arg, channel=self.crew.crew_channel)
            assert reply.status_code == 200, reply.text
        else:
            slack.click(user, opener, message=self.messages[opener])
        return slack.last_view(user)

    def press(self, who: str, action_id: str, value: str) -> str:
        """Press a button whose value was forged; what the person is told, by any route."""
        ws, user = self.running.emulator.workspace, self.user(who)
        message = copy.deepcopy(self.messages[action_id])
        for block in message.blocks:
            for element in block.get("elements") or [block.get("accessory") or {}]:
                if isinstance(element, dict) and element.get("action_id") == action_id:
                    element["value"] = value
        seen = len(ws.ephemerals), len(ws.dm_messages(user.id))
        reply = self.running.slack.click(user, action_id, message=message)
        assert reply.status_code == 200, reply.text
        self.running.deliver()
        told = [e.text for e in ws.ephemerals[seen[0] :] if e.user == user.id]
        return " ".join(told + [m.text for m in ws.dm_messages(user.id)[seen[1] :]])

    def submit(
        self, who: str, view: dict[str, Any], answers: dict[str, Any], forged: dict[str, Any]
    ) -> Any:
        """Press Submit with `answers`; `forged` replaces raw states a real client cannot send."""
        values = fill_view(view, answers)
        for action_id, state in forged.items():
            block_id = (
                next(
                    b["block_id"]
                    for b in view["blocks"]
                    if (b.get("element") or {}).get("action_id") == action_id
                )
                if any(
                    (b.get("element") or {}).get("action_id") == action_id for b in view["blocks"]
                )
                else action_id
            )
            values[block_id] = {action_id: state}
        payload = view_submission(self.running.emulator.workspace, self.user(who), view, values)
        return self.running.slack.send_interaction(payload)


def _at(running: harness.Running, hour: int, minute: int = 0) -> None:
    running.clock.set(datetime(2026, 6, 12, hour, minute, tzinfo=LA))
    running.slate.scheduler.tick()
    running.deliver()


def _last(messages: list[Any], action_id: str) -> Any:
    for message in reversed(messages):
        for block in message.blocks:
            for element in block.get("elements") or [block.get("accessory") or {}]:
                if isinstance(element, dict) and element.get("action_id") == action_id:
                    return message
    raise LookupError(action_id)


def build_world(database: Engine) -> Iterator[World]:
    """Night Owl on Friday evening: a day published and wrapped, one of each thing open."""
    emulator = SlackEmulator().start()
    slate = harness.build(emulator, database, NOW)
    try:
        with harness.serve(slate) as url:
            slack = SlackSide(emulator, f"{url}/slack/events", harness.SIGNING_SECRET)
            running = harness.Running(slate, url, slack, emulator, slate.clock)  # type: ignore[arg-type]
            crew = make_crew(running)
            world = World(running, crew)
            _stock(world)
            yield world
            slack.close()
    finally:
        emulator.stop()
        empty_tables(database)


def _stock(world: World) -> None:
    running, crew = world.running, world.crew
    ws = running.emulator.workspace
    problems = ws.add_channel("nightowl-problems").id
    with running.db() as db:
        db.get(Production, crew.production_id).problems_channel_id = problems
        db.commit()
    compose(running, crew)
    publish(running, crew)
    _at(running, 7, 0)
    slack = running.slack
    slack.command(crew.grip, "/problem", "generator is down")
    slack.submit(crew.grip, slack.last_view(crew.grip), {"severity": "urgent"})
    slack.command(crew.grip, "/expense", "42.50 gaffer tape")
    slack.command(crew.coordinator, "/assign", f"<@{crew.grip.id}> fetch ice")
    _at(running, 19, 50)
    slack.command(crew.coordinator, "/wrap", "19:42")
    running.deliver()
    office = ws.channel_messages(crew.coordinators_channel)
    for action in ("expense_reject", "expense_approve", "dpr_edit", "dpr_post"):
        world.messages[action] = _last(office, action)
    for action in ("task_cant", "task_accept", "task_done"):
        world.messages[action] = _last(ws.dm_messages(crew.grip.id), action)
    posted = ws.channel_messages(problems)
    for action in ("problem_update", "problem_resolve", "problem_reassign", "problem_take"):
        world.messages[action] = _last(posted, action)
