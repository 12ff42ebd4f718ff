"""/schedulechange through signed requests: it changes the day itself, then publishes it."""

from __future__ import annotations

import json
import re
import zlib

import pytest

from slack_emulator import payloads
from tests.conftest import Crew
from tests.handlers.callsheet_helpers import (
    call_dms,
    compose,
    days,
    progress,
    publish,
    run_publish,
)
from tests.harness import Running


def change(running: Running, crew: Crew, text: str) -> dict:
    """/schedulechange <text> from the coordinators' channel, then run the queued publish."""
    reply = running.slack.command(
        crew.coordinator, "/schedulechange", text, channel=crew.coordinators_channel
    )
    answer = reply.json() if reply.content else {}
    if answer.get("text", "").startswith("Publishing"):
        answer["done"] = run_publish(running, crew.coordinator)["text"]
    running.deliver()
    return answer


def announcements(running: Running, crew: Crew) -> list[str]:
    """The crew channel's schedule-change announcements."""
    posts = running.emulator.workspace.channel_messages(crew.crew_channel)
    return [m.text for m in posts if "SCHEDULE CHANGE" in m.text]


def pdf_text(running: Running, crew: Crew) -> str:
    """The text of the newest call sheet PDF posted in the crew channel's thread."""
    ws = running.emulator.workspace
    files = [f for m in ws.channel_messages(crew.crew_channel, threads=True) for f in m.files]
    content = ws.files[files[-1]["id"]]["content"]
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S)
    return b"".join(_inflate(s) for s in streams).decode("latin-1")


def _inflate(stream: bytes) -> bytes:
    try:
        return zlib.decompress(stream)
    except zlib.error:
        return stream


def test_lunch_and_wrap_change_the_sheet_and_are_announced(running: Running, crew: Crew) -> None:
    compose(running, crew, general_call="7a")
    publish(running, crew)
    reply = change(running, crew, "fri lunch moves to 1p, wrap 8p")
    assert reply["text"] == (
        "Publishing Fri Jun 12 to 3 people… Changed: Lunch 12:30 PM → 1:00 PM; "
        "Est. wrap 7:00 PM → 8:00 PM. Warnings, progress and the outcome: in your DM from Slate."
    )
    assert reply["done"].startswith("Announced in the crew channel. Published Fri Jun 12, rev")
    (day,) = days(running)
    assert day.revision == 2
    post = running.emulator.workspace.channel_messages(crew.crew_channel)[0]
    assert "1:00 PM" in json.dumps(post.blocks) and post.history  # edited in place
    assert "1:00 PM" in pdf_text(running, crew) and "12:30 PM" not in pdf_text(running, crew)
    (announced,) = announcements(running, crew)
    assert "Lunch 12:30 PM → 1:00 PM" in announced
    assert "Est. wrap 7:00 PM → 8:00 PM" in announced
    revised = call_dms(running, crew.pa)[-1]
    assert "Lunch: 12:30 PM → 1:00 PM" in revised.text + json.dumps(revised.blocks)


def test_an_overnight_wrap_and_a_general_call_move(running: Running, crew: Crew) -> None:
    compose(running, crew, general_call="6p", shooting_call="7p", lunch="11p", estimated_wrap="5a")
    publish(running, crew)
    change(running, crew, "fri call 5p, wrap 4a")
    (day,) = days(running)
    assert day.general_call.isoformat() == "2026-06-13T00:00:00+00:00"  # 17:00 PDT
    assert day.estimated_wrap.isoformat() == "2026-06-13T11:00:00+00:00"  # Sat 04:00 PDT
    (announced,) = announcements(running, crew)
    assert "Est. wrap 5:00 AM (Sat) → 4:00 AM (Sat)" in announced
    assert "General crew call 6:00 PM → 5:00 PM" in announced
    assert "Grip call" not in announced  # it only moved with general call
    assert "Your call: 5:30 PM → 4:30 PM" in call_dms(running, crew.grip)[-1].text


