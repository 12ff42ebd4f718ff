"""Expense surfaces: the approval post, the submitter's confirmation, forms, the budget."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from bot.blocks.common import Block, actions, button, context, fields, section
from bot.blocks.common import input_block as _input
from bot.blocks.escape import escape, truncate
from bot.services.money.amounts import RECEIPT_THRESHOLD, show
from bot.services.money.budget import LineReport
from bot.store.models_money import BudgetLine, Expense

APPROVE, REJECT = "expense_approve", "expense_reject"
EDIT, DELETE = "expense_edit", "expense_delete"
FORM_CALLBACK, REJECT_CALLBACK = "expense_form", "expense_reject_modal"
METHOD_LABELS = {
    "petty_cash": "Petty cash",
    "company_card": "Company card",
    "personal": "Personal (reimburse me)",
}
STATUS = {
    "pending": ":hourglass: pending",
    "approved": ":white_check_mark: approved",
    "rejected": ":x: rejected",
    "deleted": ":wastebasket: deleted",
    "draft": "draft",
}


def line_text(expense: Expense, currency: str) -> str:
    """ "#12 $42.50 gaffer tape at B&H (#g&e)"."""
    parts = [f"#{expense.number} {show(expense.amount, currency)}"]
    if expense.description:
        parts.append(escape(truncate(expense.description, 200)))
    if expense.vendor:
        parts.append(f"at {escape(expense.vendor)}")
    if expense.budget_line:
        parts.append(f"(#{escape(expense.budget_line.code)})")
    return " ".join(parts)


def needs_receipt(expense: Expense) -> bool:
    """$75 or more and no receipt (IRS Publication 463)."""
    return expense.receipt_file_id is None and (expense.amount or 0) >= RECEIPT_THRESHOLD


def approval_blocks(expense: Expense, who: dict[str, str], currency: str) -> list[Block]:
    """The post in the coordinators' channel, edited in place with the decision."""
    blocks = [
        section(f"*{line_text(expense, currency)}*"),
        fields(
            [
                ("From", escape(who.get(expense.submitter, "someone"))),
                ("Spent on", expense.spent_on.strftime("%a %b %-d")),
                ("Paid by", METHOD_LABELS.get(expense.method, expense.method)),
                (
                    "Receipt",
                    escape(expense.receipt_name or "—")
                    + (" :warning: needed ($75+)" if needs_receipt(expense) else ""),
                ),
                ("Status", STATUS[expense.status]),
            ]
        ),
    ]
    if expense.status == "pending":
        value = str(expense.id)
        blocks.append(
            actions(
                "decide",
                button("Approve", APPROVE, value, "primary"),
                button("Reject", REJECT, value, "danger"),
            )
        )
    elif expense.status in ("approved", "rejected"):
        why = f": {escape(expense.reject_reason)}" if expense.reject_reason else ""
        blocks.append(
            context(
                f"{STATUS[expense.status].split(' ')[0]} {expense.status.capitalize()} by "
                f"{escape(who.get(expense.decided_by or '', 'a coordinator'))}{why}"
            )
        )
    return blocks


def confirmation_blocks(expense: Expense, currency: str) -> list[Block]:
    """What the submitter sees: the expense, and Edit / Delete while it is pending."""
    text = f"Logged {line_text(expense, currency)} — {STATUS[expense.status]}"
    blocks = [section(text)]
    if needs_receipt(expense):
        blocks.append(context(":receipt: $75 or more: DM me a photo of the receipt."))
    if expense.status == "pending":
        blocks.append(
            actions(
                "mine",
                button("Edit", EDIT, str(expense.id)),
                button("Delete", DELETE, str(expense.id), "danger"),
            )
        )
    return blocks


def _option(text: str, value: str) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": truncate(text, 75)}, "value": value}


