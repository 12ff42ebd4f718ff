"""Documents with expiry dates, uncovered shoot days, and contractors' payroll."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.services.money import payroll
from bot.store.models import Production
from tests import harness
from tests.conftest import NOW, Crew
from tests.handlers.callsheet_helpers import compose, publish
from tests.harness import Running

LA = ZoneInfo("America/Los_Angeles")


def add_document(running: Running, crew: Crew, who=None, **answers):
    running.slack.command(crew.coordinator, "/documents", "add")
    view = running.slack.last_view(crew.coordinator)
    reply = running.slack.submit(
        who or crew.coordinator,
        view,
        {
            "kind": "film_permit",
            "covers": "Rosa's Diner",
            "valid_from": "2026-06-01",
            "expires": "2026-06-20",
            **answers,
        },
    )
    running.deliver()
    return reply.json() if reply.content else {}


def office(running: Running, crew: Crew, start: str) -> list[str]:
    return [
        m.text
        for m in running.emulator.workspace.channel_messages(crew.coordinators_channel)
        if m.text.startswith(start)
    ]


def test_expiry_reminders_seven_days_and_one_day_ahead_once_each(
    running: Running, crew: Crew
) -> None:
    add_document(running, crew)
    fired = []
    for day in (13, 19):
        running.clock.set(datetime(2026, 6, day, 9, 0, tzinfo=LA))
        fired.append(running.slate.scheduler.tick())
        restarted = harness.build(running.emulator, running.slate.engine, NOW)
        restarted.clock.set(running.clock.now())
        fired.append(restarted.scheduler.tick())
    assert fired == [1, 0, 1, 0]
    running.deliver()
    assert office(running, crew, ":warning: Film permit") == [
        ":warning: Film permit for Rosa's Diner (Jun 1 to Jun 20) expires in 7 days.",
        ":warning: Film permit for Rosa's Diner (Jun 1 to Jun 20) expires tomorrow.",
    ]


def test_bad_documents_and_crew_are_refused(running: Running, crew: Crew) -> None:
    reply = add_document(running, crew, expires="2026-05-01")
    assert "can't expire before it starts" in reply["errors"]["expires"]
    crafted = add_document(running, crew, who=crew.grip)
    assert "Only coordinators" in json.dumps(crafted)
    denied = running.slack.command(crew.grip, "/documents").json()
    assert "Only coordinators" in denied["text"]
    listed = running.slack.command(crew.coordinator, "/documents").json()
    assert listed["text"] == "0 documents"


def test_a_day_at_an_uncovered_location_warns_once(running: Running, crew: Crew) -> None:
    compose(running, crew)
    compose(running, crew, lunch="1p")
    running.deliver()
    assert len(office(running, crew, ":warning: Fri Jun 12 shoots at Rosa's Diner")) == 1
    add_document(running, crew, kind="location_agreement")
    compose(running, crew, "sat", general_call="7a", lunch="12p")
    running.deliver()
    assert office(running, crew, ":warning: Sat Jun 13") == []  # covered


def test_payroll_days_times_rate_and_the_1099_flag(running: Running, crew: Crew) -> None:
    with running.db() as db:
        count, errors = payroll.import_csv(
            db,
            db.get(Production, crew.production_id),
            (
                "name,day_rate,w9,deal_memo,nda,start_paperwork\n"
                "Gus Grip,650,no,yes,no,yes\nPat PA,2000,yes,yes,yes,yes\n"
            ),
        )
        assert (count, errors) == (2, [])
        db.commit()
    compose(running, crew)
    publish(running, crew)
    running.clock.set(datetime(2026, 6, 12, 20, 0, tzinfo=LA))
    running.slack.command(crew.coordinator, "/wrap", "19:30")
    running.deliver()
    grip_wrap = [
        m.text
        for m in running.emulator.workspace.dm_messages(crew.grip.id)
        if m.text.startswith("Wrapped")
    ]
    assert "paperwork to hand in: W-9, NDA" in grip_wrap[0]
    report = running.slack.command(crew.coordinator, "/payroll").json()
    shown = json.dumps(report["blocks"], ensure_ascii=False)
    assert "*Gus Grip* 1 day \u00d7 $650.00 = $650.00 — :warning: no W-9" in shown
    assert "*Pat PA* 1 day \u00d7 $2,000.00 = $2,000.00 — :receipt: 1099-NEC" in shown
    assert "Production to date:* $2,650.00" in shown
    assert "Only coordinators" in running.slack.command(crew.grip, "/payroll").json()["text"]


def test_a_document_form_with_forged_metadata_is_refused(running: Running, crew: Crew) -> None:
    """A hand-edited form (old plain id, or another kind) stores nothing and says to reopen."""
    running.slack.command(crew.coordinator, "/documents", "add")
    view = running.slack.last_view(crew.coordinator)
    answers = {
        "kind": "film_permit",
        "covers": "Rosa's Diner",
        "valid_from": "2026-06-01",
        "expires": "2026-06-20",
    }
    for forged in (str(crew.production_id), '{"k":"dpr","v":1,"day_id":1}'):
        reply = running.slack.submit(
            crew.coordinator, {**view, "private_metadata": forged}, answers
        )
        assert "out of date" in json.dumps(reply.json())
    assert running.slack.command(crew.coordinator, "/documents").json()["text"] == "0 documents"