def test_department_and_personal_calls_and_location(running: Running, crew: Crew) -> None:
    compose(running, crew, "thu", location_name="Warehouse B", location_address="9 Dock Rd")
    compose(running, crew)
    publish(running, crew)
    change(running, crew, "fri grip call 5:30, @pat call 5:15, location Warehouse B")
    (announced,) = announcements(running, crew)
    assert "Grip call 6:00 AM → 5:30 AM" in announced
    assert "Pat PA's call 6:30 AM → 5:15 AM" in announced
    assert "Location Rosa's Diner → Warehouse B" in announced
    assert "Your call: 6:30 AM → 5:15 AM" in call_dms(running, crew.pa)[-1].text
    assert "Your call: 6:00 AM → 5:30 AM" in call_dms(running, crew.grip)[-1].text
    change(running, crew, "fri grip +15")
    assert "Grip call 5:30 AM → 6:45 AM" in announcements(running, crew)[-1]


BAD = [
    ("fri lunch 1p, wrap soonish", "I can't read “wrap soonish”"),
    ("fri lunch 1p, catering is late", "I can't read “catering is late”"),
    ("fri lunch 1p, location Mars", "no location called “Mars”"),
    ("fri lunch 1p, @nobody call 5a", "nobody called “nobody”"),
    ("fri lunch 1p, grip +900", "at most 12 hours"),
    ("fri lunch 1p, @pat call 9p", "after the estimated wrap"),
    # A call moved past the day's other times, or a shooting call before the call, is a typo:
    ("fri call 7p", "The shooting call (Fri 8:00 AM) must come after the general crew call"),
    ("fri shooting call 6a", "The shooting call (Sat 6:00 AM) must come after"),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_one_bad_part_changes_nothing_and_says_what_to_type(
    running: Running, crew: Crew, text: str, message: str
) -> None:
    compose(running, crew)
    publish(running, crew)
    before = days(running)[0]
    reply = change(running, crew, text)
    assert message in reply["text"]
    if "I can't read" in reply["text"]:
        assert "`/schedulechange fri lunch 1p, wrap 8p`" in reply["text"]
    after = days(running)[0]
    assert (after.lunch_at, after.revision) == (before.lunch_at, 1)
    assert announcements(running, crew) == [] and len(call_dms(running, crew.pa)) == 1


def test_no_changes_opens_the_form_which_publishes(running: Running, crew: Crew) -> None:
    compose(running, crew, location_name="Rosa's Diner, Back Lot")
    publish(running, crew)
    change(running, crew, "fri")
    form = running.slack.last_view(crew.coordinator)
    values = {b["block_id"]: b["element"].get("initial_value") for b in form["blocks"][1:]}
    assert values["lunch"] == "12:30p" and values["location_name"] == "Rosa's Diner, Back Lot"
    assert "Grip -30" in values["departments"]
    answers = {k: v for k, v in values.items() if v} | {"lunch": "12:15p", "shooting_call": "8:30a"}
    sent = running.slack.submit(crew.coordinator, form, answers)
    told = run_publish(running, crew.coordinator)["text"]
    assert sent.content == b""  # the form closes
    (announced,) = announcements(running, crew)
    assert (
        "Lunch 12:30 PM → 12:15 PM" in announced and "Shooting call 8:00 AM → 8:30 AM" in announced
    )
    assert days(running)[0].revision == 2
    assert told.startswith("Announced in the crew channel. Published Fri Jun 12, revision 2")
    change(running, crew, "fri")
    form = running.slack.last_view(crew.coordinator)
    bad = running.slack.submit(crew.coordinator, form, answers | {"lunch": "whenever"}).json()
    assert bad["errors"]["lunch"].startswith("I can't read “lunch whenever”")


def test_held_by_a_warning_until_publish_anyway(running: Running, crew: Crew) -> None:
    compose(running, crew)
    publish(running, crew)
    reply = change(running, crew, "fri lunch 2p")  # 7.5 h after call
    assert reply["done"] == "Fri Jun 12 has 1 warning: not sent yet."
    assert announcements(running, crew) == [] and len(call_dms(running, crew.pa)) == 1
    held = progress(running, crew.coordinator)
    running.slack.click(crew.coordinator, "callsheet_publish_anyway", message=held)
    done = run_publish(running, crew.coordinator)["text"]
    assert done.startswith("Announced in the crew channel. Published Fri Jun 12, revision 2")
    assert announcements(running, crew) == [
        ":rotating_light: SCHEDULE CHANGE Fri Jun 12: Lunch 12:30 PM → 2:00 PM"
    ]
    assert len(call_dms(running, crew.pa)) == 2


def test_publish_answers_at_once_and_a_double_publish_goes_out_once(
    running: Running, crew: Crew
) -> None:
    compose(running, crew)
    first, second = (
        running.slack.command(
            crew.coordinator, "/callsheet", "publish fri", channel=crew.coordinators_channel
        ).json()
        for _ in range(2)
    )
    # The answer can't be edited later: it says where the outcome will be.
    assert first["text"] == (
        "Publishing Fri Jun 12 to 3 people… "
        "Warnings, progress and the outcome: in your DM from Slate."
    )
    assert second["text"] == "Fri Jun 12 is already being published: watch your DM from Slate."
    running.deliver()
    assert progress(running, crew.coordinator).text == "Publishing Fri Jun 12 to 3 people…"
    assert call_dms(running, crew.pa) == []  # composed by the job, not the request
    done = run_publish(running, crew.coordinator)
    assert done["text"] == "Published Fri Jun 12, revision 1: 3 personal DMs."
    assert len(progress(running, crew.coordinator).history) == 1  # edited in place
    assert len(call_dms(running, crew.pa)) == 1 and days(running)[0].revision == 1
    again = publish(running, crew)  # after the job ran: nothing new goes out
    assert "nothing has changed" in again["text"] and len(call_dms(running, crew.pa)) == 1


def test_an_overnight_shoot_across_the_fall_back_night(running: Running, crew: Crew) -> None:
    # Los Angeles leaves daylight time at 2 am on Sun Nov 1: the wrap is read in standard time.
    overnight = {"general_call": "6p", "shooting_call": "7p", "lunch": "11p"}
    compose(running, crew, "10/31", estimated_wrap="4a", **overnight)
    publish(running, crew, "10/31")
    change(running, crew, "10/31 wrap 5a, call 6:30p")
    (day,) = days(running)
    assert day.general_call.isoformat() == "2026-11-01T01:30:00+00:00"  # 18:30 PDT
    assert day.estimated_wrap.isoformat() == "2026-11-01T13:00:00+00:00"  # 05:00 PST
    (announced,) = announcements(running, crew)
    assert "Est. wrap 4:00 AM (Sun) → 5:00 AM (Sun)" in announced
    assert "General crew call 6:00 PM → 6:30 PM" in announced


def test_a_retried_schedule_change_is_applied_and_published_once(
    running: Running, crew: Crew
) -> None:
    compose(running, crew)
    publish(running, crew)
    ws = running.emulator.workspace
    fields = payloads.slash_command(
        ws, crew.coordinator, "/schedulechange", "fri grip +15", crew.coordinators_channel
    )
    for _ in range(2):  # Slack sends the same request again when the first answer is slow
        running.slack.send_form(fields)
    done = run_publish(running, crew.coordinator)
    assert done["text"].startswith("Announced in the crew channel. Published Fri Jun 12, rev")
    assert days(running)[0].revision == 2 and len(announcements(running, crew)) == 1
    assert len(call_dms(running, crew.grip)) == 2  # the first sheet and one revision
