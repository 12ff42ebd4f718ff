"""/transport through signed requests: a driver's run sheet and a rider's pickup agree, a
changed pickup messages exactly those two, and the driver's taps update one live board."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from bot.services.logistics import exports
from bot.store.models import Production
from slack_emulator import Message, User
from tests.conftest import Crew
from tests.handlers.callsheet_helpers import call_dms, compose, publish
from tests.harness import Running

WED_6PM = datetime(2026, 6, 11, 1, 0, tzinfo=UTC)  # Wed Jun 10, 6:00 PM in Los Angeles


def transport(running: Running, crew: Crew, user: User, text: str) -> dict:
    """/transport <text> in the coordinators' channel; the ephemeral reply."""
    reply = running.slack.command(user, "/transport", text, channel=crew.coordinators_channel)
    running.deliver()
    return reply.json() if reply.content else {}


def shown(message: Message) -> str:
    """A message's text and blocks, as one string to search."""
    return message.text + json.dumps(message.blocks, ensure_ascii=False)


def run_sheets(running: Running, driver: User) -> list[Message]:
    """The run sheets in a driver's DMs."""
    found = running.emulator.workspace.dm_messages(driver.id)
    return [m for m in found if "run sheet" in m.text.lower()]


def planned(running: Running, crew: Crew) -> Message:
    """Van 1 driven by Gus; Pat picked up at 5:45 AM on Thu; the sheet published; the run
    sheets sent the evening before. Gus's run sheet."""
    transport(running, crew, crew.coordinator, f"vehicle Van 1 @{crew.grip.name}")
    compose(running, crew, "thu")
    reply = transport(
        running,
        crew,
        crew.coordinator,
        f"pickup thu @{crew.pa.name} 5:45a @{crew.grip.name} 12 Elm St, Los Angeles",
    )
    assert "Pat PA" in json.dumps(reply) and "Van 1" in json.dumps(reply)
    publish(running, crew, "thu")
    running.clock.set(WED_6PM)
    running.slate.scheduler.tick()
    running.deliver()
    (sheet,) = run_sheets(running, crew.grip)
    return sheet


def test_the_run_sheet_and_the_riders_pickup_agree(running: Running, crew: Crew) -> None:
    sheet = planned(running, crew)
    (call,) = call_dms(running, crew.pa)
    assert "Pickup" in shown(call) and "5:45 AM" in shown(call)
    assert "*5:45 AM* — Pat PA" in shown(sheet)
    assert "maps/search/?api=1&query=12+Elm+St%2C+Los+Angeles" in shown(sheet)
    assert "Van 1" in shown(sheet)
    running.slate.scheduler.tick()  # the job ran once: no second run sheet
    running.deliver()
    assert len(run_sheets(running, crew.grip)) == 1


def _everyone_heard(running: Running, crew: Crew) -> dict[str, int]:
    ws = running.emulator.workspace
    heard = {u.name: len(ws.dm_messages(u.id)) for u in (crew.coordinator, crew.pa, crew.grip)}
    heard["outsider"] = len(ws.dm_messages(crew.outsider.id))
    for channel in (crew.crew_channel, crew.coordinators_channel):
        heard[channel] = len(ws.channel_messages(channel, threads=True))
    return heard


def test_a_changed_pickup_messages_exactly_the_rider_and_the_driver(
    running: Running, crew: Crew
) -> None:
    planned(running, crew)
    before = _everyone_heard(running, crew)
    transport(
        running,
        crew,
        crew.coordinator,
        f"pickup thu @{crew.pa.name} 6:05a @{crew.grip.name} 9 Oak Ave",
    )
    after = _everyone_heard(running, crew)
    changed = {k for k in after if after[k] != before[k]}
    assert changed == {crew.pa.name, crew.grip.name}
    assert after[crew.pa.name] == before[crew.pa.name] + 1
    rider = running.emulator.workspace.dm_messages(crew.pa.id)[-1]
    assert rider.text == "REVISED pickup Thu Jun 11: 6:05 AM"
    assert "9 Oak Ave" in shown(rider) and "Gus Grip" in shown(rider)
    revised = run_sheets(running, crew.grip)[-1]
    assert revised.text.startswith("REVISED run sheet") and "*6:05 AM* — Pat PA" in shown(revised)
    # Their /calltime (the day as drawn when it last changed) has the new pickup too.
    for text in ("", "thu"):
        answer = running.slack.command(crew.pa, "/calltime", text).json()
        said = json.dumps(answer["blocks"])
        assert "6:05 AM" in said and "5:45 AM" not in said, (text, said)
    # Publishing the sheet again tells Pat nothing new: the DM above was their revision.
    calls = len(call_dms(running, crew.pa))
    publish(running, crew, "thu")
    assert len(call_dms(running, crew.pa)) == calls


