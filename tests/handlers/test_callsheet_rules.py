"""Rules before publishing, bad input, the nightly post and the nudges."""

from __future__ import annotations

import json
import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.store.models_callsheet import ShootDay
from tests import harness
from tests.conftest import NOW, Crew
from tests.handlers.callsheet_helpers import (
    FRIDAY,
    call_dms,
    compose,
    days,
    progress,
    publish,
    run_publish,
    set_phone,
    tally,
)
from tests.harness import Running

LA = ZoneInfo("America/Los_Angeles")


def test_turnaround_warning_on_a_nine_hour_rest(running: Running, crew: Crew) -> None:
    compose(running, crew, "thu", general_call="9a", estimated_wrap="9p", lunch="1p")
    compose(running, crew, "fri", general_call="6a", lunch="11a")
    reply = publish(running, crew, "fri")
    assert reply["text"] == "Fri Jun 12 has 3 warnings: not sent yet."
    warning = str(reply["blocks"])
    assert "Pat PA: 9 h rest (estimated wrap Thu 21:00 → call Fri 06:00), needs 10 h" in warning
    assert "Gus Grip: 8 h 30 min rest" in warning and "Cora Coordinator: 9 h rest" in warning
    assert call_dms(running, crew.pa) == []  # nothing went out
    shown = progress(running, crew.coordinator)  # the progress DM now holds the warnings
    refused = running.slack.click(crew.grip, "callsheet_publish_anyway", message=shown)
    assert refused.status_code == 200
    running.deliver()
    running.slate.scheduler.tick()
    told = [e.text for e in running.emulator.workspace.ephemerals if e.user == crew.grip.id]
    told += [m.text for m in running.emulator.workspace.dm_messages(crew.grip.id)]
    assert any("Only coordinators" in text for text in told)
    assert call_dms(running, crew.pa) == []
    for _ in range(2):  # a double click publishes once
        running.slack.click(crew.coordinator, "callsheet_publish_anyway", message=shown)
    done = run_publish(running, crew.coordinator)
    assert len(call_dms(running, crew.pa)) == 1
    assert done["text"].startswith("Published Fri Jun 12, revision 1")
    assert progress(running, crew.coordinator).ts == shown.ts  # the same message, edited
    assert days(running)[1].revision == 1


def test_a_late_first_meal_is_warned(running: Running, crew: Crew) -> None:
    compose(running, crew, lunch="1:30p")
    reply = publish(running, crew)
    assert "Lunch at 13:30 is 7.0 h after call 06:30" in str(reply["blocks"])


BAD_EDITS = [
    ({"general_call": "soon"}, "general_call", "“soon” is not a time of day"),
    ({"general_call": ""}, "general_call", "Type the general crew call"),
    ({"location_address": ""}, "location_address", "Add the address of Rosa's Diner"),
    ({"calls": "Nobody Here 5a"}, "calls", "isn't on the crew list"),
    ({"calls": "Gus Grip 8p"}, "calls", "after the estimated wrap"),
    ({"scenes": "12 INT DINER"}, "scenes", "Scene line 1"),
    ({"scenes": "12 | INT. DINER | X | 1"}, "scenes", "D/N must be"),
    ({"departments": "Grp -30"}, "departments", "No department “Grp”"),
    ({"location_coordinates": "north"}, "location_coordinates", "latitude, longitude"),
]


@pytest.mark.parametrize(("answers", "field", "message"), BAD_EDITS)
def test_bad_editor_input_is_refused_and_nothing_saved(
    running: Running, crew: Crew, answers, field, message
) -> None:
    reply = compose(running, crew, **answers).json()
    assert reply["response_action"] == "errors"
    assert message in reply["errors"][field]
    assert days(running) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("publish 6/20", "There's no shoot day on Sat Jun 20"),
        ("publish someday", "couldn't read"),
        ("publish", "no shoot days to publish"),
    ],
)
def test_bad_publish_commands(running: Running, crew: Crew, text: str, message: str) -> None:
    reply = running.slack.command(crew.coordinator, "/callsheet", text).json()
    assert message in reply["text"]


