"""/rental through signed requests: a PO is committed on its budget line until the invoice
expense naming it is logged, then the expense is the actual; its insurance is checked."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.services.logistics import exports
from bot.services.money import budget
from bot.store.models import Production
from tests.conftest import Crew
from tests.harness import Running

PO = "add #cam 4500 Panavision; Alexa Mini kit, 3 lenses; 6/11 to 6/14"


@pytest.fixture
def camera_line(running: Running, crew: Crew) -> None:
    with running.db() as db:
        production = db.get(Production, crew.production_id)
        assert budget.import_csv(db, production, "code,name,amount\ncam,Camera,10000\n")[1] == []
        db.commit()


def say(running: Running, crew: Crew, command: str, text: str = "") -> str:
    """A coordinator's command in the office channel; the reply's text and blocks."""
    reply = running.slack.command(
        crew.coordinator, command, text, channel=crew.coordinators_channel
    ).json()
    running.deliver()
    return reply["text"] + json.dumps(reply.get("blocks"), ensure_ascii=False)


def test_a_po_is_committed_until_its_invoice_is_logged(
    running: Running, crew: Crew, camera_line: None
) -> None:
    assert "PO-1 saved: Panavision, $4,500.00 committed" in say(running, crew, "/rental", PO)
    report = say(running, crew, "/budget")
    assert "committed $4,500.00" in report and "left $5,500.00" in report
    say(running, crew, "/expense", "4500 invoice PO-1 at Panavision #cam")
    report = say(running, crew, "/budget")
    assert "committed" not in report  # now the expense: no longer counted twice
    assert "pending $4,500.00" in report and "left $5,500.00" in report
    assert "actual (invoiced)" in say(running, crew, "/rental")


def test_a_rental_without_a_valid_certificate_is_flagged(
    running: Running, crew: Crew, camera_line: None
) -> None:
    say(running, crew, "/rental", PO)
    say(running, crew, "/rental", "add #cam 300 Mole; HMI; 6/11 to 6/12; no coi")
    listed = say(running, crew, "/rental")
    assert listed.count("no certificate of insurance") == 1  # Mole needs none
    documents = say(running, crew, "/documents")  # flagged beside the certificates too
    assert "PO-1 Panavision: no certificate of insurance" in documents
    assert "Mole" not in documents
    running.slack.command(crew.coordinator, "/documents", "add", channel=crew.coordinators_channel)
    form = running.slack.last_view(crew.coordinator)
    answers = {"kind": "insurance", "covers": "Panavision"}
    answers |= {"valid_from": "2026-06-01", "expires": "2026-06-12"}
    running.slack.submit(crew.coordinator, form, answers)
    assert "certificate of insurance expires Jun 12, before the return" in say(
        running, crew, "/rental"
    )
    assert "PO-1 Panavision: certificate of insurance expires Jun 12, before the return" in say(
        running, crew, "/documents"
    )
    answers |= {"expires": "2026-12-31"}  # a certificate covering the rental: no flag
    running.slack.command(crew.coordinator, "/documents", "add", channel=crew.coordinators_channel)
    running.slack.submit(crew.coordinator, running.slack.last_view(crew.coordinator), answers)
    assert "PO-1" not in say(running, crew, "/documents")


def test_a_pos_items_join_the_gear_list_and_warn_before_the_return(
    running: Running, crew: Crew, camera_line: None
) -> None:
    say(running, crew, "/rental", PO)  # Alexa Mini kit, 3 lenses; back Jun 14
    running.slack.command(crew.grip, "/gear", "out alexa mini kit")
    listed = say(running, crew, "/rental")
    assert "Out now: Alexa Mini kit" in listed and "3 lenses" in listed
    running.clock.set(datetime(2026, 6, 13, 17, 0, tzinfo=ZoneInfo("America/Los_Angeles")))
    assert running.slate.scheduler.tick() == 2  # each item's return warning; one still out
    running.deliver()
    warning = running.emulator.workspace.channel_messages(crew.coordinators_channel)[-1].text
    assert warning == (
        ":warning: Still out, due back tomorrow: Alexa Mini kit (from Panavision, "
        "due back Jun 14) — with Gus Grip."
    )


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("add #cam 4500 Panavision", "Type `/rental add"),
        ("add #nope 10 X; kit; 6/11 to 6/12", "There's no budget line #nope"),
        ("add #cam lots X; kit; 6/11 to 6/12", "“lots” is not an amount"),
        ("add #cam 10 X; kit; 6/14 to 6/11", "The return comes after the pickup"),
        ("add #cam 10 X; kit; whenever", "Say the pickup and return days"),
    ],
)
def test_bad_input_says_what_to_type_and_keeps_nothing(
    running: Running, crew: Crew, camera_line: None, typed: str, said: str
) -> None:
    assert said in say(running, crew, "/rental", typed)
    assert "No rentals yet" in say(running, crew, "/rental")
    assert "Only coordinators" in running.slack.command(crew.grip, "/rental", "").json()["text"]


def test_the_rentals_export_cannot_run_a_formula(
    running: Running, crew: Crew, camera_line: None
) -> None:
    say(running, crew, "/rental", 'add #cam 10 =HYPERLINK("http://x"); kit; 6/11 to 6/12')
    with running.db() as db:
        text = exports.rentals_csv(db, db.get(Production, crew.production_id))
    header, row = text.splitlines()
    assert header == ",".join(exports.RENTALS)
    assert row.startswith('PO-1,"\'=HYPERLINK(""http://x"")",kit,cam,10.00,2026-06-11,2026-06-12,')
