"""Expenses through signed requests: log, receipts, approval, budget, petty cash, export."""

from __future__ import annotations

import copy
import csv
import io
import json
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from bot.services.core import productions
from bot.services.money import budget
from bot.store.models import Production
from bot.store.models_money import BudgetLine, Expense
from tests.conftest import NOW, Crew
from tests.harness import Running


@pytest.fixture
def lines(running: Running, crew: Crew) -> dict[str, int]:
    with running.db() as db:
        count, errors = budget.import_csv(
            db,
            db.get(Production, crew.production_id),
            ("code,name,amount\ng&e,Grip & Electric,1000\ncraft,Craft service,500\n"),
        )
        assert (count, errors) == (2, [])
        db.commit()
        return {line.code: line.id for line in db.scalars(select(BudgetLine))}


def expenses(running: Running) -> list[Expense]:
    with running.db() as db:
        return list(db.scalars(select(Expense).order_by(Expense.number)))


def log(running: Running, who, text: str) -> dict:
    reply = running.slack.command(who, "/expense", text).json()
    running.deliver()
    return reply


def approval(running: Running, crew: Crew, number: int):
    return next(
        m
        for m in running.emulator.workspace.channel_messages(crew.coordinators_channel)
        if m.text.startswith(f"Expense #{number} ")
    )


def test_the_quick_form(running: Running, crew: Crew, lines) -> None:
    reply = log(running, crew.grip, "42.50 gaffer tape at B&H #g&e")
    assert reply["text"] == "Logged expense #1"
    shown = json.dumps(reply["blocks"])
    assert "#1 $42.50 gaffer tape at B&amp;H (#g&amp;e)" in shown
    assert "expense_edit" not in shown  # an ephemeral reply cannot be edited when it moves
    mine = json.dumps(running.emulator.workspace.dm_messages(crew.grip.id)[-1].blocks)
    assert "Edit" in mine and "Delete" in mine and "#1 $42.50" in mine
    (expense,) = expenses(running)
    assert (expense.amount, expense.vendor, expense.description) == (
        Decimal("42.50"),
        "B&H",
        "gaffer tape",
    )
    assert expense.budget_line_id == lines["g&e"] and expense.status == "pending"
    assert "Approve" in json.dumps(approval(running, crew, 1).blocks)
    log(running, crew.grip, "$1,234.56 HMI rental at Mole #g&e")
    assert expenses(running)[1].amount == Decimal("1234.56")


def test_the_form_records_one_expense_however_often_submitted(
    running: Running, crew: Crew, lines
) -> None:
    running.slack.command(crew.pa, "/expense", "", channel=crew.crew_channel)
    view = running.slack.last_view(crew.pa)
    answers = {
        "amount": "42.5",
        "vendor": "Rosa's",
        "budget_line": str(lines["craft"]),
        "description": "coffee for the crew",
    }
    running.slack.submit(crew.pa, view, answers)
    running.slack.submit(crew.pa, view, answers)  # a double click
    running.deliver()
    (expense,) = expenses(running)
    assert expense.amount == Decimal("42.50") and expense.spent_on.isoformat() == "2026-06-10"
    confirmation = running.emulator.workspace.ephemerals[-1]
    assert confirmation.channel == crew.crew_channel and "Edit" in json.dumps(confirmation.blocks)


def test_a_dmd_receipt_attaches_to_the_latest_expense_without_one(
    running: Running, crew: Crew, lines
) -> None:
    log(running, crew.grip, "80 sandbags at Home Depot #g&e")
    assert "needed ($75+)" in json.dumps(approval(running, crew, 1).blocks)
    photo = {
        "id": "F0RECEIPT1",
        "name": "receipt.jpg",
        "filetype": "jpg",
        "url_private": "https://files.slack.com/F0RECEIPT1/receipt.jpg",
    }
    running.slack.dm_app(crew.grip, "", files=[photo])
    running.deliver()
    (expense,) = expenses(running)
    assert expense.receipt_file_id == "F0RECEIPT1"
    assert "needed" not in json.dumps(approval(running, crew, 1).blocks)
    assert running.emulator.workspace.dm_messages(crew.grip.id)[-1].text.startswith(
        "Receipt attached to #1 $80.00"
    )
    # The next photo has no expense to go on: a draft, finished from a button.
    running.slack.dm_app(crew.grip, "", files=[dict(photo, id="F0RECEIPT2")])
    running.deliver()
    ask = running.emulator.workspace.dm_messages(crew.grip.id)[-1]
    assert ask.text.startswith("Got your receipt")
    running.slack.click(crew.grip, "expense_edit", message=ask)
    running.slack.submit(
        crew.grip, running.slack.last_view(crew.grip), {"amount": "12", "description": "zip ties"}
    )
    running.deliver()
    draft = expenses(running)[1]
    assert (draft.status, draft.amount, draft.receipt_file_id) == (
        "pending",
        Decimal("12.00"),
        "F0RECEIPT2",
    )


