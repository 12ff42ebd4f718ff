"""/expense, /budget, /pettycash and the expense buttons and form."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import outbox
from bot.blocks.common import reply
from bot.blocks.money import expenses as blocks
from bot.handlers.forms import open_modal, read_values
from bot.services.callsheets import sheets as callsheets
from bot.services.core import productions
from bot.services.money import expense_commands, expenses


def register(app: App) -> None:
    """Listen for the money commands, buttons and forms."""
    app.command("/expense")(expense_command)
    app.view(blocks.FORM_CALLBACK)(save_form)
    app.action(blocks.EDIT)(open_edit)
    app.action(blocks.DELETE)(delete)
    app.action(blocks.APPROVE)(approve)
    app.action(blocks.REJECT)(open_reject)
    app.view(blocks.REJECT_CALLBACK)(reject)
    app.command("/budget")(budget_command)
    app.command("/pettycash")(petty_cash_command)


def expense_command(ack: Ack, command: dict[str, Any], context: Any, client: WebClient) -> None:
    """Log an expense from one line, or open the form; `export` for coordinators."""
    db, user, now = context["db"], command["user_id"], context["clock"].now()
    production = productions.resolve(db, command["team_id"], command["channel_id"], user)
    text = command.get("text", "").strip()
    if text.lower().startswith("export"):
        said = expense_commands.export(db, production, user, text[6:], now)
        return ack(**reply(said.text, said.blocks or None))
    form = expenses.parse_quick(text)
    if form is None:
        open_modal(
            client,
            command["trigger_id"],
            blocks.expense_modal(
                production.id,
                expense_commands.lines(db, production),
                expense_commands.today(production, now),
                command["channel_id"],
                prefill=text,
            ),
        )
        return ack()
    expense = expenses.submit(db, production, user, form, now)
    shown = blocks.confirmation_blocks(expense, production.currency)
    ack(**reply(f"Logged expense #{expense.number}", shown))


def save_form(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any) -> None:
    """A new expense (once, however often Submit is pressed) or an edit."""
    db, user, now = context["db"], body["user"]["id"], context["clock"].now()
    meta, answers = json.loads(view["private_metadata"]), read_values(view)
    production = callsheets.production_by_id(db, body["team"]["id"], meta["production_id"])
    line, files = answers.get("budget_line"), answers.get("receipt") or []
    form = expenses.ExpenseForm(
        answers.get("amount"),
        answers.get("description"),
        answers.get("vendor"),
        budget_line_id=int(line) if line else None,
        method=answers.get("method") or "personal",
        spent_on=date.fromisoformat(answers["spent_on"]) if answers.get("spent_on") else None,
        receipt=files[0] if files else None,
    )
    if meta.get("expense_id"):
        _, expense = expenses.find(db, body["team"]["id"], meta["expense_id"])
        expense = expenses.edit(db, production, expense, user, form, now)
    else:
        expense = expenses.submit(db, production, user, form, now, source_key=view["id"])
    outbox.tell(
        db,
        user,
        meta.get("channel"),
        text=f"Saved expense #{expense.number}",
        blocks=blocks.confirmation_blocks(expense, production.currency),
        now=now,
    )
    ack()


def open_edit(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any, client: WebClient
) -> None:
    """Edit your own expense (or finish a receipt-only draft)."""
    db, user = context["db"], body["user"]["id"]
    production, expense = expenses.find(db, body["team"]["id"], int(action["value"]))
    expenses.check_mine(expense, user)
    channel = (body.get("channel") or {}).get("id")
    open_modal(
        client,
        body["trigger_id"],
        blocks.expense_modal(
            production.id,
            expense_commands.lines(db, production),
            expense.spent_on,
            channel,
            expense,
        ),
    )
    ack()


def delete(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any) -> None:
    """Withdraw your pending expense."""
    ack()
    db, user, now = context["db"], body["user"]["id"], context["clock"].now()
    production, expense = expenses.find(db, body["team"]["id"], int(action["value"]))
    expenses.delete(db, production, expense, user, now)
    outbox.tell(
        db,
        user,
        (body.get("channel") or {}).get("id"),
        now=now,
        text=f"Deleted expense #{expense.number}.",
    )


def approve(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any) -> None:
    """Approve (coordinators only)."""
    ack()
    db, user, now = context["db"], body["user"]["id"], context["clock"].now()
    production, expense = expenses.find(db, body["team"]["id"], int(action["value"]))
    expenses.decide(db, production, expense, user, True, None, now)


def open_reject(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any, client: WebClient
) -> None:
    """Ask why (coordinators only, checked before the form opens and again after)."""
    db, user = context["db"], body["user"]["id"]
    production, expense = expenses.find(db, body["team"]["id"], int(action["value"]))
    productions.require_coordinator(db, production, user)
    open_modal(client, body["trigger_id"], blocks.reject_modal(expense, production.currency))
    ack()


def reject(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any) -> None:
    """Reject with a reason."""
    db, user, now = context["db"], body["user"]["id"], context["clock"].now()
    production, expense = expenses.find(db, body["team"]["id"], int(view["private_metadata"]))
    expenses.decide(db, production, expense, user, False, read_values(view).get("reason"), now)
    ack()


def budget_command(ack: Ack, command: dict[str, Any], context: Any) -> None:
    """Budget against actuals (coordinators)."""
    db, user = context["db"], command["user_id"]
    production = productions.resolve(db, command["team_id"], command["channel_id"], user)
    said = expense_commands.budget_report(db, production, user, context["clock"].now())
    ack(**reply(said.text, said.blocks))


def petty_cash_command(ack: Ack, command: dict[str, Any], context: Any) -> None:
    """Your petty cash; coordinators issue and take back floats."""
    db, user = context["db"], command["user_id"]
    production = productions.resolve(db, command["team_id"], command["channel_id"], user)
    said = expense_commands.petty_cash(
        db, production, user, command.get("text", ""), context["clock"].now()
    )
    ack(**reply(said.text, said.blocks))
