"""Shared steps for the call sheet tests: compose a day the way a coordinator does."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.store.models import Person
from bot.store.models_callsheet import ShootDay
from slack_emulator import Message, User
from tests.conftest import Crew
from tests.harness import Running

FRIDAY = {
    "general_call": "6:30a",
    "shooting_call": "8a",
    "estimated_wrap": "7p",
    "lunch": "12:30p",
    "location_name": "Rosa's Diner",
    "location_address": "123 Main St, Los Angeles",
    "location_parking": "Lot B behind the diner",
    "location_hospital": "Good Samaritan · 1225 Wilshire Blvd · 213-555-0100",
    "location_coordinates": "34.0522, -118.2437",
    "scenes": "12 | INT. DINER | D | 1 4/8 | Ana\n14 | EXT. STREET | N | 3/8 |",
    "departments": "Grip -30",
}


def compose(running: Running, crew: Crew, day: str = "fri", **answers: Any) -> Any:
    """/callsheet <day>, fill the editor, Save."""
    running.slack.command(crew.coordinator, "/callsheet", day, channel=crew.crew_channel)
    view = running.slack.last_view(crew.coordinator)
    return running.slack.submit(crew.coordinator, view, {**FRIDAY, **answers})


def publish(running: Running, crew: Crew, day: str = "fri") -> dict:
    """/callsheet publish <day>, run the queued job, deliver; the progress DM's outcome (or
    the command's refusal)."""
    reply = running.slack.command(
        crew.coordinator, "/callsheet", f"publish {day}", channel=crew.coordinators_channel
    ).json()
    if not reply["text"].startswith("Publishing"):
        return reply
    return run_publish(running, crew.coordinator)


def run_publish(running: Running, coordinator: User) -> dict:
    """Tick the scheduler (the queued publish runs), deliver; the progress DM as it ends."""
    running.deliver()
    running.slate.scheduler.tick()
    running.deliver()
    message = progress(running, coordinator)
    return {"text": message.text, "blocks": message.blocks}


def progress(running: Running, coordinator: User) -> Message:
    """The coordinator's latest publish progress DM."""
    return [
        m
        for m in running.emulator.workspace.dm_messages(coordinator.id)
        if m.text.startswith("Publishing")
        or any(h["text"].startswith("Publishing") for h in m.history)
    ][-1]


def call_dms(running: Running, user: User) -> list[Message]:
    """The call sheet DMs a person received (not other DMs)."""
    return [
        m
        for m in running.emulator.workspace.dm_messages(user.id)
        if m.text.startswith(("Your call", "REVISED", "Confirmed", "Superseded"))
    ]


def tally(running: Running, crew: Crew) -> Message:
    """The tally message in the coordinators' channel."""
    found = [
        m
        for m in running.emulator.workspace.channel_messages(crew.coordinators_channel)
        if m.text.startswith("Day ") and "confirmed" in m.text
    ]
    assert len(found) == 1, [m.text for m in found]
    return found[0]


def days(running: Running) -> list[ShootDay]:
    """Every stored shoot day."""
    with running.db() as db:
        return list(db.scalars(select(ShootDay).order_by(ShootDay.date)))


def set_phone(running: Running, user: User, phone: str) -> None:
    """Give a crew member a phone number."""
    with running.db() as db:
        person = db.scalar(select(Person).where(Person.slack_user_id == user.id))
        person.phone = phone
        db.commit()
