"""Night Owl with one of every avail, hold and booking surface, for the listener walk."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from bot.services.booking import holds
from bot.store.models import Production
from slack_emulator import User
from tests.conftest import Crew
from tests.harness import Running


def _latest(running: Running, user: User, start: str):
    found = [m for m in running.emulator.workspace.dm_messages(user.id) if m.text.startswith(start)]
    return found[-1]


def stage(running: Running, crew: Crew, dan: User) -> None:
    """Cora asks Gus and Pat; Daybreak (Dan) first-holds Gus; Cora holds both (Gus second, with
    Challenge), Pat is offered a booking (Confirm / Release to Cora); Cora books Bo and first-holds
    Ivy with /hold."""
    slack, cora, office = running.slack, crew.coordinator, crew.coordinators_channel
    ivy = running.emulator.workspace.add_user("ivy", "ivy@free.film", real_name="Ivy Ives")
    slack.command(cora, "/avail", channel=office)
    form = {
        "position": "Key Grip",
        "first_day": "2026-06-14",
        "last_day": "2026-06-16",
        "members": [crew.grip.id, crew.pa.id, ivy.id],
    }
    slack.submit(cora, slack.last_view(cora), form)
    running.deliver()
    for user in (crew.grip, crew.pa, ivy):  # Ivy is left unheld: a Hold button stays
        slack.click(user, "avail_yes", message=_latest(running, user, "Night Owl: are you free"))
    slack.click(crew.grip, "avail_partly", message=_latest(running, crew.grip, "Night Owl: are"))
    with running.db() as db:
        daybreak = db.scalar(select(Production).where(Production.name == "Daybreak"))
        days = [date(2026, 6, 14), date(2026, 6, 16)]
        now = running.clock.now()
        holds.place(db, daybreak, dan.id, crew.grip.id, "Gus Grip", "Grip", days, now)
        db.commit()
    running.deliver()
    for _ in range(2):  # Gus (second hold, after Daybreak's), then Pat (first hold)
        slack.click(cora, "avail_hold", message=_latest(running, cora, "Avail Key Grip"))
        running.deliver()
    slack.click(crew.pa, "hold_offered", message=_latest(running, crew.pa, "Night Owl has put"))
    bo = running.emulator.workspace.add_user("bo", "bo@free.film", real_name="Bo Boom")
    slack.command(cora, "/book", channel=office)
    booking = {
        "person": bo.id,
        "position": "Best Boy",
        "first_day": "2026-06-20",
        "rate": "500",
    }
    slack.submit(cora, slack.last_view(cora), booking)
    slack.command(cora, "/bookings", channel=office)
    slack.command(cora, "/book", channel=office)
    # Pat's challenged hold DM lost its button: Ivy's direct first hold offers one.
    slack.command(cora, "/hold", f"<@{ivy.id}> Key Grip 6/24 first", channel=office)
    running.deliver()
