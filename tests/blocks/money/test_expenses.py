"""Expense surfaces built from plain view data, at Slack's limits, with no database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from bot.blocks.limits import check_message, check_view
from bot.blocks.metadata import decode
from bot.blocks.money import expenses as blocks
from bot.services.money.views import BudgetOption, ExpenseView, LineReport
from slack_emulator import rules

LONG = "Gaffer tape & <@U123> " * 140  # over 3,000 characters, with a would-be ping
LINES = [
    BudgetOption(i, f"{i:03d}-{'x' * 40}", "A very long budget line name " * 4) for i in range(300)
]


def _expense(**changes: object) -> ExpenseView:
    base = {
        "id": 7,
        "number": 12,
        "amount": Decimal("9999.99"),
        "currency": "USD",
        "spent_on": date(2026, 6, 10),
        "method": "petty_cash",
        "status": "pending",
        "description": LONG[:3000],
        "vendor": "V" * 120,
        "line": LINES[250],
        "receipt_name": "r" * 3000,
        "submitter": "S" * 3000,
        "decided_by": "D" * 3000,
        "reject_reason": LONG[:3000],
    }
    return ExpenseView(**{**base, **changes})  # type: ignore[arg-type]


def _modal(expense: ExpenseView | None, lines: list[BudgetOption]) -> dict:
    meta = blocks.ExpenseFormMeta(1, "C1", expense.id if expense else None)
    return blocks.expense_modal(meta, lines, date(2026, 6, 10), expense, prefill=LONG)


def _budget_select(view: dict) -> dict:
    return next(b for b in view["blocks"] if b["block_id"] == "budget_line")["element"]


def test_the_form_holds_a_300_line_budget_and_a_3000_character_note() -> None:
    view = _modal(_expense(), LINES)
    check_view(view)
    select = _budget_select(view)
    # Over 100 lines: searched as you type, starting on line 250 (beyond any first 100).
    assert select["type"] == "external_select" and "options" not in select
    assert select["initial_option"]["value"] == "250"
    assert rules.check_view(view, {"files:read"}) is None  # what Slack accepts
    description = next(b for b in view["blocks"] if b["block_id"] == "description")["element"]
    assert len(description["initial_value"]) <= description["max_length"] == 2000
    meta = decode(blocks.ExpenseFormMeta, view["private_metadata"])
    assert (meta.production_id, meta.channel, meta.expense_id) == (1, "C1", 7)


@given(
    count=st.integers(min_value=1, max_value=300),
    pick=st.integers(min_value=0, max_value=299),
)
def test_the_chosen_line_is_always_among_at_most_100_options(count: int, pick: int) -> None:
    """Up to 100 lines a static select offering the chosen one; beyond, a searched one."""
    lines = LINES[:count]
    current = lines[pick % count]
    view = _modal(_expense(line=current), lines)
    rules.check_view(view, {"files:read"})  # Slack would take it
    select = _budget_select(view)
    assert select["initial_option"]["value"] == str(current.id)
    if count > 100:
        assert select["type"] == "external_select"
        return
    values = [o["value"] for o in select["options"]]
    assert len(values) == count and len(set(values)) == len(values)
    assert select["initial_option"] in select["options"]


def test_a_new_expense_form_needs_no_expense() -> None:
    view = _modal(None, LINES)
    check_view(view)
    assert "initial_option" not in _budget_select(view)
    assert decode(blocks.ExpenseFormMeta, view["private_metadata"]).expense_id is None


def test_every_post_holds_at_its_limits_and_never_pings() -> None:
    for status in ("pending", "approved", "rejected", "deleted", "draft"):
        shown = _expense(status=status, has_receipt=status == "approved")
        for surface in (blocks.approval_blocks(shown), blocks.confirmation_blocks(shown)):
            check_message({"text": "x", "blocks": surface})
            assert "<@U123>" not in str(surface)
    reject = blocks.reject_modal(_expense())
    check_view(reject)
    assert decode(blocks.RejectMeta, reject["private_metadata"]).expense_id == 7


def test_a_receipt_is_asked_for_from_75() -> None:
    asked = str(blocks.confirmation_blocks(_expense(amount=Decimal("75.00"))))
    assert "DM me a photo" in asked
    assert "DM me a photo" not in str(blocks.confirmation_blocks(_expense(amount=Decimal("74.99"))))
    assert "DM me a photo" not in str(blocks.confirmation_blocks(_expense(has_receipt=True)))


def test_the_budget_of_300_lines_fits_one_message() -> None:
    rows = [
        LineReport(line.code, line.name + LONG, Decimal("1000"), Decimal(i), Decimal("5"))
        for i, line in enumerate(LINES)
    ]
    shown = blocks.budget_blocks(rows, "USD")
    check_message({"text": "Budget against actuals", "blocks": shown})
    assert "260 more lines" in str(shown[-1])