def expense_modal(
    production_id: int,
    lines: list[BudgetLine],
    today: date,
    channel: str | None,
    expense: Expense | None = None,
    prefill: str | None = None,
) -> dict[str, Any]:
    """The full form (new, or editing `expense`)."""
    amount: dict[str, Any] = {
        "type": "plain_text_input",
        "placeholder": {"type": "plain_text", "text": "42.50"},
    }
    if expense and expense.amount is not None:
        amount["initial_value"] = f"{expense.amount:.2f}"
    description: dict[str, Any] = {
        "type": "plain_text_input",
        "multiline": True,
        "max_length": 2000,
    }
    if (expense and expense.description) or prefill:
        description["initial_value"] = (expense.description if expense else prefill) or ""
    vendor: dict[str, Any] = {"type": "plain_text_input", "max_length": 120}
    if expense and expense.vendor:
        vendor["initial_value"] = expense.vendor
    method = {
        "type": "static_select",
        "options": [_option(label, key) for key, label in METHOD_LABELS.items()],
        "initial_option": _option(
            METHOD_LABELS[expense.method if expense else "personal"],
            expense.method if expense else "personal",
        ),
    }
    blocks = [
        _input("amount", "Amount", amount),
        _input(
            "spent_on",
            "Date",
            {
                "type": "datepicker",
                "initial_date": (expense.spent_on if expense else today).isoformat(),
            },
        ),
        _input("vendor", "Vendor", vendor, optional=True),
    ]
    if lines:
        budget: dict[str, Any] = {
            "type": "static_select",
            "options": [_option(f"#{line.code} {line.name}", str(line.id)) for line in lines[:100]],
        }
        if expense and expense.budget_line:
            line = expense.budget_line
            budget["initial_option"] = _option(f"#{line.code} {line.name}", str(line.id))
        blocks.append(_input("budget_line", "Budget line", budget, optional=True))
    blocks += [
        _input("method", "Paid with", method),
        _input("description", "What for", description, optional=True),
        _input(
            "receipt",
            "Receipt (photo or PDF)",
            {
                "type": "file_input",
                "max_files": 1,
                "filetypes": ["jpg", "jpeg", "png", "heic", "pdf"],
            },
            optional=True,
        ),
    ]
    meta = {
        "production_id": production_id,
        "channel": channel,
        "expense_id": expense.id if expense else None,
    }
    return {
        "type": "modal",
        "callback_id": FORM_CALLBACK,
        "private_metadata": json.dumps(meta),
        "title": {"type": "plain_text", "text": "Expense"},
        "submit": {"type": "plain_text", "text": "Save"},
        "blocks": blocks,
    }


def reject_modal(expense: Expense, currency: str) -> dict[str, Any]:
    """Ask the coordinator why."""
    return {
        "type": "modal",
        "callback_id": REJECT_CALLBACK,
        "private_metadata": str(expense.id),
        "title": {"type": "plain_text", "text": "Reject expense"},
        "submit": {"type": "plain_text", "text": "Reject"},
        "blocks": [
            section(line_text(expense, currency)),
            _input("reason", "Why?", {"type": "plain_text_input", "multiline": True}),
        ],
    }


def budget_blocks(rows: list[LineReport], currency: str) -> list[Block]:
    """/budget: each line's budget, spent, pending, remaining, percent and variance."""
    if not rows:
        return [section("No budget lines yet. Import them with `slate import budget FILE`.")]
    lines = []
    for r in rows[:40]:
        flag = (
            " :red_circle:"
            if r.percent >= 100
            else " :large_yellow_circle:"
            if (r.percent >= 90)
            else ""
        )
        lines.append(
            f"*#{escape(r.code)} {escape(r.name)}*{flag} {r.percent}%\n"
            f"budget {show(r.budget, currency)} · spent {show(r.spent, currency)} · "
            f"pending {show(r.pending, currency)} · left {show(r.remaining, currency)}"
            f" · variance {show(r.variance, currency)}"
        )
    chunks, chunk = [], ""
    for line in lines:
        if len(chunk) + len(line) > 2800:
            chunks.append(section(chunk))
            chunk = ""
        chunk += line + "\n"
    chunks.append(section(chunk))
    return [section("*Budget against actuals*"), *chunks, context("The chart is in our DM.")]
