"""Talent on the call sheet, releases off later sheets, and direct holds edited in place."""

from __future__ import annotations

import json
import subprocess

from sqlalchemy import select

from bot.store.models_booking import Booking
from tests.conftest import Crew
from tests.handlers import permission_matrix as matrix
from tests.handlers.callsheet_helpers import call_dms, compose, publish
from tests.handlers.test_booking import book, dms
from tests.harness import Running


def _thread_pdf(running: Running, crew: Crew, tmp_path) -> str:
    """The text of the latest call sheet PDF in the crew channel's thread."""
    ws = running.emulator.workspace
    posted = ws.channel_messages(crew.crew_channel, threads=True)
    (content, *_) = [ws.files[f["id"]]["content"] for m in reversed(posted) for f in m.files]
    path = tmp_path / "sheet.pdf"
    path.write_bytes(content)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return out.stdout.decode()


def test_a_cast_fitting_lands_on_the_sheet_the_dm_and_calltime(
    running: Running, crew: Crew, tmp_path
) -> None:
    ws = running.emulator.workspace
    ana = ws.add_user("ana", "ana@free.film", real_name="Ana Best")
    bea = ws.add_user("bea", "bea@free.film", real_name="Bea Bold")
    cast = {"kind": "cast", "position": "Lead", "department": ""}
    book(running, crew.coordinator, ana, character="Rosa", cast_status="SW", **cast,
         fitting="thu 2pm", rehearsal="fri 10am")  # fmt: skip
    # Bea is in no scene on Thursday: the booking alone puts her on the sheet, on hold.
    book(running, crew.coordinator, bea, character="Nell", cast_status="H", **cast)
    assert compose(running, crew, "thu").status_code == 200  # scene 12 names "Ana"
    assert "Published" in publish(running, crew, "thu")["text"]
    sheet = _thread_pdf(running, crew, tmp_path)
    assert "Rosa" in sheet and "Fitting 2:00 PM" in sheet
    assert "Nell" in sheet and "Bea Bold" in sheet
    assert "Rehearsal" not in sheet  # Friday's rehearsal is Friday's
    dm = json.dumps(call_dms(running, ana)[-1].blocks)
    assert "*Your remarks:* Fitting 2:00 PM" in dm
    asked = running.slack.command(ana, "/calltime", "thu", channel=crew.crew_channel).json()
    assert "Fitting 2:00 PM" in json.dumps(asked)
    assert not call_dms(running, bea)  # on hold: not called


def test_a_release_takes_them_off_later_sheets_not_days_worked(
    running: Running, crew: Crew
) -> None:
    ana = running.emulator.workspace.add_user("ana", "ana@free.film", real_name="Ana Best")
    book(running, crew.coordinator, ana)  # Grip, Thu-Fri
    compose(running, crew, "thu")
    compose(running, crew, "fri")
    publish(running, crew, "thu")
    assert len(call_dms(running, ana)) == 1
    running.clock.advance(hours=30)  # Thursday evening: the day is worked, then she is let go
    running.slack.command(crew.coordinator, "/bookings")
    listing = running.emulator.workspace.ephemerals[-1]
    running.slack.click(crew.coordinator, "booking_release", message=listing)
    running.deliver()
    assert dms(running, ana, "Night Owl has released your booking")
    publish(running, crew, "fri")
    assert len(call_dms(running, ana)) == 1  # no Friday call
    friday = running.slack.command(crew.coordinator, "/calltime", "grip fri").json()
    assert "Ana Best" not in json.dumps(friday)
    assert "Gus Grip" in json.dumps(friday)
    thursday = running.slack.command(crew.coordinator, "/calltime", "grip thu").json()
    assert "Ana Best" in json.dumps(thursday)  # the day she worked keeps her
    with running.db() as db:  # history stays: the booking is marked, not deleted
        (kept,) = db.scalars(select(Booking).where(Booking.slack_user_id == ana.id))
        assert kept.status == "released" and kept.released_at is not None


def test_a_direct_hold_and_its_dm_edited_in_place(running: Running, crew: Crew) -> None:
    people, slack, grip = matrix.cast(running, crew), running.slack, crew.grip
    cora, dora = crew.coordinator, people.other_coordinator
    first = slack.command(cora, "/hold", f"<@{grip.id}> Key Grip 6/14-6/16 first").json()
    assert first["text"].startswith("Held Gus Grip — Night Owl: Key Grip, Jun 14-16 (first hold)")
    running.deliver()
    (notice,) = dms(running, grip, "Night Owl has put a first hold on you")
    refused = slack.command(dora, "/hold", f"<@{grip.id}> Grip 6/15 first").json()
    assert "Type `second`" in refused["text"]
    second = slack.command(dora, "/hold", f"<@{grip.id}> Grip 6/15 second").json()
    assert "(second hold)" in second["text"]
    running.deliver()
    (placer,) = dms(running, dora, "Held Gus Grip")
    slack.click(dora, "hold_challenge", message=placer)
    running.deliver()
    (notice,) = [m for m in running.emulator.workspace.dm_messages(grip.id) if m.ts == notice.ts]
    assert "challenged: Night Owl confirms or releases by" in notice.text
    assert "offered a booking" not in json.dumps(notice.blocks)  # already challenged
    challenge = dms(running, cora, "Day Lark challenged your first hold")[-1]
    slack.click(cora, "hold_release", message=challenge)
    running.deliver()
    (notice,) = [m for m in running.emulator.workspace.dm_messages(grip.id) if m.ts == notice.ts]
    assert notice.text == "Night Owl's hold on you (Key Grip, Jun 14-16) was released."
    moved = dms(running, grip, "Day Lark has put a")
    assert [m.text for m in moved] == ["Day Lark has put a first hold on you: Grip, Jun 15."]


def test_bad_direct_holds_say_what_to_type_and_store_nothing(running: Running, crew: Crew) -> None:
    cora, grip = crew.coordinator, crew.grip
    for typed, said in [
        ("Key Grip 6/14 first", "Type `/hold @person position days first|second`"),
        (f"<@{grip.id}> Key Grip someday first", "is not a day or days"),
        (f"<@{grip.id}> Key Grip 6/16-6/14 first", "The last day is before the first"),
    ]:
        assert said in running.slack.command(cora, "/hold", typed).json()["text"], typed
    refused = running.slack.command(grip, "/hold", f"<@{grip.id}> Key Grip 6/14 first").json()
    assert "Only coordinators" in refused["text"]
    running.deliver()
    assert not dms(running, grip, "Night Owl has put")
