"""Broadcasts and schedule changes through signed requests."""

from __future__ import annotations

import copy
import json

import pytest

from bot.services.core import crew as crew_service
from bot.store.models import Production
from tests.conftest import Crew
from tests.handlers import permission_matrix as matrix
from tests.handlers.callsheet_helpers import call_dms, compose, publish, run_publish
from tests.harness import Running


def _grip_department(running: Running) -> str:
    view = running.slack.last_view_named("broadcast_send")
    element = next(b["element"] for b in view["blocks"] if b["block_id"] == "departments")
    return next(o["value"] for o in element["options"] if o["text"]["text"] == "Grip")


def _add_grip(running: Running, crew: Crew):
    bea = running.emulator.workspace.add_user("bea", "bea@nightowl.film")
    with running.db() as db:
        crew_service.import_crew(
            db,
            db.get(Production, crew.production_id),
            f"name,email,department,slack_user_id\nBea Best,bea@nightowl.film,Grip,{bea.id}\n",
        )
        db.commit()
    return bea


def broadcast(running: Running, crew: Crew, **answers) -> dict:
    running.slack.command(crew.coordinator, "/broadcast")
    view = running.slack.last_view(crew.coordinator)
    reply = running.slack.submit(crew.coordinator, view, answers)
    running.deliver()
    return reply.json() if reply.content else {}


def got_it(running: Running, user) -> list:
    return [
        m
        for m in running.emulator.workspace.dm_messages(user.id)
        if m.text.startswith(("From", "Acknowledged"))
    ]


def tally(running: Running, crew: Crew):
    return [
        m
        for m in running.emulator.workspace.dm_messages(crew.coordinator.id)
        if m.text.startswith("Broadcast #")
    ][-1]


def test_a_department_broadcast_with_acknowledgment(running: Running, crew: Crew) -> None:
    bea = _add_grip(running, crew)
    running.slack.command(crew.coordinator, "/broadcast")
    grip = _grip_department(running)
    running.slack.submit(
        crew.coordinator,
        running.slack.last_view(crew.coordinator),
        {"message": "Rain plan: we move to Stage 5", "departments": [grip], "ack": ["yes"]},
    )
    running.deliver()
    assert len(got_it(running, crew.grip)) == 1 and len(got_it(running, bea)) == 1
    assert got_it(running, crew.pa) == []  # exactly that department
    assert tally(running, crew).text == "Broadcast #1: 0/2 acknowledged"
    running.slack.click(crew.grip, "broadcast_ack", message=got_it(running, crew.grip)[0])
    running.deliver()
    assert tally(running, crew).text == "Broadcast #1: 1/2 acknowledged"
    assert "Bea Best" in json.dumps(tally(running, crew).blocks)
    assert "Acknowledged at" in json.dumps(got_it(running, crew.grip)[0].blocks)
    for _ in range(2):
        running.clock.advance(minutes=60)
        running.slate.scheduler.tick()
        running.deliver()
    nudged = [
        m.text for m in running.emulator.workspace.messages if "Reminder: please tap" in m.text
    ]
    assert len(nudged) == 1  # only the silent one
    assert running.emulator.workspace.dm_messages(bea.id)[-1].text.startswith("Reminder")
    silent = [
        m.text
        for m in running.emulator.workspace.channel_messages(crew.coordinators_channel)
        if m.text.startswith("Still silent")
    ]
    assert len(silent) == 1 and "Bea Best" in silent[0] and "Gus Grip" not in silent[0]


def test_channels_roles_people_and_a_shoot_day(running: Running, crew: Crew) -> None:
    compose(running, crew)
    publish(running, crew)
    broadcast(
        running,
        crew,
        message="Parking moved to Lot C",
        channels=[crew.crew_channel],
        roles=["pa"],
        day="2026-06-12",
    )
    posts = [m.text for m in running.emulator.workspace.channel_messages(crew.crew_channel)]
    assert "From Cora Coordinator: Parking moved to Lot C" in posts
    for user in (crew.coordinator, crew.pa, crew.grip):  # all working Friday
        assert len(got_it(running, user)) == 1


def test_crew_are_refused_at_the_command_and_the_form(running: Running, crew: Crew) -> None:
    assert "Only coordinators" in running.slack.command(crew.grip, "/broadcast").json()["text"]
    running.slack.command(crew.coordinator, "/broadcast")
    view = running.slack.last_view(crew.coordinator)
    crafted = running.slack.submit(
        crew.grip, view, {"message": "free beer", "roles": ["crew"]}
    ).json()
    assert "Only coordinators" in json.dumps(crafted)
    assert got_it(running, crew.grip) == []


