"""The meal clock through signed requests."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.store.models import Person
from bot.store.models_wrap import Meal
from tests.conftest import Crew
from tests.handlers.callsheet_helpers import compose, publish
from tests.harness import Running

LA = ZoneInfo("America/Los_Angeles")


def at(running: Running, hour: int, minute: int = 0) -> int:
    running.clock.set(datetime(2026, 6, 12, hour, minute, tzinfo=LA))
    ran = running.slate.scheduler.tick()
    running.deliver()
    return ran


def office(running: Running, crew: Crew) -> list[str]:
    return [
        m.text
        for m in running.emulator.workspace.channel_messages(crew.coordinators_channel)
        if "meal" in m.text.lower()
    ]


def test_warned_before_then_a_late_meal_is_costed(running: Running, crew: Crew) -> None:
    compose(running, crew)  # call 6:30a: the first meal is due at 12:30
    publish(running, crew)
    at(running, 12, 0)
    assert at(running, 12, 1) == 0  # warned once
    at(running, 12, 30)
    running.clock.set(datetime(2026, 6, 12, 13, 15, tzinfo=LA))
    reply = running.slack.command(crew.coordinator, "/meal", "start").json()
    assert reply["text"] == (
        "Meal started for the crew at 1:15 PM. It was 45 min late: estimated penalty $180.00."
    )  # 3 people x ($25 + $35)
    running.deliver()
    assert office(running, crew) == [
        ":fork_and_knife: The crew's meal is due at 12:30 PM (30 min). Call it with `/meal start`.",
        ":rotating_light: The crew's meal was due at 12:30 PM: meal penalties are running.",
        ":warning: Meal for the crew started 45 min late (due 12:30 PM, started 1:15 PM): "
        "estimated penalty $180.00 for 3 people.",
    ]
    running.clock.set(datetime(2026, 6, 12, 13, 45, tzinfo=LA))
    ended = running.slack.command(crew.coordinator, "/meal", "end").json()
    assert ended["text"] == "Meal ended for the crew at 1:45 PM."
    at(running, 19, 15)  # the second meal is due 6 h after the first ended
    assert office(running, crew)[-1].startswith(
        ":fork_and_knife: The crew's meal is due at 7:45 PM"
    )
    with running.db() as db:
        (meal,) = db.scalars(select(Meal)).all()
        assert (meal.late_minutes, meal.people, meal.penalty) == (45, 3, Decimal("180.00"))


def test_a_qualifying_breakfast_restarts_the_clock(running: Running, crew: Crew) -> None:
    compose(running, crew, breakfast="7a", lunch="1:15p")
    publish(running, crew)
    running.clock.set(datetime(2026, 6, 12, 13, 15, tzinfo=LA))
    reply = running.slack.command(crew.coordinator, "/meal", "start").json()
    assert reply["text"] == "Meal started for the crew at 1:15 PM."  # due 7:15 + 6 h


def test_only_coordinators_and_the_ad_call_meals(running: Running, crew: Crew) -> None:
    compose(running, crew)
    publish(running, crew)
    running.clock.set(datetime(2026, 6, 12, 12, 0, tzinfo=LA))
    assert (
        "Only coordinators and the AD"
        in running.slack.command(crew.grip, "/meal", "start").json()["text"]
    )
    with running.db() as db:
        db.scalar(select(Person).where(Person.slack_user_id == crew.pa.id)).position = "2nd AD"
        db.commit()
    assert running.slack.command(crew.pa, "/meal", "12:00-12:30 grip").json()["text"] == (
        "Meal recorded for Grip: 12:00 PM to 12:30 PM."
    )
    assert (
        "can't end before" in running.slack.command(crew.pa, "/meal", "12:30-12:00").json()["text"]
    )
    assert "No department" in running.slack.command(crew.pa, "/meal", "start camera").json()["text"]


def test_no_day_in_progress_says_so_in_the_meal_clocks_words(running: Running, crew: Crew) -> None:
    """Before any call has come, /meal says there is no meal to time — not "nothing to wrap"."""
    said = running.slack.command(crew.coordinator, "/meal", "start").json()["text"]
    assert "nothing to time a meal on" in said and "wrap" not in said
