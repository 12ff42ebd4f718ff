"""Call sheet builders at Slack's limits, straight from view data: no database, no Slack."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.blocks.callsheets import callsheet as blocks
from bot.blocks.callsheets import notices, pdf
from bot.blocks.callsheets.calltime import answer_blocks, answer_text
from bot.blocks.callsheets.editor import EditorMeta, day_editor
from bot.blocks.callsheets.replies import published_reply
from bot.blocks.common import reply
from bot.blocks.limits import check_message, check_view
from bot.blocks.metadata import decode
from bot.services.callsheets import person_day
from bot.services.callsheets.calls import PersonalCall
from bot.services.callsheets.calltime import CallEntry, CalltimeAnswer, DayTold
from bot.services.callsheets.drafts import DayDraft
from bot.services.callsheets.person_day import Change, PersonDay
from bot.services.callsheets.sheet import AdvanceLine, PlaceView, SceneLine, SheetView
from bot.services.callsheets.sheets import Published
from bot.store.models import Person

LA = ZoneInfo("America/Los_Angeles")
FRIDAY = date(2026, 6, 12)
CALL = datetime(2026, 6, 12, 6, 30, tzinfo=LA)
LONG = ("Bring layers; the diner is cold at night. " * 80)[:3000]
PINGS = "<!channel> @here <@U123> see https://example.com"


def scene(n: int) -> SceneLine:
    return SceneLine(f"{n}A", f"INT. ROSA'S DINER - BOOTH {n}", "D", "1 4/8", "Ana Actor, Bo Bit")


def sheet_view(**changes: object) -> SheetView:
    view = SheetView(
        production="Night Owl",
        tz="America/Los_Angeles",
        date=FRIDAY,
        day_number=1,
        total_days=30,
        revision=1,
        general_call=CALL,
        shooting_call=CALL + timedelta(hours=1),
        estimated_wrap=CALL + timedelta(hours=12),
        breakfast=None,
        lunch=CALL + timedelta(hours=6),
        sunrise=None,
        sunset=None,
        weather="Clear, 68°F",
        notes="Closed set.",
        location=PlaceView("Rosa's Diner", "123 Main St", "Lot B", None, "Good Samaritan"),
        scenes=(scene(1), scene(2)),
        department_calls=(("Grip", CALL - timedelta(minutes=30)),),
        advance=(AdvanceLine(FRIDAY + timedelta(days=1), 2, CALL, "Studio"),),
    )
    return replace(view, **changes)


def ana(view: SheetView | None = None, **changes: object) -> PersonDay:
    call = PersonalCall(
        Person(name="Ana Actor", role="cast"),
        CALL,
        CALL - timedelta(minutes=45),
        CALL - timedelta(minutes=30),
        "Rosa's Diner",
        ("1A",),
    )
    (day,) = person_day.build(view or sheet_view(), [call]).values()
    return replace(day, **changes)


def test_a_sheet_of_60_scenes_and_3000_character_notes_fits_in_post_and_thread() -> None:
    view = sheet_view(
        scenes=tuple(scene(n) for n in range(1, 61)),
        notes=LONG,
        weather=LONG,
        location=PlaceView(LONG[:120], LONG, LONG, LONG, LONG, LONG, LONG),
        department_calls=tuple((f"Department {n}", CALL) for n in range(40)),
    )
    chunks = blocks.sheet_messages(view)
    for chunk in chunks:
        check_message({"text": blocks.sheet_text(view), "blocks": chunk})
    shown = json.dumps(chunks)
    assert "60A" in shown and "Scenes* (60, 90 pages)" in shown
    assert pdf.render(view).startswith(b"%PDF")


def test_a_cast_dm_with_60_scenes_and_a_revision_fits() -> None:
    view = sheet_view(
        location=PlaceView("Rosa's", LONG, LONG, LONG, LONG, LONG, LONG), notes=LONG, weather=LONG
    )
    call = ana(view, scenes=tuple(f"{n}A" for n in range(60)))
    changes = tuple(Change("Parking", "text", LONG, LONG[::-1]) for n in range(30))
    confirm = blocks.ConfirmMeta(day_id=7, revision=3, person_id=41)
    message = blocks.personal_blocks(call, changes=changes, confirm=confirm)
    check_message({"text": blocks.personal_text(call, changes), "blocks": message})
    (button,) = next(b for b in message if b["type"] == "actions")["elements"]
    assert decode(blocks.ConfirmMeta, button["value"]) == confirm
    assert "Your scenes" in json.dumps(message)


def test_a_confirmed_dm_has_no_button() -> None:
    message = blocks.personal_blocks(ana(), changes=None, confirm=None, confirmed_at=CALL)
    assert not [b for b in message if b["type"] == "actions"]
    assert "Confirmed at" in json.dumps(message)


def test_the_tally_of_a_crew_of_500_with_nobody_confirmed_fits() -> None:
    pending = [
        (f"Crew Member Number {n:03d} " + "x" * 80, "213-555-0100", n % 2 == 0) for n in range(500)
    ]
    text, tally = blocks.tally_blocks(sheet_view(), 0, pending)
    check_message({"text": text, "blocks": tally})
    assert text == "Day 1 (Fri Jun 12): 0/500 confirmed"


def test_the_chase_list_of_500_silent_people_fits_in_one_message() -> None:
    people = [(f"Crew Member {n:03d}", "213-555-0100") for n in range(500)]
    text = notices.chase_text(FRIDAY, people)
    check_message({"text": text})
    assert "…and 300 more" in text


def test_a_departments_calltime_answer_for_500_people_fits() -> None:
    answer = CalltimeAnswer(
        "Night Owl",
        "America/Los_Angeles",
        "Grip",
        DayTold(FRIDAY, 2, CALL, "Rosa's Diner", LONG, LONG),
        tuple(CallEntry(f"Gus Grip {n} " + "x" * 200, CALL, n % 3 == 0) for n in range(25)),
        group=True,
        counts=tuple((CALL + timedelta(minutes=n), 10) for n in range(50)),
        total=500,
    )
    check_message(reply(answer_text(answer), answer_blocks(answer)))
    assert answer_text(answer) == "Grip calls Fri Jun 12: 500 people"
    shown = json.dumps(answer_blocks(answer), ensure_ascii=False)
    assert "…and 475 more" in shown and "`/calltime grip`" in shown and "later calls — 300" in shown


def test_one_persons_calltime_answer_with_everything_long_fits() -> None:
    view = sheet_view(location=PlaceView(LONG[:120], LONG, LONG, LONG, LONG, LONG, LONG))
    day = ana(view, scenes=tuple(f"{n}A" for n in range(200)), notes=LONG, weather=LONG)
    answer = CalltimeAnswer(
        "Night Owl", "America/Los_Angeles", "You", DayTold(FRIDAY, 2), person=day
    )
    check_message(reply(answer_text(answer), answer_blocks(answer)))
    assert answer_text(answer) == "Your call Fri Jun 12: 6:30 AM"
    shown = json.dumps(answer_blocks(answer), ensure_ascii=False)
    assert "Pickup" in shown and "Hair & make-up" in shown


def test_the_editor_with_3000_character_notes_and_60_scenes_fits() -> None:
    draft = DayDraft(
        production_id=3,
        date=FRIDAY,
        general_call="6:30a",
        scenes="\n".join(f"{n} | INT. DINER | D | 1 4/8 | Ana" for n in range(60)),
        notes=LONG,
        weather=LONG[:2000],
    )
    view = day_editor(draft)
    check_view(view)
    assert decode(EditorMeta, view["private_metadata"]).production_id == 3
    values = {b["block_id"]: b["element"].get("initial_value") for b in view["blocks"]}
    assert values["notes"] == LONG and values["date"] is None


def test_forty_warnings_and_publish_anyway_fit() -> None:
    warnings = tuple(f"Crew Member {n}: 8 h rest, needs 10 h " + "x" * 100 for n in range(60))
    text, held = published_reply(Published(5, FRIDAY, 0, warnings=warnings))
    check_message({"text": text, "blocks": held})
    assert text == "Fri Jun 12 has 60 warnings: not sent yet."
    (button,) = held[-1]["elements"]
    assert decode(blocks.PublishAnywayMeta, button["value"]).day_id == 5


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=3000))
def test_user_text_never_pings_and_never_breaks_a_limit(typed: str) -> None:
    typed = PINGS + typed
    view = sheet_view(
        notes=typed, weather=typed, location=PlaceView(typed[:120], typed, typed, typed)
    )
    surfaces = blocks.sheet_messages(view)
    change = Change("Location", "text", typed, typed[::-1])
    day = ana(view, notes=typed, weather=typed, parking=typed, hospital_name=typed)
    surfaces.append(blocks.personal_blocks(day, changes=(change,), confirm=None))
    surfaces.append(
        answer_blocks(CalltimeAnswer("N", "UTC", "You", DayTold(FRIDAY, 1), person=day))
    )
    for surface in surfaces:
        check_message({"text": "x", "blocks": surface})
        shown = json.dumps(surface)
        assert "<!channel>" not in shown and "<@U123>" not in shown


def test_a_confirm_button_sent_before_typed_values_still_reads() -> None:
    assert blocks.read_confirm("12:3") == blocks.ConfirmMeta(12, 3, 0)
    typed = blocks.ConfirmMeta(12, 3, 41)
    message = blocks.personal_blocks(ana(), changes=None, confirm=typed)
    (button,) = next(b for b in message if b["type"] == "actions")["elements"]
    assert blocks.read_confirm(button["value"]) == typed
