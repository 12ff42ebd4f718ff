"""A whole day ends in a correct report draft for the coordinators."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.blocks.wrap.daily_report import report_file
from bot.services.wrap import daily_report
from bot.store.models import Production
from tests.conftest import Crew
from tests.handlers.callsheet_helpers import call_dms, compose, publish
from tests.harness import Running

LA = ZoneInfo("America/Los_Angeles")


def at(running: Running, hour: int, minute: int = 0) -> None:
    running.clock.set(datetime(2026, 6, 12, hour, minute, tzinfo=LA))
    running.slate.scheduler.tick()
    running.deliver()


def drafts(running: Running, crew: Crew):
    return [
        m
        for m in running.emulator.workspace.channel_messages(crew.coordinators_channel)
        if m.text.startswith("Daily production report")
    ]


def test_a_full_day_ends_in_a_correct_report(running: Running, crew: Crew) -> None:
    compose(running, crew)
    publish(running, crew)
    running.slack.click(crew.pa, "callsheet_confirm", message=call_dms(running, crew.pa)[0])
    at(running, 7, 0)
    running.slack.command(crew.grip, "/problem", "generator is down")
    running.slack.submit(crew.grip, running.slack.last_view(crew.grip), {"severity": "urgent"})
    running.slack.command(crew.grip, "/expense", "42.50 gaffer tape")
    running.slack.command(crew.pa, "/expense", "80 ice and water")
    running.slack.command(crew.grip, "/gear", "out c-stand 12")
    at(running, 13, 15)
    running.slack.command(crew.coordinator, "/meal", "start")
    at(running, 13, 45)
    running.slack.command(crew.coordinator, "/meal", "end")
    at(running, 19, 50)
    running.slack.command(crew.coordinator, "/wrap", "19:42")
    running.deliver()
    (draft,) = drafts(running, crew)
    shown = json.dumps(draft.blocks, ensure_ascii=False)
    for line in (
        "*General crew call:* 6:30 AM",
        "*Wrap:* 7:42 PM",
        "*Confirmed:* 1/3",
        "crew 1:15 PM to 1:45 PM (45 min late, est. $180.00)",
        "#1 generator is down (open)",
        "*Expenses:* 2, $122.50",
        "*Gear still out:* c-stand 12",
        "*Scenes shot:* none ticked",
    ):
        assert line in shown, line
    # One wrap DM each, carrying their loose ends.
    assert [
        m.text
        for m in running.emulator.workspace.dm_messages(crew.pa.id)
        if m.text.startswith("Wrapped")
    ] == ["Wrapped Fri Jun 12. Before you go: receipt for expense #2 ($80.00): DM me a photo"]
    # Crew cannot tick; coordinators tick, edit and post.
    running.slack.click(crew.grip, "dpr_post", message=draft)
    running.deliver()
    assert "Only coordinators" in running.emulator.workspace.ephemerals[-1].text
    running.slack.click(crew.coordinator, "dpr_edit", message=draft)
    running.slack.submit(
        crew.coordinator,
        running.slack.last_view(crew.coordinator),
        {"first_shot": "8:20a", "notes": "Safety meeting 6:45. No accidents."},
    )
    running.slack.click(crew.coordinator, "dpr_scenes", message=draft, value=["12"])
    running.slack.click(crew.coordinator, "dpr_post", message=draft)
    running.deliver()
    final = [
        m
        for m in running.emulator.workspace.channel_messages(crew.coordinators_channel)
        if m.text.startswith("Daily production report")
    ][-1]
    posted = json.dumps(final.blocks, ensure_ascii=False)
    assert "*First shot:* 8:20 AM" in posted and "*Scenes shot:* 12" in posted
    assert "Safety meeting 6:45" in posted and "Post again" not in posted
    with running.db() as db:
        view = daily_report.on_day(db, db.get(Production, crew.production_id), "2026-06-12")
        data = report_file(view, pdf=False).decode()
        rows = dict(csv.reader(io.StringIO(data)))
        assert rows["Wrap"] == "7:42 PM" and rows["Expenses"] == "2, $122.50"
        pdf = report_file(view, pdf=True)
        assert pdf.startswith(b"%PDF")