def test_only_coordinators_decide(running: Running, crew: Crew, lines) -> None:
    log(running, crew.grip, "42.50 gaffer tape #g&e")
    log(running, crew.grip, "30 pizza #craft")
    post = approval(running, crew, 1)
    running.slack.click(crew.pa, "expense_approve", message=post)
    running.deliver()
    assert "Only coordinators" in running.emulator.workspace.ephemerals[-1].text
    assert expenses(running)[0].status == "pending"
    running.slack.click(crew.coordinator, "expense_approve", message=post)
    running.deliver()
    assert "Approved by Cora Coordinator" in json.dumps(post.blocks)
    assert "was approved" in running.emulator.workspace.dm_messages(crew.grip.id)[-1].text
    second = approval(running, crew, 2)
    running.slack.click(crew.pa, "expense_reject", message=second)
    running.deliver()
    assert running.emulator.calls("views.open") == []  # no form for crew
    running.slack.click(crew.coordinator, "expense_reject", message=second)
    running.slack.submit(
        crew.coordinator,
        running.slack.last_view(crew.coordinator),
        {"reason": "pizza is on catering"},
    )
    running.deliver()
    assert [e.status for e in expenses(running)] == ["approved", "rejected"]
    assert "pizza is on catering" in running.emulator.workspace.dm_messages(crew.grip.id)[-1].text
    report = running.slack.command(crew.coordinator, "/budget").json()
    shown = json.dumps(report["blocks"])
    assert "spent $42.50 \\u00b7 pending $0.00 \\u00b7 left $957.50" in shown
    assert "spent $0.00" in shown  # the rejected one counts nowhere
    running.deliver()
    chart = [m for m in running.emulator.workspace.dm_messages(crew.coordinator.id) if m.files]
    content = running.emulator.workspace.files[chart[-1].files[0]["id"]]["content"]
    assert content.startswith(b"\x89PNG")
    assert "Only coordinators" in running.slack.command(crew.grip, "/budget").json()["text"]


def test_the_90_and_100_percent_alerts_fire_once_each(running: Running, crew: Crew, lines) -> None:
    for text in ("850 lights #g&e", "60 cable #g&e", "10 tape #g&e", "100 more #g&e"):
        log(running, crew.grip, text)
    alerts = [
        m.text
        for m in running.emulator.workspace.channel_messages(crew.coordinators_channel)
        if m.text.startswith(":warning: Budget line")
    ]
    assert len(alerts) == 2
    assert "is at 91.0%" in alerts[0] and "is at 102.0%" in alerts[1]


def test_the_export_round_trips(running: Running, crew: Crew, lines) -> None:
    log(running, crew.grip, "42.50 gaffer tape at B&H #g&e")
    log(running, crew.pa, '1,234.56 "heavy", rental #g&e')
    reply = running.slack.command(crew.coordinator, "/expense", "export").json()
    assert "2 expenses" in reply["text"]
    running.deliver()
    sent = [m for m in running.emulator.workspace.dm_messages(crew.coordinator.id) if m.files]
    content = running.emulator.workspace.files[sent[-1].files[0]["id"]]["content"].decode()
    rows = list(csv.DictReader(io.StringIO(content)))
    stored = expenses(running)
    assert [
        (r["number"], Decimal(r["amount"]), r["description"], r["budget_code"]) for r in rows
    ] == [(str(e.number), e.amount, e.description, "g&e") for e in stored]
    assert (
        "Only coordinators" in running.slack.command(crew.grip, "/expense", "export").json()["text"]
    )