def test_the_nightly_post_goes_out_once_across_a_restart(running: Running, crew: Crew) -> None:
    compose(running, crew)
    scheduler = running.slate.scheduler
    assert scheduler.tick() == 0
    running.clock.set(datetime(2026, 6, 11, 18, 0, tzinfo=LA))  # Thursday 18:00
    assert scheduler.tick() == 1
    running.deliver()
    restarted = harness.build(running.emulator, running.slate.engine, NOW)
    restarted.clock.set(running.clock.now())
    assert restarted.scheduler.tick() == 0
    restarted.outbox.deliver_all()
    posts = running.emulator.workspace.channel_messages(crew.crew_channel)
    assert len(posts) == 1 and len(call_dms(running, crew.grip)) == 1


def test_two_nudges_then_the_coordinators_get_phone_numbers(running: Running, crew: Crew) -> None:
    set_phone(running, crew.grip, "555-0142")
    compose(running, crew)
    publish(running, crew)
    running.slack.click(crew.pa, "callsheet_confirm", message=call_dms(running, crew.pa)[0])
    running.deliver()
    for _ in range(2):
        running.clock.advance(minutes=60)
        running.slate.scheduler.tick()
        running.deliver()
    reminders = [
        m
        for m in running.emulator.workspace.dm_messages(crew.grip.id)
        if m.text.startswith("Reminder")
    ]
    assert len(reminders) == 2
    assert not [
        m
        for m in running.emulator.workspace.dm_messages(crew.pa.id)
        if m.text.startswith("Reminder")
    ]
    office = running.emulator.workspace.channel_messages(crew.coordinators_channel)
    chase = [m for m in office if m.text.startswith("Still not confirmed")]
    assert len(chase) == 1 and "Gus Grip — 555-0142" in chase[0].text
    assert "Pat PA" not in chase[0].text
    running.clock.advance(hours=5)
    assert running.slate.scheduler.tick() == 0  # no third round
    assert tally(running, crew).text.endswith("1/3 confirmed")


def test_no_one_is_chased_for_a_call_already_past(running: Running, crew: Crew) -> None:
    compose(running, crew)
    running.clock.set(datetime(2026, 6, 12, 9, 0, tzinfo=LA))  # Friday, after every call
    publish(running, crew)  # a revision on the day itself
    for _ in range(2):
        running.clock.advance(minutes=60)
        running.slate.scheduler.tick()
        running.deliver()
    ws = running.emulator.workspace
    for user in (crew.grip, crew.pa):
        assert not [m for m in ws.dm_messages(user.id) if m.text.startswith("Reminder")]
    office = ws.channel_messages(crew.coordinators_channel)
    assert not [m for m in office if m.text.startswith("Still not confirmed")]


def test_editor_shows_the_saved_day(running: Running, crew: Crew) -> None:
    compose(running, crew, calls="Pat PA 7a pickup 6:15a")
    running.slack.command(crew.coordinator, "/callsheet", "fri")
    view = running.slack.last_view(crew.coordinator)
    values = {b["block_id"]: b["element"].get("initial_value") for b in view["blocks"]}
    assert values["general_call"] == "6:30a"
    assert values["calls"] == "Pat PA 7:00a pickup 6:15a"
    assert values["scenes"].startswith("12 | INT. DINER | D | 1 4/8 | Ana")
    assert values["location_name"] == FRIDAY["location_name"]


