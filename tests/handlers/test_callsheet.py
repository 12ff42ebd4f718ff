"""Call sheets through signed requests: compose, publish, confirm, revise."""

from __future__ import annotations

import copy
import json

import httpx
import pytest
from icalendar import Calendar
from sqlalchemy import select

from bot.services.callsheets import person_day, sheet
from bot.services.callsheets.calls import personal_calls
from bot.services.callsheets.publishing import _fingerprint
from bot.services.core import crew as crew_service
from bot.store.models import Production
from bot.store.models_callsheet import CallSheetRecipient, ShootDay
from tests.conftest import Crew
from tests.handlers.callsheet_helpers import call_dms, compose, days, publish, tally
from tests.harness import Running


def test_compose_publish_confirm_and_revise(running: Running, crew: Crew) -> None:
    ws = running.emulator.workspace
    assert compose(running, crew).status_code == 200
    (day,) = days(running)
    assert str(day.date) == "2026-06-12" and day.revision == 0

    reply = publish(running, crew)
    assert "Published Fri Jun 12, revision 1: 3 personal DMs" in reply["text"]
    post, *thread = ws.channel_messages(crew.crew_channel, threads=True)
    sheet = json.dumps(post.blocks)
    for expected in (
        "Day 1 of 1",
        "6:30 AM",
        "Rosa's Diner",
        "Lot B",
        "Good Samaritan",
        "Grip 6:00 AM",
        "Sunrise",
    ):
        assert expected in sheet, expected
    details = json.dumps([m.blocks for m in thread])  # the rest of the sheet, in the thread
    assert "INT. DINER" in details
    (pdf_file,) = [f for m in thread for f in m.files]
    assert pdf_file["name"] == "callsheet-2026-06-12-rev1.pdf"
    assert ws.files[pdf_file["id"]]["content"].startswith(b"%PDF")

    (grip_dm,) = call_dms(running, crew.grip)
    assert "6:00 AM" in json.dumps(grip_dm.blocks)  # the grip department's call, -30
    (pa_dm,) = call_dms(running, crew.pa)
    assert "6:30 AM" in json.dumps(pa_dm.blocks)
    assert tally(running, crew).text.endswith("0/3 confirmed")

    running.slack.click(crew.grip, "callsheet_confirm", message=grip_dm)
    running.slack.click(crew.pa, "callsheet_confirm", message=pa_dm)
    running.deliver()
    assert tally(running, crew).text.endswith("2/3 confirmed")
    assert "Cora Coordinator" in json.dumps(tally(running, crew).blocks)
    assert "Confirmed at" in json.dumps(call_dms(running, crew.grip)[0].blocks)

    again = publish(running, crew)
    assert "nothing has changed" in again["text"]
    assert len(call_dms(running, crew.pa)) == 1

    compose(running, crew, departments="Grip -60")  # only the grips move
    revised = publish(running, crew)
    assert "revision 2: 1 personal DM" in revised["text"]
    grip_dms = call_dms(running, crew.grip)
    assert len(grip_dms) == 2
    assert grip_dms[1].text == "REVISED Fri Jun 12: Your call: 6:00 AM → 5:30 AM"
    assert len(call_dms(running, crew.pa)) == 1 and len(call_dms(running, crew.coordinator)) == 1
    assert tally(running, crew).text.endswith("1/3 confirmed")  # only the grip was reset
    post = ws.channel_messages(crew.crew_channel)[0]
    assert "Grip 5:30 AM" in json.dumps(post.blocks) and post.history  # edited in place
    replies = [m.text for m in ws.channel_messages(crew.crew_channel, threads=True)]
    assert any(text.startswith("Revision 2:") for text in replies)

    assert "Superseded by revision 2" in json.dumps(grip_dms[0].blocks)
    running.slack.click(crew.grip, "callsheet_confirm", message=grip_dms[1])
    running.deliver()
    assert tally(running, crew).text.endswith("2/3 confirmed")


def test_a_stale_confirm_is_refused(running: Running, crew: Crew) -> None:
    compose(running, crew)
    publish(running, crew)
    stale = copy.deepcopy(call_dms(running, crew.grip)[0])  # a phone that never refreshed
    compose(running, crew, departments="Grip -60")
    publish(running, crew)
    running.slack.click(crew.grip, "callsheet_confirm", message=stale)
    running.deliver()
    assert "was revised" in running.emulator.workspace.dm_messages(crew.grip.id)[-1].text
    assert tally(running, crew).text.endswith("0/3 confirmed")