def test_a_pickup_changed_before_the_evening_run_sheet_tells_the_rider_only(
    running: Running, crew: Crew
) -> None:
    transport(running, crew, crew.coordinator, f"vehicle Van 1 @{crew.grip.name}")
    compose(running, crew, "thu")
    where = f"@{crew.grip.name} 12 Elm St, Los Angeles"
    transport(running, crew, crew.coordinator, f"pickup thu @{crew.pa.name} 5:45a {where}")
    publish(running, crew, "thu")
    transport(running, crew, crew.coordinator, f"pickup thu @{crew.pa.name} 6:05a {where}")
    assert running.emulator.workspace.dm_messages(crew.pa.id)[-1].text.startswith("REVISED")
    assert run_sheets(running, crew.grip) == []  # the driver has had no run sheet to revise
    running.clock.set(WED_6PM)
    running.slate.scheduler.tick()
    running.deliver()
    (sheet,) = run_sheets(running, crew.grip)
    assert not sheet.text.startswith("REVISED") and "*6:05 AM* — Pat PA" in shown(sheet)


def test_the_drivers_taps_edit_one_live_board(running: Running, crew: Crew) -> None:
    sheet = planned(running, crew)
    refused = running.slack.click(crew.pa, "pickup_done", message=sheet)
    assert refused.status_code == 200
    running.deliver()
    ws = running.emulator.workspace
    told = [e.text for e in ws.ephemerals if e.user == crew.pa.id]
    told += [m.text for m in ws.dm_messages(crew.pa.id)]
    assert any("someone else's pickup" in text for text in told), told
    running.slack.click(crew.grip, "pickup_late", message=sheet, value=_late(sheet, 10))
    running.deliver()
    running.slack.click(crew.grip, "pickup_done", message=sheet)
    running.deliver()
    posts = running.emulator.workspace.channel_messages(crew.coordinators_channel)
    boards = [m for m in posts if m.text.startswith("Pickups Thu Jun 11")]
    assert len(boards) == 1
    (board,) = boards
    assert board.text == "Pickups Thu Jun 11: 1/1 picked up"
    assert "running 10 min late" in json.dumps(board.history)


def _late(sheet: Message, minutes: int) -> str:
    for block in sheet.blocks:
        for element in block.get("elements", []):
            if element.get("action_id") == "pickup_late":
                return next(
                    o["value"] for o in element["options"] if o["value"].endswith(f":{minutes}")
                )
    raise LookupError("no Running late on the run sheet")


def test_app_home_shows_the_riders_pickup_and_the_coordinators_tomorrow(
    running: Running, crew: Crew
) -> None:
    planned(running, crew)
    for user in (crew.pa, crew.coordinator):
        running.slack.open_home(user)
    running.deliver()
    home = running.emulator.workspace.home
    rider = json.dumps(home[crew.pa.id], ensure_ascii=False)
    assert "Pickup Thu Jun 11 5:45 AM at 12 Elm St, Los Angeles" in rider
    assert "Catering tomorrow" not in rider
    coordinator = json.dumps(home[crew.coordinator.id], ensure_ascii=False)
    assert "Catering tomorrow: 3 people" in coordinator and "Pickups tomorrow: 1" in coordinator


def test_the_transport_export_is_every_pickup(running: Running, crew: Crew) -> None:
    planned(running, crew)
    with running.db() as db:
        text = exports.transport_csv(db, db.get(Production, crew.production_id))
    assert text.splitlines() == [
        ",".join(exports.TRANSPORT),
        '2026-06-11,2026-06-11T05:45-07:00,Pat PA,Gus Grip,Van 1,"12 Elm St, Los Angeles",planned,',
    ]