def test_two_processes_ticking_at_once_post_the_nightly_sheet_once(
    running: Running, crew: Crew
) -> None:
    compose(running, crew)
    when = datetime(2026, 6, 11, 18, 0, tzinfo=LA)
    first, second = (harness.build(running.emulator, running.slate.engine, when) for _ in range(2))
    threads = [threading.Thread(target=s.scheduler.tick) for s in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    first.outbox.deliver_all()
    second.outbox.deliver_all()
    assert len(running.emulator.workspace.channel_messages(crew.crew_channel)) == 1
    assert len(call_dms(running, crew.grip)) == 1


def test_the_sheet_can_go_out_hours_after_the_previous_wrap(running: Running, crew: Crew) -> None:
    running.slack.command(crew.coordinator, "/slate", "setup", channel=crew.crew_channel)
    view = running.slack.last_view(crew.coordinator)
    running.slack.submit(crew.coordinator, view, {"publish_time": "2h after wrap"})
    compose(running, crew, "thu", general_call="9a", estimated_wrap="9p", lunch="1p")
    compose(running, crew, "fri", general_call="10a", lunch="2p")
    answer = running.slack.command(crew.grip, "/calltime", "fri").json()["text"]
    assert "goes out at 11:00 PM on Thu" in answer
    running.slack.command(crew.coordinator, "/slate", "setup", channel=crew.crew_channel)
    reopened = running.slack.last_view(crew.coordinator)
    assert reopened["blocks"][-2]["element"]["initial_value"] == "2h after wrap"
    running.clock.set(datetime(2026, 6, 11, 22, 59, tzinfo=LA))
    running.slate.scheduler.tick()  # Thursday's own sheet (it had no wrap before it)
    assert [d.revision for d in days(running)] == [1, 0]
    running.clock.set(datetime(2026, 6, 11, 23, 0, tzinfo=LA))
    assert running.slate.scheduler.tick() == 1
    assert [d.revision for d in days(running)] == [1, 1]


# -- a location shared by several days ---------------------------------------------------------
def _places(running: Running) -> list[tuple[str, str]]:
    """Each day's location name and parking, in date order."""
    with running.db() as db:
        found = db.scalars(select(ShootDay).order_by(ShootDay.date))
        return [(d.location.name, d.location.parking) for d in found]


def _two_published_days(running: Running, crew: Crew) -> None:
    compose(running, crew, "fri")
    compose(running, crew, "sat")
    publish(running, crew, "fri")
    publish(running, crew, "sat")


def _edit_saturday(running: Running, crew: Crew, **answers: str) -> dict:
    running.slack.command(crew.coordinator, "/callsheet", "sat", channel=crew.crew_channel)
    view = running.slack.last_view(crew.coordinator)
    scope = next(b for b in view["blocks"] if b["block_id"] == "location_scope")
    labels = [o["text"]["text"] for o in scope["element"]["options"]]
    assert labels == ["Only this day (it gets its own copy)", "All 2 days at Rosa's Diner"]
    reply = running.slack.submit(crew.coordinator, view, {**FRIDAY, **answers})
    running.deliver()
    return reply.json() if reply.content else {}


def test_a_shared_location_edit_asks_which_days(running: Running, crew: Crew) -> None:
    _two_published_days(running, crew)
    refused = _edit_saturday(running, crew, location_parking="Lot C")
    assert "choose whether your change is for only this day" in refused["errors"]["location_scope"]
    assert {parking for _, parking in _places(running)} == {"Lot B behind the diner"}


def test_only_this_day_leaves_fridays_sheet_alone(running: Running, crew: Crew) -> None:
    _two_published_days(running, crew)
    _edit_saturday(running, crew, location_parking="Lot C", location_scope="this")
    assert _places(running) == [
        ("Rosa's Diner", "Lot B behind the diner"),
        ("Rosa's Diner (6/13)", "Lot C"),
    ]
    assert "nothing has changed" in publish(running, crew, "fri")["text"]
    assert "revision 2" in publish(running, crew, "sat")["text"]
    revised = call_dms(running, crew.pa)[-1]
    assert "Parking: Lot B behind the diner → Lot C" in revised.text
    # The day's own copy is still Rosa's Diner to the crew: no "(6/13)", no made-up move.
    assert "Location:" not in revised.text and "6/13" not in json.dumps(revised.blocks)
    said = json.dumps(running.slack.command(crew.pa, "/calltime", "sat").json())
    assert "Rosa's Diner" in said and "(6/13)" not in said


def test_all_days_says_which_published_days_now_differ(running: Running, crew: Crew) -> None:
    _two_published_days(running, crew)
    _edit_saturday(running, crew, location_parking="Lot D", location_scope="all")
    saved = running.emulator.workspace.dm_messages(crew.coordinator.id)[-1].text
    assert "Fri Jun 12: `/callsheet publish 6/12`" in saved
    assert "Sat Jun 13:" not in saved  # the day edited says so above, not in the list
    assert {parking for _, parking in _places(running)} == {"Lot D"}
    assert "revision 2" in publish(running, crew, "fri")["text"]
    friday_dm = [m.text for m in call_dms(running, crew.pa) if "Fri Jun 12" in m.text][-1]
    assert "Parking: Lot B behind the diner → Lot D" in friday_dm
