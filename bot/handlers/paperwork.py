"""/documents and /payroll."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import permissions
from bot.blocks.common import reply
from bot.blocks.metadata import decode
from bot.blocks.wrap import paperwork as blocks
from bot.handlers.forms import iso_date, open_modal, read_values
from bot.services.callsheets import shoot_days
from bot.services.core import productions
from bot.services.logistics import rentals
from bot.services.money import payroll
from bot.services.money.amounts import show
from bot.services.wrap import documents


def register(app: App) -> None:
    """Listen for /documents, its form, and /payroll."""
    app.command("/documents")(documents_command)
    app.view(blocks.DOCUMENT_CALLBACK)(save_document)
    app.command("/payroll")(payroll_command)


def documents_command(ack: Ack, command: dict[str, Any], context: Any, client: WebClient) -> None:
    """List documents, or `add` one (coordinators)."""
    db, user, now = context["db"], command["user_id"], context["clock"].now()
    production = productions.resolve(db, command["team_id"], command["channel_id"], user)
    listed = documents.listing(db, production, user)  # the permission check, before any form
    if command.get("text", "").strip().lower() == "add":
        open_modal(
            client, command["trigger_id"], blocks.document_modal(production.id, documents.KINDS)
        )
        return ack()
    today = shoot_days.today(production, now)
    gaps = rentals.insurance_gaps(db, production, today)
    flagged = [(r.number, r.vendor, r.coi_flag or "") for r in gaps]
    ack(**reply(*blocks.document_list(listed, today, flagged)))


def save_document(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any) -> None:
    """File the document (the service checks the person may, on that production)."""
    answers = read_values(view)
    meta = decode(blocks.DocumentMeta, view.get("private_metadata"))
    files = answers.get("file") or []
    documents.add_from_form(
        context["db"],
        body["team"]["id"],
        meta.production_id,
        body["user"]["id"],
        answers.get("kind") or "",
        answers.get("covers") or "",
        iso_date(answers.get("valid_from"), "valid_from"),
        iso_date(answers.get("expires"), "expires"),
        context["clock"].now(),
        files[0] if files else None,
    )
    ack()


def payroll_command(ack: Ack, command: dict[str, Any], context: Any) -> None:
    """Days times rate per contractor, with 1099-NEC and W-9 flags (coordinators)."""
    db, user, now = context["db"], command["user_id"], context["clock"].now()
    production = productions.resolve(db, command["team_id"], command["channel_id"], user)
    permissions.require(db, production, user, "payroll.read")
    rows = [
        blocks.PayRow(
            line.person.name,
            line.days,
            line.contract.day_rate,
            line.owed,
            line.reportable,
            "W-9" in line.missing,
            line.w9,
        )
        for line in payroll.report(db, production, user, now)
    ]
    limit = show(payroll.threshold_1099(now.year), production.currency)
    ack(
        **reply(
            f"Payroll: {len(rows)} contractors",
            blocks.payroll_blocks(rows, production.currency, limit),
        )
    )