def test_petty_cash(running: Running, crew: Crew, lines) -> None:
    issued = running.slack.command(
        crew.coordinator, "/pettycash", f"issue <@{crew.pa.id}|pat> 200"
    ).json()
    assert "$200.00 in hand" in issued["text"]
    running.slack.command(crew.pa, "/expense", "")
    view = running.slack.last_view(crew.pa)
    running.slack.submit(
        crew.pa, view, {"amount": "20", "method": "petty_cash", "description": "ice"}
    )
    assert "$180.00 in hand" in running.slack.command(crew.pa, "/pettycash").json()["text"]
    running.slack.command(crew.pa, "/expense", "")
    too_much = running.slack.submit(
        crew.pa, running.slack.last_view(crew.pa), {"amount": "500", "method": "petty_cash"}
    ).json()
    assert "holds $180.00" in too_much["errors"]["method"]
    refused = running.slack.command(crew.pa, "/pettycash", f"issue <@{crew.pa.id}> 1000").json()
    assert "Only coordinators" in refused["text"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0 tape", "more than zero"),
        ("-5 tape", "more than zero"),
        ("20 and 30 tape", "2 amounts"),
        ("99999 truck", "over this production's cap"),
        ("12 tape #nope", "No budget line #nope"),
        ("42.999 gel", "at most two"),
        ("1e9 gel", "Type the digits"),
        ("1,000.5.5 gel", "is not an amount"),
    ],
)
def test_bad_quick_expenses(running: Running, crew: Crew, lines, text: str, message: str) -> None:
    assert message in log(running, crew.grip, text)["text"]
    assert expenses(running) == []


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        ({"amount": "abc"}, "amount", "is not an amount"),
        ({"amount": ""}, "amount", "Type the amount"),
        (
            {"amount": "10", "spent_on": (NOW + timedelta(days=3)).date().isoformat()},
            "spent_on",
            "in the future",
        ),
    ],
)
def test_bad_form_expenses(running: Running, crew: Crew, lines, answers, field, message) -> None:
    running.slack.command(crew.grip, "/expense", "")
    reply = running.slack.submit(crew.grip, running.slack.last_view(crew.grip), answers).json()
    assert message in reply["errors"][field]
    assert expenses(running) == []


def test_a_receipt_must_be_a_photo_or_pdf(running: Running, crew: Crew, lines) -> None:
    running.slack.dm_app(crew.grip, "", files=[{"id": "F1", "name": "x.zip", "filetype": "zip"}])
    running.deliver()
    assert "photo or a PDF" in running.emulator.workspace.dm_messages(crew.grip.id)[-1].text
    assert expenses(running) == []


def test_home_shows_expenses_and_the_approval_queue(running: Running, crew: Crew, lines) -> None:
    log(running, crew.grip, "42.50 gaffer tape #g&e")
    running.slack.open_home(crew.grip)
    running.slack.open_home(crew.coordinator)
    running.deliver()
    home = running.emulator.workspace.home
    assert "#1 $42.50 \\u2014 pending" in json.dumps(home[crew.grip.id])
    assert "#1 $42.50 from Gus Grip" in json.dumps(home[crew.coordinator.id])
    assert "#g&amp;e Grip &amp; Electric: 4.3%" in json.dumps(home[crew.coordinator.id])


def _form_expense(running: Running, crew: Crew, answers: dict) -> object:
    """Gus logs an expense through the form; his copy in our DM (with Edit) it leaves."""
    running.slack.command(crew.grip, "/expense", "", channel=crew.crew_channel)
    running.slack.submit(crew.grip, running.slack.last_view(crew.grip), answers)
    running.deliver()
    assert "expense_edit" not in json.dumps(running.emulator.workspace.ephemerals[-1].blocks)
    return running.emulator.workspace.dm_messages(crew.grip.id)[-1]


def test_a_forged_edit_form_cannot_reach_another_production(
    running: Running, crew: Crew, lines
) -> None:
    ws = running.emulator.workspace
    with running.db() as db:
        other = productions.create_production(
            db,
            ws.team_id,
            productions.ProductionForm("Day Lark", "America/Los_Angeles", "USD"),
            now=NOW,
            creator_id=crew.grip.id,
            creator_name="Gus Grip",
        )
        budget.import_csv(db, other, "code,name,amount\nsecret,Their line,900\n")
        db.commit()
        other_id = other.id
        secret = db.scalar(select(BudgetLine.id).where(BudgetLine.code == "secret"))
    confirmation = _form_expense(running, crew, {"amount": "20", "description": "tape"})
    running.slack.click(crew.grip, "expense_edit", message=confirmation)
    view = running.slack.last_view(crew.grip)
    meta = json.loads(view["private_metadata"])
    forged = json.loads(json.dumps(view))
    forged["private_metadata"] = json.dumps(dict(meta, production_id=other_id))
    select_line = next(b for b in forged["blocks"] if b["block_id"] == "budget_line")
    select_line["element"]["options"].append(
        {"text": {"type": "plain_text", "text": "#secret"}, "value": str(secret)}
    )
    reply = running.slack.submit(crew.grip, forged, {"budget_line": str(secret)}).json()
    assert "Pick a budget line from the list" in reply["errors"]["budget_line"]
    (expense,) = expenses(running)
    assert (expense.production_id, expense.budget_line_id) == (crew.production_id, None)