def test_dropping_someone_tells_them_once(running: Running, crew: Crew) -> None:
    compose(running, crew)
    publish(running, crew)
    compose(running, crew, calls="Gus Grip off")
    reply = publish(running, crew)
    assert "0 personal DMs, 1 told they're no longer called" in reply["text"]
    last = running.emulator.workspace.dm_messages(crew.grip.id)[-1]
    assert "no longer called for Fri Jun 12" in last.text
    assert tally(running, crew).text.endswith("0/2 confirmed")


def test_crew_cannot_edit_or_publish_at_any_entry_point(running: Running, crew: Crew) -> None:
    denied = running.slack.command(crew.grip, "/callsheet", "fri", channel=crew.crew_channel)
    assert "Only coordinators" in denied.json()["text"]
    denied = running.slack.command(
        crew.grip, "/callsheet", "publish fri", channel=crew.crew_channel
    )
    assert "Only coordinators" in denied.json()["text"]
    running.slack.command(crew.coordinator, "/callsheet", "fri", channel=crew.crew_channel)
    view = running.slack.last_view(crew.coordinator)
    from tests.handlers.callsheet_helpers import FRIDAY

    crafted = running.slack.submit(crew.grip, view, FRIDAY).json()
    assert crafted["response_action"] == "errors"
    assert days(running) == []


def test_a_confirm_button_only_confirms_the_call_it_was_sent_for(
    running: Running, crew: Crew
) -> None:
    compose(running, crew)
    publish(running, crew)
    (grip_dm,) = call_dms(running, crew.grip)
    running.slack.click(crew.pa, "callsheet_confirm", message=grip_dm)  # a forwarded DM
    running.slack.click(crew.outsider, "callsheet_confirm", message=grip_dm)
    running.deliver()
    ws = running.emulator.workspace
    assert "someone else's call" in ws.dm_messages(crew.pa.id)[-1].text
    assert "not on Night Owl's crew list" in ws.dm_messages(crew.outsider.id)[-1].text
    assert tally(running, crew).text.endswith("0/3 confirmed")
    assert "Confirmed at" not in json.dumps(call_dms(running, crew.grip)[0].blocks)


def test_an_editor_with_tampered_metadata_is_refused(running: Running, crew: Crew) -> None:
    running.slack.command(crew.coordinator, "/callsheet", "fri", channel=crew.crew_channel)
    view = running.slack.last_view(crew.coordinator)
    view["private_metadata"] = json.dumps({"production_id": crew.production_id})
    refused = running.slack.submit(crew.coordinator, view, {}).json()
    assert "out of date" in next(iter(refused["errors"].values()))
    assert days(running) == []


def test_a_parking_or_lunch_change_reaches_everyone_once(running: Running, crew: Crew) -> None:
    """Parking and lunch are on everyone's day: each person gets one DM saying what changed,
    the channel thread lists it, and publishing again without a change messages no one."""
    compose(running, crew)
    publish(running, crew)
    people = (crew.coordinator, crew.pa, crew.grip)
    before = {p.id: len(call_dms(running, p)) for p in people}
    compose(running, crew, location_parking="Lot C by the church", lunch="12p")
    reply = publish(running, crew)
    assert "revision 2" in json.dumps(reply).lower(), reply
    for person in people:
        dms = call_dms(running, person)
        assert len(dms) == before[person.id] + 1
        assert "Parking: Lot B behind the diner → Lot C by the church" in dms[-1].text
        assert "Lunch: 12:30 PM → 12:00 PM" in dms[-1].text
    ws = running.emulator.workspace
    thread = [m.text for m in ws.channel_messages(crew.crew_channel, threads=True)]
    assert any("Revision 2" in t and "Parking: Lot B behind the diner → Lot C" in t for t in thread)
    counts = {p.id: len(call_dms(running, p)) for p in people}
    assert "nothing has changed" in json.dumps(publish(running, crew))
    assert {p.id: len(call_dms(running, p)) for p in people} == counts


@pytest.mark.parametrize("earlier", ["first", "meals"])
def test_a_day_published_by_an_earlier_slate_is_not_republished(
    running: Running, crew: Crew, earlier: str
) -> None:
    """Sheets sent by an earlier Slate (`first`: no meals or shared place stored; `meals`:
    no hospital, notes or whole view) stay as they are: an upgrade alone messages no one."""
    compose(running, crew)
    publish(running, crew)
    kept = {"call", "pickup", "hmu", "location", "scenes"}
    if earlier == "meals":
        kept |= {"shooting_call", "breakfast", "lunch", "address", "parking", "basecamp"}
    with running.db() as db:  # as the earlier Slate stored it
        (day,) = db.scalars(select(ShootDay)).all()
        day.published = {k: v for k, v in day.published.items() if k in {*kept, "general_call"}}
        for record in db.scalars(select(CallSheetRecipient)):
            record.told = {k: v for k, v in record.told.items() if k in kept}
        production = db.get(Production, day.production_id)
        view = sheet.build(db, production, day)
        views = person_day.build(view, personal_calls(db, production, day))
        day.published_hash = _fingerprint(view, views, earlier)  # the earlier hash
        db.commit()
    counts = {p.id: len(call_dms(running, p)) for p in (crew.pa, crew.grip)}
    assert "nothing has changed" in json.dumps(publish(running, crew))
    assert {p.id: len(call_dms(running, p)) for p in (crew.pa, crew.grip)} == counts