def test_an_empty_message_or_audience_is_refused(running: Running, crew: Crew) -> None:
    assert (
        "Nobody is in that audience"
        in broadcast(running, crew, message="hello")["errors"]["people"]
    )
    assert (
        "Write the message"
        in broadcast(running, crew, message=" ", roles=["crew"])["errors"]["message"]
    )


def test_broadcast_text_cannot_ping(running: Running, crew: Crew) -> None:
    broadcast(running, crew, message="<!everyone> lunch is late", roles=["crew"])
    (message,) = got_it(running, crew.grip)
    assert "<!everyone>" not in message.text + json.dumps(message.blocks)


def test_a_schedule_change_tells_the_affected_once(running: Running, crew: Crew) -> None:
    compose(running, crew)
    publish(running, crew)
    running.slack.command(crew.coordinator, "/schedulechange", "fri grip -60")
    assert run_publish(running, crew.coordinator)["text"].startswith(
        "Announced in the crew channel. Published Fri Jun 12, revision 2: 1 personal DM"
    )
    posts = [m.text for m in running.emulator.workspace.channel_messages(crew.crew_channel)]
    assert any("SCHEDULE CHANGE Fri Jun 12: Grip call 6:00 AM → 5:30 AM" in p for p in posts)
    assert len(call_dms(running, crew.grip)) == 2 and len(call_dms(running, crew.pa)) == 1
    refused = running.slack.command(crew.grip, "/schedulechange", "fri nope").json()
    assert "Only coordinators" in refused["text"]


@pytest.mark.parametrize("who", ["outsider", "other_crew", "other_coordinator"])
def test_people_off_the_production_cannot_broadcast_or_acknowledge(
    running: Running, crew: Crew, who: str
) -> None:
    actor = getattr(matrix.cast(running, crew), who)
    broadcast(running, crew, message="Lunch moved", people=[crew.pa.id], ack=["yes"])
    form = running.slack.last_view(crew.coordinator)
    (dm,) = got_it(running, crew.pa)
    slack = running.slack
    for attempt in (
        lambda: slack.command(actor, "/broadcast", "", channel=crew.crew_channel),
        lambda: slack.submit(actor, form, {"message": "hi", "people": [crew.pa.id]}),
        lambda: slack.click(actor, "broadcast_ack", message=dm),
    ):
        matrix.assert_refused(running, actor, attempt)


@pytest.mark.parametrize("who", ["pa", "grip"])
def test_only_coordinators_broadcast_and_recipients_acknowledge(
    running: Running, crew: Crew, who: str
) -> None:
    actor, slack = getattr(crew, who), running.slack
    broadcast(running, crew, message="Lunch moved", people=[actor.id], ack=["yes"])
    form = running.slack.last_view(crew.coordinator)
    matrix.assert_refused(running, actor, lambda: slack.command(actor, "/broadcast"))
    crafted = lambda: slack.submit(actor, form, {"message": "hi", "people": [actor.id]})  # noqa: E731
    matrix.assert_refused(running, actor, crafted)
    slack.click(actor, "broadcast_ack", message=got_it(running, actor)[0])
    running.deliver()
    assert tally(running, crew).text == "Broadcast #1: 1/1 acknowledged"


def test_a_second_got_it_says_when_and_changes_nothing(running: Running, crew: Crew) -> None:
    running.slack.command(crew.coordinator, "/broadcast")
    running.slack.submit(
        crew.coordinator,
        running.slack.last_view(crew.coordinator),
        {"message": "Wrap at 7", "people": [crew.grip.id], "ack": ["yes"]},
    )
    running.deliver()
    (message,) = got_it(running, crew.grip)
    stale = copy.deepcopy(message)
    running.slack.click(crew.grip, "broadcast_ack", message=message)
    running.deliver()
    assert "Got it" not in json.dumps(message.blocks)
    running.slack.click(crew.grip, "broadcast_ack", message=stale)
    running.deliver()
    said = running.emulator.workspace.dm_messages(crew.grip.id)[-1].text
    assert said == "You already acknowledged this at 10:00 AM."
    assert tally(running, crew).text == "Broadcast #1: 1/1 acknowledged"
