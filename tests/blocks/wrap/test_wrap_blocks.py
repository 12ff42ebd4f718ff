"""Wrap's blocks at Slack's limits, built from plain view data with no database."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.blocks.common import reply
from bot.blocks.limits import MAX_MESSAGE_BLOCKS, check_message, check_view
from bot.blocks.metadata import decode, encode
from bot.blocks.wrap import daily_report, loose_ends, paperwork
from bot.errors import InvalidInput
from bot.services.wrap.views import (
    DocumentInfo,
    GearInfo,
    LooseEnds,
    MealInfo,
    ProblemInfo,
    ReportView,
    SceneInfo,
)

LA = "America/Los_Angeles"
CALL = datetime(2026, 6, 12, 13, 30, tzinfo=UTC)
FRIDAY = date(2026, 6, 12)


def texts(blocks: list[dict]) -> list[str]:
    """Every section's text."""
    return [b["text"]["text"] for b in blocks if b["type"] == "section" and "text" in b]


def assert_fits(text: str, blocks: list[dict]) -> None:
    """Slack would accept the message, and no user text pings anyone."""
    check_message({"text": text, "blocks": blocks})
    assert all(len(t) <= 3000 for t in texts(blocks))
    shown = text + str(blocks)
    assert "<@" not in shown and "<!" not in shown


def big_loose_ends(count: int) -> LooseEnds:
    """`count` items of each kind, with long names, mentions and broadcasts in them."""
    return LooseEnds(
        currency="USD",
        gear=tuple(
            GearInfo(f"<@U123> <!channel> c-stand {i} " + "x" * 80, f"G-{i}", "Keslow")
            for i in range(count)
        ),
        receipts=tuple((i, Decimal("80.00")) for i in range(count)),
        tasks=tuple(f"<!here> fetch the {i}th thing " + "y" * 200 for i in range(count)),
        paperwork=("W-9", "NDA"),
    )


def test_a_loose_ends_dm_of_200_items_stays_within_slacks_limits() -> None:
    """Two hundred of each open thing: one DM, at most 50 blocks, and the rest counted."""
    text, blocks = loose_ends.wrap_dm(FRIDAY, big_loose_ends(200))
    assert_fits(text, blocks)
    assert len(blocks) <= MAX_MESSAGE_BLOCKS
    shown = sum(t.count("\n• ") + t.startswith("• ") for t in texts(blocks))
    last = texts(blocks)[-1]
    more = int(last.split()[1]) if last.startswith("…and ") else 0
    assert shown + more == 601  # every item shown, or counted in "…and N more"


def test_a_list_longer_than_a_message_ends_with_how_many_more() -> None:
    """Thousands of items: the first 48 sections' worth, then "…and N more"."""
    text, blocks = loose_ends.wrap_dm(FRIDAY, big_loose_ends(2000))
    assert_fits(text, blocks)
    shown = sum(t.count("\n• ") + t.startswith("• ") for t in texts(blocks))
    last = texts(blocks)[-1]
    assert last.startswith("…and ") and shown + int(last.split()[1]) == 6001
    assert text.startswith("Wrapped Fri Jun 12. Before you go: return ")


def test_nothing_open_says_so() -> None:
    """A person with nothing open is told to rest."""
    text, blocks = loose_ends.wrap_dm(FRIDAY, LooseEnds(currency="USD"))
    assert text == "Wrapped Fri Jun 12. Nothing open for you. Rest well."
    assert_fits(text, blocks)


@given(
    st.lists(st.text(min_size=1, max_size=300), max_size=120),
    st.lists(st.text(min_size=1, max_size=300), max_size=120),
)
def test_any_loose_ends_fit_and_never_ping(gear: list[str], tasks: list[str]) -> None:
    """Whatever people typed into gear names and tasks, the DM fits and never pings."""
    ends = LooseEnds("USD", tuple(GearInfo(name) for name in gear), (), tuple(tasks))
    text, blocks = loose_ends.wrap_dm(FRIDAY, ends)
    check_message({"text": text, "blocks": blocks})
    assert "<@" not in str(blocks) and "<!" not in str(blocks)


def report(scenes: int, notes: str, rows: int = 0) -> ReportView:
    """A report with `scenes` scenes and `rows` meals, problems and gear items."""
    return ReportView(
        production="Night Owl <!channel>",
        timezone=LA,
        currency="USD",
        day_id=7,
        date=FRIDAY,
        number=3,
        total=20,
        general_call=CALL,
        shooting_call=CALL + timedelta(hours=1),
        wrap_at=CALL + timedelta(hours=13),
        first_shot_at=None,
        notes=notes,
        posted_at=None,
        confirmed=400,
        called=500,
        scenes=tuple(SceneInfo(f"{i}A", "INT. DINER " + "z" * 100) for i in range(scenes)),
        scenes_shot=("1A", "2A"),
        meals=tuple(
            MealInfo("Grip", CALL, CALL + timedelta(minutes=30), 45, Decimal("180"))
            for _ in range(rows)
        ),
        problems=tuple(ProblemInfo(i, "<@U1> generator " * 20, "open") for i in range(rows)),
        gear_out=tuple(GearInfo(f"c-stand {i}", f"G-{i}") for i in range(rows)),
    )


