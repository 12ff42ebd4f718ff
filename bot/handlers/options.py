"""Options for external selects (block_suggestion): Slack asks as the person types."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.blocks.choices import options
from bot.blocks.metadata import Meta, decode
from bot.blocks.money.expenses import ExpenseFormMeta
from bot.errors import InvalidInput
from bot.services.core import choices

# The select's action_id -> the metadata of the modal it sits in (which names the production).
FORMS: dict[str, type[Meta]] = {"budget_line": ExpenseFormMeta}


def register(app: App) -> None:
    """Answer every external select Slate builds."""
    for select_id in FORMS:
        app.options(select_id)(suggest)


def suggest(ack: Ack, body: dict[str, Any], context: Any) -> None:
    """The matching rows of the modal's production, if the person may use that form."""
    select_id = str(body.get("action_id") or "")
    try:
        meta: Any = decode(FORMS[select_id], (body.get("view") or {}).get("private_metadata"))
    except (InvalidInput, KeyError):
        return ack(options=[])  # a stale or forged form: nothing to offer
    found = choices.search(
        context["db"],
        str((body.get("team") or {}).get("id") or ""),
        meta.production_id,
        str((body.get("user") or {}).get("id") or ""),
        select_id,
        str(body.get("value") or ""),
    )
    ack(options=options(found))
