"""Expense surfaces: the approval post, the submitter's confirmation, forms, the budget."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.blocks.common import Block, actions, button, context, fields, section
from bot.blocks.common import input_block as _input
from bot.blocks.escape import escape, truncate
from bot.blocks.metadata import Meta, encode
from bot.services.money.amounts import show
from bot.services.money.views import BudgetOption, ExpenseView, LineReport

APPROVE, REJECT = "expense_approve", "expense_reject"
EDIT, DELETE = "expense_edit", "expense_delete"
FORM_CALLBACK, REJECT_CALLBACK = "expense_form", "expense_reject_modal"
MAX_OPTIONS = 100  # Slack's limit for a static select
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


@dataclass(frozen=True)
class ExpenseFormMeta(Meta):
    """The expense form: where to answer, and which expense it edits (None: a new one)."""

    KIND = "expense_form"
    production_id: int
    channel: str | None = None
    expense_id: int | None = None


@dataclass(frozen=True)
class RejectMeta(Meta):
    """The reject form: which expense."""

    KIND = "expense_reject"
    expense_id: int


def line_text(expense: ExpenseView) -> str:
    """ "#12 $42.50 gaffer tape at B&H (#g&e)"."""
    parts = [f"#{expense.number} {show(expense.amount, expense.currency)}"]
    if expense.description:
        parts.append(escape(truncate(expense.description, 200)))
    if expense.vendor:
        parts.append(f"at {escape(expense.vendor)}")
    if expense.line:
        parts.append(f"(#{escape(expense.line.code)})")
    return " ".join(parts)


def approval_blocks(expense: ExpenseView) -> list[Block]:
    """The post in the coordinators' channel, edited in place with the decision."""
    blocks = [
        section(f"*{line_text(expense)}*"),
        fields(
            [
                ("From", escape(truncate(expense.submitter, 200))),
                ("Spent on", expense.spent_on.strftime("%a %b %-d")),
                ("Paid by", METHOD_LABELS.get(expense.method, expense.method)),
                (
                    "Receipt",
                    escape(truncate(expense.receipt_name or "—", 200))
                    + (" :warning: needed ($75+)" if expense.needs_receipt else ""),
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
    elif expense.status in ("approved", "rejected", "deleted"):
        blocks.append(context(_decision(expense)))
    return blocks


def _decision(expense: ExpenseView) -> str:
    """ "Approved by Cleo", "Rejected by Cleo: no receipt", "Deleted by Pat"."""
    who = escape(truncate(expense.decided_by, 200))
    if expense.status == "deleted":
        return f"{STATUS['deleted'].split(' ')[0]} Deleted by {escape(expense.submitter)}"
    why = f": {escape(truncate(expense.reject_reason, 500))}" if expense.reject_reason else ""
    return f"{STATUS[expense.status].split(' ')[0]} {expense.status.capitalize()} by {who}{why}"


def confirmation_blocks(expense: ExpenseView, buttons: bool = True) -> list[Block]:
    """What the submitter sees: the expense, who decided it, and Edit / Delete while pending."""
    blocks = [section(f"Logged {line_text(expense)} — {STATUS[expense.status]}")]
    if expense.status in ("approved", "rejected", "deleted"):
        blocks.append(context(_decision(expense)))
    if expense.needs_receipt and expense.status in ("pending", "approved"):
        blocks.append(context(":receipt: $75 or more: DM me a photo of the receipt."))
    if expense.status == "pending" and buttons:
        blocks.append(
            actions(
                "mine",
                button("Edit", EDIT, str(expense.id)),
                button("Delete", DELETE, str(expense.id), "danger"),
            )
        )
    elif expense.status == "pending":
        blocks.append(context("Edit or delete it from our DM while it's pending."))
    return blocks


def draft_blocks(expense_id: int) -> list[Block]:
    """A receipt with no expense to go on: ask for the details."""
    return [
        section("Got your receipt. Add the amount and what it was for:"),
        actions("draft", button("Add details", EDIT, str(expense_id), "primary")),
    ]


def _option(text: str, value: str) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": truncate(text, 75)}, "value": value}


def _line_option(line: BudgetOption) -> dict[str, Any]:
    return _option(f"#{line.code} {line.name}", str(line.id))


def line_choices(lines: list[BudgetOption], current: BudgetOption | None) -> list[BudgetOption]:
    """At most 100 lines for the select, the current one always among them."""
    shown = lines[:MAX_OPTIONS]
    if current is not None and current.id not in {line.id for line in shown}:
        shown = [*shown[: MAX_OPTIONS - 1], current]
    return shown


def _line_select(lines: list[BudgetOption], current: BudgetOption | None) -> dict[str, Any]:
    """A static select up to 100 lines; beyond, one searched as you type (block_suggestion)."""
    select: dict[str, Any]
    if len(lines) > MAX_OPTIONS:
        select = {
            "type": "external_select",
            "min_query_length": 0,
            "placeholder": {"type": "plain_text", "text": "Type a code or name, like cam"},
        }
    else:
        select = {
            "type": "static_select",
            "options": [_line_option(line) for line in line_choices(lines, current)],
        }
    if current is not None:
        select["initial_option"] = _line_option(current)
    return select


def _text_input(initial: str | None, limit: int, multiline: bool = False) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "plain_text_input", "max_length": limit}
    if multiline:
        element["multiline"] = True
    if initial:
        element["initial_value"] = truncate(initial, limit)
    return element


def expense_modal(
    meta: ExpenseFormMeta,
    lines: list[BudgetOption],
    today: date,
    expense: ExpenseView | None = None,
    prefill: str | None = None,
) -> dict[str, Any]:
    """The full form (new, or editing `expense`)."""
    amount = _text_input(
        f"{expense.amount:.2f}" if expense and expense.amount is not None else None, 30
    )
    amount["placeholder"] = {"type": "plain_text", "text": "42.50"}
    chosen = expense.method if expense else "personal"
    method = {
        "type": "static_select",
        "options": [_option(label, key) for key, label in METHOD_LABELS.items()],
        "initial_option": _option(METHOD_LABELS[chosen], chosen),
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
        _input("vendor", "Vendor", _text_input(expense and expense.vendor, 120), optional=True),
    ]
    if lines:
        current = expense.line if expense else None
        blocks.append(_input("budget_line", "Budget line", _line_select(lines, current), True))
    description = (expense.description if expense else prefill) or None
    blocks += [
        _input("method", "Paid with", method),
        _input("description", "What for", _text_input(description, 2000, True), optional=True),
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
    return {
        "type": "modal",
        "callback_id": FORM_CALLBACK,
        "private_metadata": encode(meta),
        "title": {"type": "plain_text", "text": "Expense"},
        "submit": {"type": "plain_text", "text": "Save"},
        "blocks": blocks,
    }


def reject_modal(expense: ExpenseView) -> dict[str, Any]:
    """Ask the coordinator why."""
    return {
        "type": "modal",
        "callback_id": REJECT_CALLBACK,
        "private_metadata": encode(RejectMeta(expense.id)),
        "title": {"type": "plain_text", "text": "Reject expense"},
        "submit": {"type": "plain_text", "text": "Reject"},
        "blocks": [
            section(line_text(expense)),
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
            f"*#{escape(truncate(r.code, 40))} {escape(truncate(r.name, 80))}*{flag} {r.percent}%\n"
            f"budget {show(r.budget, currency)} · spent {show(r.spent, currency)} · "
            f"pending {show(r.pending, currency)} · "
            + (f"committed {show(r.committed, currency)} · " if r.committed else "")
            + f"left {show(r.remaining, currency)}"
            f" · variance {show(r.variance, currency)}"
        )
    chunks, chunk = [], ""
    for line in lines:
        if len(chunk) + len(line) > 2800:
            chunks.append(section(chunk))
            chunk = ""
        chunk += line + "\n"
    chunks.append(section(chunk))
    more = f"{len(rows) - 40} more lines are in the chart. " if len(rows) > 40 else ""
    return [section("*Budget against actuals*"), *chunks, context(f"{more}The chart is in our DM.")]
