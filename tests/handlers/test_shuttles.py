"""Shuttle runs through signed requests: set by /transport shuttle, on the driver's evening
run sheet and `/transport [day]`, in the transport export, and bad input keeps nothing."""

from __future__ import annotations

from sqlalchemy import select

from bot.services.logistics import exports
from bot.store.models import Production
from bot.store.models_logistics import ShuttleRun
from tests.conftest import Crew
from tests.handlers.callsheet_helpers import compose, publish
from tests.handlers.test_transport import WED_6PM, run_sheets, shown, transport
from tests.harness import Running

LOOP = "thu every 15m 5:00a-6:00a Crew parking > Basecamp > Set"


def test_a_shuttle_is_on_the_run_sheet_the_listing_and_the_export(
    running: Running, crew: Crew
) -> None:
    compose(running, crew, "thu")
    publish(running, crew, "thu")
    reply = transport(running, crew, crew.coordinator, f"shuttle {LOOP} @{crew.grip.name} Van 2")
    text = reply["text"] + str(reply["blocks"])
    assert reply["text"] == "Pickups Thu Jun 11: 0 · shuttles: 1"
    assert "Crew parking → Basecamp → Set" in text and "every 15 min" in text
    assert "5:00 AM, 5:15 AM, 5:30 AM, 5:45 AM, 6:00 AM" in text and "Van 2" in text
    assert run_sheets(running, crew.grip) == []  # not before the evening before
    running.clock.set(WED_6PM)
    running.slate.scheduler.tick()
    running.deliver()
    (sheet,) = run_sheets(running, crew.grip)
    assert sheet.text == "Run sheet — Thu Jun 11: 0 pickups, 1 shuttle"
    assert "Leaves Crew parking: 5:00 AM, 5:15 AM" in shown(sheet)
    with running.db() as db:
        csv = exports.transport_csv(db, db.get(Production, crew.production_id))
    lines = csv.splitlines()[1:]
    assert len(lines) == 5
    assert lines[0] == (
        "2026-06-11,2026-06-11T05:00-07:00,Shuttle,Gus Grip,Van 2,"
        "Crew parking > Basecamp > Set,shuttle,"
    )
    # Changed after the run sheet went: the driver gets it again, marked revised.
    transport(
        running, crew, crew.coordinator, f"shuttle {LOOP.replace('15m', '30m')} @{crew.grip.name}"
    )
    revised = run_sheets(running, crew.grip)[-1]
    assert revised.text.startswith("REVISED run sheet")
    assert "5:00 AM, 5:30 AM, 6:00 AM" in shown(revised)


def test_an_overnight_shuttle_and_taking_one_off(running: Running, crew: Crew) -> None:
    compose(running, crew, "thu")
    night = f"shuttle thu every 30m 11:30p-12:30a Basecamp > Set @{crew.grip.name}"
    reply = transport(running, crew, crew.coordinator, night)
    assert "11:30 PM, 12:00 AM, 12:30 AM" in str(reply["blocks"])
    off = f"shuttle thu every 0m 11:30p-12:30a Basecamp > Set @{crew.grip.name}"
    assert transport(running, crew, crew.coordinator, off)["text"].startswith("No pickups")
    with running.db() as db:
        assert db.scalars(select(ShuttleRun)).all() == []


def test_bad_shuttles_say_what_to_type_and_keep_nothing(running: Running, crew: Crew) -> None:
    compose(running, crew, "thu")
    grip = f"@{crew.grip.name}"
    for typed, says in (
        (f"shuttle thu every 15m 5a-8a Basecamp {grip}", "2 to 8 stops"),
        (f"shuttle thu every 2m 5a-8a Basecamp > Set {grip}", "every 5 to 240"),
        (f"shuttle thu every 15m 5a-teatime Basecamp > Set {grip}", "not a time"),
        ("shuttle thu every 15m 5a-8a Basecamp > Set", "Say the day"),
        (f"shuttle thu every 15m 5a-8a <!channel > Set {grip}", None),
    ):
        reply = transport(running, crew, crew.coordinator, typed)
        if says:
            assert says in reply["text"] and "/transport shuttle" in reply["text"]
        else:
            assert "<!channel" not in str(reply["blocks"]) and "&lt;!channel" in str(reply)
    refused = transport(running, crew, crew.grip, f"shuttle {LOOP} {grip}")
    assert "Only coordinators" in refused["text"]
    with running.db() as db:
        assert len(db.scalars(select(ShuttleRun)).all()) == 1  # only the escaped one
    slack_escaped = f"shuttle thu every 15m 5a-8a Basecamp &gt; Set {grip}"  # as Slack sends ">"
    assert "Basecamp → Set" in str(transport(running, crew, crew.coordinator, slack_escaped))
