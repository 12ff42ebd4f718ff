"""/expense, /budget, /pettycash and the expense buttons and form."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import permissions
from bot.blocks.common import reply, section
from bot.blocks.escape import escape
from bot.blocks.metadata import decode
from bot.blocks.money import expenses as blocks
from bot.handlers.forms import button, iso_date, open_modal, read_values, whole
from bot.services.core import productions
from bot.services.money import expense_commands, expenses, to_view
from bot.services.money.amounts import show
from bot.services.money.quick import ExpenseForm, parse_quick


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
        rows = expense_commands.export(db, production, user, text[6:], now)
        return ack(**reply(f"Exporting {rows} expenses; the CSV is on its way to our DM."))
    form = parse_quick(text)
    if form is None:
        permissions.require(db, production, user, "expense.submit")
        meta = blocks.ExpenseFormMeta(production.id, command["channel_id"])
        today = expense_commands.today(production, now)
        modal = blocks.expense_modal(
            meta, expense_commands.lines(db, production), today, prefill=text
        )
        open_modal(client, command["trigger_id"], modal)
        return ack()
    expense = expenses.submit(db, production, user, form, now)
    shown = to_view.expense(expense, production.currency)
    # The reply cannot be edited later: Edit and Delete live on the copy in our DM.
    shown_blocks = blocks.confirmation_blocks(shown, buttons=False)
    ack(**reply(f"Logged expense #{expense.number}", shown_blocks))


def save_form(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any) -> None:
    """A new expense (once, however often Submit is pressed) or an edit of your own."""
    db, user, now, team = (
        context["db"],
        body["user"]["id"],
        context["clock"].now(),
        body["team"]["id"],
    )
    meta, answers = decode(blocks.ExpenseFormMeta, view["private_metadata"]), read_values(view)
    line, files = answers.get("budget_line"), answers.get("receipt") or []
    form = ExpenseForm(
        answers.get("amount"),
        answers.get("description"),
        answers.get("vendor"),
        budget_line_id=whole(line, "budget_line"),
        method=answers.get("method") or "personal",
        spent_on=iso_date(answers.get("spent_on"), "spent_on"),
        receipt=files[0] if files else None,
    )
    if meta.expense_id:  # the production is the stored expense's, whatever the form says
        production, expense = expenses.mine(db, team, meta.expense_id, user)
        expense = expenses.edit(db, production, expense, user, form, now)
    else:
        production = expense_commands.production(db, team, meta.production_id)
        expense = expenses.submit(db, production, user, form, now, source_key=view["id"])
    expenses.answer(db, expense, user, meta.channel, now)
    ack()


def open_edit(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any, client: WebClient
) -> None:
    """Edit your own expense (or finish a receipt-only draft)."""
    db, user = context["db"], body["user"]["id"]
    production, expense = expenses.mine(db, body["team"]["id"], button(action), user)
    channel = (body.get("channel") or {}).get("id")
    meta = blocks.ExpenseFormMeta(production.id, channel, expense.id)
    shown = to_view.expense(expense, production.currency)
    lines = expense_commands.lines(db, production)
    open_modal(client, body["trigger_id"], blocks.expense_modal(meta, lines, shown.spent_on, shown))
    ack()


def delete(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any) -> None:
    """Withdraw your pending expense."""
    ack()
    db, user, now = context["db"], body["user"]["id"], context["clock"].now()
    production, expense = expenses.mine(db, body["team"]["id"], button(action), user)
    expenses.delete(db, production, expense, user, now)
    channel = (body.get("channel") or {}).get("id")
    expenses.answer(db, expense, user, channel, now, deleted=True)


def approve(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any) -> None:
    """Approve (coordinators only)."""
    ack()
    db, user, now = context["db"], body["user"]["id"], context["clock"].now()
    production, expense = expenses.find(db, body["team"]["id"], button(action))
    expenses.decide(db, production, expense, user, True, None, now)


def open_reject(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any, client: WebClient
) -> None:
    """Ask why (coordinators only, checked before the form opens and again after)."""
    db, user = context["db"], body["user"]["id"]
    production, expense = expenses.find(db, body["team"]["id"], button(action))
    expenses.check_decidable(db, production, expense, user)
    shown = to_view.expense(expense, production.currency)
    open_modal(client, body["trigger_id"], blocks.reject_modal(shown))
    ack()


def reject(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any) -> None:
    """Reject with a reason."""
    db, user, now = context["db"], body["user"]["id"], context["clock"].now()
    meta = decode(blocks.RejectMeta, view["private_metadata"])
    production, expense = expenses.find(db, body["team"]["id"], meta.expense_id)
    expenses.decide(db, production, expense, user, False, read_values(view).get("reason"), now)
    ack()


def budget_command(ack: Ack, command: dict[str, Any], context: Any) -> None:
    """Budget against actuals (coordinators)."""
    db, user = context["db"], command["user_id"]
    production = productions.resolve(db, command["team_id"], command["channel_id"], user)
    rows = expense_commands.budget_report(db, production, user, context["clock"].now())
    ack(**reply("Budget against actuals", blocks.budget_blocks(rows, production.currency)))


def petty_cash_command(ack: Ack, command: dict[str, Any], context: Any) -> None:
    """Your petty cash; coordinators issue and take back floats."""
    db, user = context["db"], command["user_id"]
    production = productions.resolve(db, command["team_id"], command["channel_id"], user)
    shown = expense_commands.petty_cash(
        db, production, user, command.get("text", ""), context["clock"].now()
    )
    envelope, c = shown.envelope, shown.currency
    if shown.name is not None:
        text = f"{shown.name}'s petty cash: {show(envelope.balance, c)} in hand."
        return ack(**reply(text, [section(escape(text))]))
    text = (
        f"Petty cash: {show(envelope.balance, c)} in hand (issued {show(envelope.issued, c)},"
        f" spent {show(envelope.spent, c)}, returned {show(envelope.returned, c)})."
    )
    ack(**reply(text))