def test_no_one_edits_or_opens_another_persons_expense(running: Running, crew: Crew, lines) -> None:
    confirmation = _form_expense(running, crew, {"amount": "20", "description": "tape"})
    running.slack.click(crew.grip, "expense_edit", message=confirmation)
    grips_form = running.slack.last_view(crew.grip)
    opened = len(running.emulator.calls("views.open"))
    running.slack.click(crew.pa, "expense_edit", message=confirmation)
    running.slack.click(crew.pa, "expense_delete", message=confirmation)
    running.deliver()
    assert len(running.emulator.calls("views.open")) == opened  # no form shows it to Pat
    assert "someone else's" in running.emulator.workspace.dm_messages(crew.pa.id)[-1].text
    refused = running.slack.submit(crew.pa, grips_form, {"amount": "999"})
    running.deliver()
    assert "someone else's" in json.dumps(refused.json()["errors"])
    (expense,) = expenses(running)
    assert (expense.amount, expense.status) == (Decimal("20.00"), "pending")


def test_the_one_liner_reads_every_amount_exactly(running: Running, crew: Crew, lines) -> None:
    log(running, crew.grip, "30 at Home Depot #g&e tape")
    log(running, crew.grip, "12,50 ice")
    log(running, crew.grip, "1.234,56 lamps #g&e")
    first, second, third = expenses(running)
    assert (first.amount, first.vendor, first.description, first.budget_line_id) == (
        Decimal("30.00"),
        "Home Depot",
        "tape",
        lines["g&e"],
    )
    assert (second.amount, third.amount) == (Decimal("12.50"), Decimal("1234.56"))


def test_petty_cash_refuses_what_it_would_have_to_guess(running: Running, crew: Crew) -> None:
    def issue(amount: str) -> str:
        said = running.slack.command(
            crew.coordinator, "/pettycash", f"issue <@{crew.pa.id}> {amount}"
        )
        return said.json()["text"]

    assert "Type the digits" in issue("1e9")
    assert "at most two" in issue("20.505")
    assert "over this production's cap of $5,000.00" in issue("6000")
    assert "$5,000.00 in hand" in issue("5,000")
    assert "$5,012.50 in hand" in issue("12,50")


def test_the_submitters_copy_follows_the_decision(running: Running, crew: Crew, lines) -> None:
    log(running, crew.grip, "42.50 gaffer tape #g&e")
    mine = running.emulator.workspace.dm_messages(crew.grip.id)[-1]
    stale = copy.deepcopy(mine)
    assert "Edit" in json.dumps(mine.blocks)
    running.slack.click(crew.coordinator, "expense_approve", message=approval(running, crew, 1))
    running.deliver()
    shown = json.dumps(mine.blocks)
    assert "approved" in shown and "Approved by Cora Coordinator" in shown
    assert '"actions"' not in shown  # no Edit, no Delete once decided
    opened = len(running.emulator.calls("views.open"))
    running.slack.click(crew.grip, "expense_edit", message=stale)
    running.slack.click(crew.grip, "expense_delete", message=stale)
    running.deliver()
    assert len(running.emulator.calls("views.open")) == opened
    said = running.emulator.workspace.dm_messages(crew.grip.id)[-1].text
    assert said.startswith("Expense #1 was already approved by Cora Coordinator")
    assert expenses(running)[0].status == "approved"


@pytest.mark.parametrize("typed", ["12.5O coffee", "1O gas at Shell", "$2O.00 tape"])
def test_a_mistyped_amount_is_named_not_dropped_into_an_empty_form(
    running: Running, crew: Crew, lines, typed: str
) -> None:
    reply = log(running, crew.grip, typed)
    assert "as an amount" in reply["text"] and typed.split()[0] in reply["text"]
    assert "/expense 42.50" in reply["text"]  # says what to type
    assert expenses(running) == []