def add_actor(running: Running, crew: Crew):
    """Ana Actor, cast, in scene 12 of the composed Friday."""
    ana = running.emulator.workspace.add_user("ana", "ana@nightowl.film", real_name="Ana Actor")
    with running.db() as db:
        crew_service.import_crew(
            db,
            db.get(Production, crew.production_id),
            f"name,email,department,role,slack_user_id\nAna Actor,ana@x.film,Cast,cast,{ana.id}\n",
        )
        db.commit()
    return ana


ANA = "Ana Actor 7a pickup 6a hmu 6:30a"


def test_a_revision_tells_exactly_the_people_whose_day_changed_what_changed(
    running: Running, crew: Crew
) -> None:
    """A cast pickup reaches only the actor; parking, lunch, hospital and notes reach everyone,
    one DM each with old → new; /calltime, Home and the calendar then show the new day."""
    ana = add_actor(running, crew)
    everyone = (crew.coordinator, crew.pa, crew.grip, ana)
    compose(running, crew, calls=ANA, notes="Closed set.")
    publish(running, crew)
    counts = {p.id: len(call_dms(running, p)) for p in everyone}
    assert set(counts.values()) == {1}

    compose(running, crew, calls="Ana Actor 7a pickup 5:45a hmu 6:30a", notes="Closed set.")
    assert "revision 2: 1 personal DM" in publish(running, crew)["text"]
    assert call_dms(running, ana)[-1].text == "REVISED Fri Jun 12: Pickup: 6:00 AM → 5:45 AM"
    assert {p.id: len(call_dms(running, p)) for p in everyone} == counts | {ana.id: 2}

    compose(
        running,
        crew,
        calls="Ana Actor 7a pickup 5:45a hmu 6:30a",
        location_parking="Lot C by the church",
        lunch="12:15p",
        location_hospital="Cedars · 8700 Beverly Blvd · 310-555-0199",
        notes="Closed set. No phones on the floor.",
    )
    assert "revision 3: 4 personal DMs" in publish(running, crew)["text"]
    for person in everyone:
        dm = call_dms(running, person)[-1].text
        assert dm == (
            "REVISED Fri Jun 12: Parking: Lot B behind the diner → Lot C by the church; "
            "Hospital: Good Samaritan · 1225 Wilshire Blvd · 213-555-0100 → "
            "Cedars · 8700 Beverly Blvd · 310-555-0199; Lunch: 12:30 PM → 12:15 PM; Notes changed"
        ), dm
    thread = [
        m.text for m in running.emulator.workspace.channel_messages(crew.crew_channel, threads=True)
    ]
    assert any(t.startswith("Revision 3: Parking: Lot B") and "Notes changed" in t for t in thread)

    said = running.slack.command(ana, "/calltime", "", channel=crew.crew_channel).json()
    shown = json.dumps(said, ensure_ascii=False)
    assert said["text"] == "Your call Fri Jun 12: 7:00 AM"
    for expected in ("Pickup*\\n5:45 AM", "Hair & make-up*\\n6:30 AM", "Lot C", "Cedars"):
        assert expected in shown, expected
    assert "Your scenes:* 12" in shown and "No phones on the floor" in shown

    running.slack.open_home(crew.grip)
    running.deliver()
    home = json.dumps(running.emulator.workspace.home[crew.grip.id], ensure_ascii=False)
    assert "Parking: Lot C by the church" in home and "Lunch 12:15 PM" in home

    running.slate.bolt.public_url = running.url
    link = running.slack.command(ana, "/calltime", "subscribe", channel=crew.crew_channel)
    url = link.json()["text"].split("calls: ")[1].split(" ")[0]
    (event,) = Calendar.from_ical(httpx.get(url).content).walk("VEVENT")
    description = str(event.get("description"))
    assert "Parking: Lot C by the church" in description and "Pickup: 5:45 AM" in description
    assert "Cedars" in description and event.get("sequence") == 3

    counts = {p.id: len(call_dms(running, p)) for p in everyone}
    assert "nothing has changed" in json.dumps(publish(running, crew))
    assert {p.id: len(call_dms(running, p)) for p in everyone} == counts
