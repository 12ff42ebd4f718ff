"""Travel through the app: an import sends each traveller their itinerary, a reminder arrives
once across a restart, /travel rooming lists each hotel's guests, per diem is a budget actual."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.services.logistics import itinerary, travel
from bot.services.money import budget
from bot.store.models import Production
from tests import harness
from tests.conftest import NOW, Crew
from tests.harness import Running

LA = ZoneInfo("America/Los_Angeles")
TRIP = """name,kind,start,end,from,to,details,confirmation,per_diem,budget_code
Pat PA,flight,2026-06-12 07:30,2026-06-12 09:05,LAX,SFO,UA 123,ABC123,,
Pat PA,hotel,2026-06-12,2026-06-14,,,Hotel Zetta,Z-9,,
Gus Grip,hotel,2026-06-13,2026-06-14,,,Hotel Zetta,,,
Pat PA,per_diem,2026-06-12,2026-06-14,,,,,65,travel
"""


def load(running: Running, crew: Crew, text: str = TRIP) -> tuple[int, list]:
    """A travel line in the budget, then `slate import travel` (the CLI's service call)."""
    with running.db() as db:
        production = db.get(Production, crew.production_id)
        budget.import_csv(db, production, "code,name,amount\ntravel,Travel,1000\n")
        result = travel.import_csv(db, production, text, NOW)
        db.commit()
    running.deliver()
    return result


def reminders(running: Running, crew: Crew) -> list[str]:
    """The reminders in Pat's DMs."""
    dms = running.emulator.workspace.dm_messages(crew.pa.id)
    return [m.text for m in dms if m.text.startswith("Reminder")]


def test_the_itinerary_arrives_and_a_reminder_comes_once_across_a_restart(
    running: Running, crew: Crew
) -> None:
    assert load(running, crew) == (4, [])
    (sent,) = [m for m in running.emulator.workspace.dm_messages(crew.pa.id)]
    shown = sent.text + json.dumps(sent.blocks, ensure_ascii=False)
    assert "UA 123 LAX → SFO: departs Fri Jun 12 7:30 AM, arrives 9:05 AM" in shown
    assert "Hotel Zetta" in shown and "conf. ABC123" in shown
    ticks = []
    for when in (datetime(2026, 6, 11, 7, 31, tzinfo=LA), datetime(2026, 6, 12, 4, 31, tzinfo=LA)):
        running.clock.set(when)
        ticks.append(running.slate.scheduler.tick())
        restarted = harness.build(running.emulator, running.slate.engine, NOW)
        restarted.clock.set(when)
        ticks.append(restarted.scheduler.tick())
        running.deliver()
    assert ticks == [1, 0, 1, 0]
    assert reminders(running, crew) == [
        "Reminder: your flight leaves tomorrow",
        "Reminder: your flight leaves in 3 hours",
    ]
    mine = running.slack.command(crew.pa, "/travel", "", channel=crew.crew_channel).json()
    assert "UA 123" in json.dumps(mine)


def test_rooming_per_night_and_per_diem_in_the_budget(running: Running, crew: Crew) -> None:
    load(running, crew)
    office = crew.coordinators_channel
    night = running.slack.command(crew.coordinator, "/travel", "rooming 6/13", channel=office)
    assert night.json()["text"] == "Rooming Sat Jun 13: 2 guests"
    assert "Gus Grip, Pat PA" in json.dumps(night.json()["blocks"])
    checkout = running.slack.command(crew.coordinator, "/travel", "rooming 6/14", channel=office)
    assert checkout.json()["text"] == "Nobody is in a hotel the night of Sun Jun 14."
    report = running.slack.command(crew.coordinator, "/budget", "", channel=office).json()
    assert "spent $195.00" in json.dumps(report)  # 3 days at $65
    refused = running.slack.command(crew.grip, "/travel", "rooming", channel=office).json()
    assert "Only coordinators" in refused["text"]
    with running.db() as db:
        exported = itinerary.export_csv(db, db.get(Production, crew.production_id))
    assert exported.splitlines()[0] == ",".join(travel.COLUMNS)
    assert "Pat PA,flight,2026-06-12 07:30,2026-06-12 09:05,LAX,SFO,UA 123,ABC123,," in exported


def test_a_bad_file_imports_nothing_and_says_which_rows(running: Running, crew: Crew) -> None:
    bad = TRIP + "Nobody,flight,2026-06-12 07:30,,LAX,SFO,,,,\nPat PA,boat,2026-06-12,,,,,,,\n"
    count, errors = load(running, crew, bad)
    assert count == 0
    assert [(e.line, e.reason) for e in errors] == [
        (6, "“Nobody” is not on the crew list"),
        (7, "kind must be one of flight, train, hotel, per_diem"),
    ]
    assert running.emulator.workspace.dm_messages(crew.pa.id) == []


def reimport(running: Running, crew: Crew, text: str) -> tuple[int, list]:
    """`slate import travel` again, at the clock's time."""
    with running.db() as db:
        production = db.get(Production, crew.production_id)
        result = travel.import_csv(db, production, text, running.clock.now())
        db.commit()
    running.deliver()
    return result


def test_importing_the_same_file_again_updates_and_reminds_once(
    running: Running, crew: Crew
) -> None:
    load(running, crew)
    itineraries = lambda: len(running.emulator.workspace.dm_messages(crew.pa.id))  # noqa: E731
    assert itineraries() == 1
    running.clock.set(datetime(2026, 6, 11, 7, 31, tzinfo=LA))
    running.slate.scheduler.tick()
    running.deliver()
    assert reimport(running, crew, TRIP) == (4, [])
    assert itineraries() == 2  # the day-before reminder; nothing changed: no itinerary again
    moved = TRIP.replace("2026-06-12 07:30", "2026-06-12 08:00")  # same confirmation ABC123
    assert reimport(running, crew, moved) == (4, [])
    assert itineraries() == 3  # the changed itinerary
    with running.db() as db:
        rows = itinerary.export_csv(db, db.get(Production, crew.production_id)).splitlines()
        assert len(rows) == 1 + 4 and sum("08:00" in r for r in rows) == 1
    running.clock.set(datetime(2026, 6, 12, 5, 1, tzinfo=LA))
    running.slate.scheduler.tick()
    running.slate.scheduler.tick()
    running.deliver()
    assert reminders(running, crew) == [
        "Reminder: your flight leaves tomorrow",
        "Reminder: your flight leaves in 3 hours",
    ]


def test_the_travel_form_adds_one_item_and_updates_it_by_key(running: Running, crew: Crew) -> None:
    def submit(who, answers: dict) -> dict:
        running.slack.command(who, "/travel", "add", channel=crew.coordinators_channel)
        response = running.slack.submit(who, running.slack.last_view(who), answers)
        running.deliver()
        return response.json() if response.content else {}

    flight = {"person": crew.pa.id, "kind": "flight", "start": "2026-06-12 07:30"}
    flight |= {"from": "LAX", "to": "SFO", "details": "UA 123", "confirmation": "ABC123"}
    dms = lambda: running.emulator.workspace.dm_messages(crew.pa.id)  # noqa: E731
    assert submit(crew.coordinator, flight) == {}
    (sent,) = dms()
    assert "UA 123 LAX → SFO: departs Fri Jun 12 7:30 AM" in sent.blocks[1]["text"]["text"]
    assert submit(crew.coordinator, flight) == {} and len(dms()) == 1  # nothing new: no DM
    assert submit(crew.coordinator, flight | {"start": "2026-06-12 08:00"}) == {}
    assert len(dms()) == 2 and "8:00 AM" in json.dumps(dms()[-1].blocks)
    refused = submit(crew.coordinator, flight | {"to": "", "confirmation": "X"})
    assert refused["response_action"] == "errors" and "from" in refused["errors"]
    with running.db() as db:
        rows = itinerary.export_csv(db, db.get(Production, crew.production_id)).splitlines()
    assert len(rows) == 2  # the header and the one flight, updated in place
    grip = running.slack.command(crew.grip, "/travel", "add", channel=crew.crew_channel).json()
    assert "Only coordinators" in grip["text"]
