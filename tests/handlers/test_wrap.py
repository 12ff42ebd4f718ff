"""Wrap and gear through signed requests."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.services.wrap import gear
from bot.store.models import Production
from tests.conftest import Crew
from tests.handlers.callsheet_helpers import compose, publish
from tests.harness import Running

LA = ZoneInfo("America/Los_Angeles")


def wrap_dms(running: Running, user) -> list[str]:
    return [
        m.text
        for m in running.emulator.workspace.dm_messages(user.id)
        if m.text.startswith("Wrapped")
    ]


def test_wrap_tells_each_person_their_loose_ends_once(running: Running, crew: Crew) -> None:
    compose(running, crew)
    publish(running, crew)
    running.slack.command(crew.coordinator, "/assign", f"<@{crew.pa.id}> return the van keys")
    running.slack.command(crew.grip, "/expense", "80 sandbags at Home Depot")
    running.slack.command(crew.grip, "/gear", f"out c-stand 12 to <@{crew.grip.id}>")
    running.clock.set(datetime(2026, 6, 12, 19, 50, tzinfo=LA))
    reply = running.slack.command(crew.coordinator, "/wrap", "19:42").json()
    assert reply["text"] == "Wrapped Fri Jun 12 at 7:42 PM. 3 people got their loose ends."
    running.deliver()
    posts = [m.text for m in running.emulator.workspace.channel_messages(crew.crew_channel)]
    assert any("That's a wrap on Fri Jun 12 at 7:42 PM" in p for p in posts)
    (grip,) = wrap_dms(running, crew.grip)
    assert "return c-stand 12" in grip and "receipt for expense #1 ($80.00)" in grip
    (pa,) = wrap_dms(running, crew.pa)
    assert "task: return the van keys" in pa
    assert wrap_dms(running, crew.coordinator) == [
        "Wrapped Fri Jun 12. Nothing open for you. Rest well."
    ]
    again = running.slack.command(crew.coordinator, "/wrap", "19:45").json()
    assert again["text"].startswith("Corrected wrap Fri Jun 12 at 7:45 PM")
    running.deliver()
    assert len(wrap_dms(running, crew.grip)) == 1  # nobody is told twice
    # Tomorrow's turnaround is measured from the recorded wrap.
    compose(running, crew, "sat", general_call="5a", lunch="10a")
    publish(running, crew, "sat")  # the scheduler's tick also runs Sat's nightly post, due at 6 pm
    office = running.emulator.workspace.channel_messages(crew.coordinators_channel)
    warning = str([m.blocks for m in office if "Sat Jun 13" in m.text and "warning" in m.text])
    assert "Pat PA: 9 h 15 min rest (wrap Fri 19:45 → call Sat 05:00), needs 10 h" in warning


def test_an_overnight_shoot_wraps_the_day_before(running: Running, crew: Crew) -> None:
    compose(running, crew, general_call="6p", estimated_wrap="5a", lunch="11p")
    publish(running, crew)
    running.clock.set(datetime(2026, 6, 13, 4, 10, tzinfo=LA))  # Saturday 4:10 am
    reply = running.slack.command(crew.coordinator, "/wrap", "").json()
    assert reply["text"].startswith("Wrapped Fri Jun 12 at 4:10 AM")


def test_bad_wraps(running: Running, crew: Crew) -> None:
    assert "nothing to wrap" in running.slack.command(crew.coordinator, "/wrap").json()["text"]
    compose(running, crew)
    publish(running, crew)
    running.clock.set(datetime(2026, 6, 12, 12, 0, tzinfo=LA))
    assert "Only coordinators" in running.slack.command(crew.grip, "/wrap").json()["text"]
    assert "before call" in running.slack.command(crew.coordinator, "/wrap", "6a").json()["text"]
    assert (
        "hasn't come yet" in running.slack.command(crew.coordinator, "/wrap", "7p").json()["text"]
    )
    reminded = running.slack.command(crew.coordinator, "/wrap", "remind 7p").json()
    assert reminded["text"] == "I'll remind you at 7:00 PM."
    running.clock.set(datetime(2026, 6, 12, 19, 0, tzinfo=LA))
    running.slate.scheduler.tick()
    running.deliver()
    assert (
        "planned wrap time" in running.emulator.workspace.dm_messages(crew.coordinator.id)[-1].text
    )


def test_gear_out_in_and_the_list(running: Running, crew: Crew) -> None:
    def gear_cmd(who, text: str) -> str:
        return running.slack.command(who, "/gear", text).json()["text"]

    assert gear_cmd(crew.grip, "out c-stand 12") == (
        "New to the gear list: c-stand 12 is out to Gus Grip."
    )
    assert "is out to Gus Grip" in gear_cmd(crew.pa, f"out c-stand 12 to <@{crew.pa.id}>")
    assert gear_cmd(crew.pa, "") == "Gear out: 1"
    assert gear_cmd(crew.grip, "in C-Stand 12") == "c-stand 12 is back in."
    assert "already in" in gear_cmd(crew.grip, "in c-stand 12")
    assert "no “sky panel”" in gear_cmd(crew.grip, "in sky panel")


def test_a_rental_still_out_warns_the_day_before_it_is_due(running: Running, crew: Crew) -> None:
    with running.db() as db:
        production = db.get(Production, crew.production_id)
        gear.add(
            db,
            production,
            "Alexa Mini",
            asset_tag="CAM-1",
            rental_house="Keslow",
            return_due=datetime(2026, 6, 14).date(),
        )
        db.commit()
    running.slack.command(crew.grip, "/gear", "out alexa mini")
    running.clock.set(datetime(2026, 6, 13, 17, 0, tzinfo=LA))
    assert running.slate.scheduler.tick() == 1
    assert running.slate.scheduler.tick() == 0
    running.deliver()
    warning = running.emulator.workspace.channel_messages(crew.coordinators_channel)[-1].text
    assert warning == (
        ":warning: Still out, due back tomorrow: Alexa Mini (tag CAM-1, from "
        "Keslow, due back Jun 14) — with Gus Grip."
    )