def test_a_report_of_60_scenes_and_3000_character_notes_fits() -> None:
    """The draft and the posted copy stay within Slack's limits; the notes still show."""
    view = report(60, "Safety meeting 6:45. " + "n" * 2979)
    for blocks in (daily_report.draft_blocks(view), daily_report.final_blocks(view)):
        assert_fits(daily_report.report_text(view), blocks)
        assert any("Safety meeting 6:45." in t for t in texts(blocks))
    (ticks,) = [b for b in daily_report.draft_blocks(view) if b.get("block_id") == "scenes-7"]
    assert len(ticks["accessory"]["options"]) == 10
    assert [o["value"] for o in ticks["accessory"]["initial_options"]] == ["1A", "2A"]


def test_a_report_with_hundreds_of_meals_problems_and_gear_fits() -> None:
    """Every line is cut to one section at most; the message stays under 50 blocks."""
    view = report(60, "x" * 3000, rows=300)
    blocks = daily_report.draft_blocks(view)
    assert_fits("report", blocks)
    assert len(blocks) <= 20
    assert any(t.startswith("*Wrap:* 7:30 PM") or "*Wrap:* 7:30 PM" in t for t in texts(blocks))


def test_the_edit_form_carries_its_day_in_typed_metadata() -> None:
    """The form fits Slack, and its metadata reads back as the day it edits, nothing else."""
    modal = daily_report.edit_modal(report(3, "n" * 2500))
    check_view(modal)
    assert decode(daily_report.ReportMeta, modal["private_metadata"]).day_id == 7
    with pytest.raises(InvalidInput):
        decode(paperwork.DocumentMeta, modal["private_metadata"])
    with pytest.raises(InvalidInput):
        decode(daily_report.ReportMeta, "7")  # the old hand-written form
    buttons = daily_report.draft_blocks(report(3, ""))[-1]["elements"]
    assert [decode(daily_report.ReportMeta, b["value"]).day_id for b in buttons] == [7, 7]


def test_the_report_file_is_plain_text() -> None:
    """The CSV shows what people typed, unescaped."""
    data = daily_report.report_file(report(2, "Tom & Jerry's <set>"), pdf=False).decode()
    rows = dict(csv.reader(io.StringIO(data)))
    assert rows["Notes"] == "Tom & Jerry's <set>" and rows["Wrap"] == "7:30 PM"
    assert daily_report.report_file(report(2, "é"), pdf=True).startswith(b"%PDF")


def test_gear_documents_and_payroll_lists_fit_at_500() -> None:
    """A crew of 500's gear, 300 documents and 500 contractors stay within Slack's limits."""
    since = CALL
    gear = [
        GearInfo(f"c-stand {i} <!here>", holder=f"Gus {i}", out_since=since) for i in range(500)
    ]
    text, blocks = loose_ends.gear_list(gear, LA)
    assert text == "Gear out: 500"
    assert_fits(text, blocks or [])
    documents = [
        DocumentInfo("Film permit", f"Rosa's Diner {i} <@U1>", FRIDAY, FRIDAY) for i in range(300)
    ]
    text, blocks = paperwork.document_list(documents, FRIDAY)
    assert (
        text == "300 documents"
        and ":large_yellow_circle: expires soon" in blocks[0]["text"]["text"]
    )
    assert_fits(text, blocks)
    rows = [
        paperwork.PayRow(f"Crew {i}", 3, Decimal("650"), Decimal("1950"), True, True)
        for i in range(500)
    ]
    blocks = paperwork.payroll_blocks(rows, "USD", "$2,000.00")
    assert "*Production to date:* $975,000.00" in str(blocks)
    reply("Payroll", blocks)


def test_the_document_form_carries_its_production_in_typed_metadata() -> None:
    """The production the form was opened on comes back typed."""
    modal = paperwork.document_modal(42, {"film_permit": "Film permit"})
    check_view(modal)
    assert decode(paperwork.DocumentMeta, modal["private_metadata"]) == paperwork.DocumentMeta(42)
    assert encode(paperwork.DocumentMeta(42)) == modal["private_metadata"]


@given(st.text(max_size=3000), st.lists(st.text(min_size=1, max_size=500), max_size=80))
def test_any_report_text_fits_and_never_pings(notes: str, descriptions: list[str]) -> None:
    """Whatever was typed into notes and problems, the draft fits Slack and pings no one."""
    problems = tuple(ProblemInfo(i, d, "open") for i, d in enumerate(descriptions))
    view = replace(report(60, notes), problems=problems)
    blocks = daily_report.draft_blocks(view)
    check_message({"text": daily_report.report_text(view), "blocks": blocks})
    assert "<@" not in str(blocks) and "<!" not in str(blocks)
