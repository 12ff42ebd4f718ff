"""Documents and payroll surfaces."""

from __future__ import annotations

from typing import Any

from bot.blocks.common import Block, context, section
from bot.blocks.common import input_block as field
from bot.blocks.escape import escape
from bot.services.money.amounts import show
from bot.services.money.payroll import PayLine
from bot.services.wrap.documents import KINDS

DOCUMENT_CALLBACK = "document_add"


def document_modal(production_id: int) -> dict[str, Any]:
    """File a permit, certificate, agreement or rental."""

    return {
        "type": "modal",
        "callback_id": DOCUMENT_CALLBACK,
        "private_metadata": str(production_id),
        "title": {"type": "plain_text", "text": "Add a document"},
        "submit": {"type": "plain_text", "text": "Save"},
        "blocks": [
            field(
                "kind",
                "Kind",
                {
                    "type": "static_select",
                    "options": [
                        {"text": {"type": "plain_text", "text": label}, "value": key}
                        for key, label in KINDS.items()
                    ],
                },
            ),
            field("covers", "Location or vendor it covers", {"type": "plain_text_input"}),
            field("valid_from", "Valid from", {"type": "datepicker"}),
            field("expires", "Expires", {"type": "datepicker"}),
            field("file", "The document", {"type": "file_input", "max_files": 1}, True),
        ],
    }


def payroll_blocks(lines: list[PayLine], currency: str, threshold: str) -> list[Block]:
    """/payroll: days times rate, the total to date, and the flags."""
    if not lines:
        return [section("No contractors yet. Import deals with `slate import contracts FILE`.")]
    rows = []
    for line in lines[:60]:
        flags = []
        if line.reportable:
            flags.append(":receipt: 1099-NEC")
        if "W-9" in line.missing:
            flags.append(":warning: no W-9")
        rows.append(
            f"*{escape(line.person.name)}* {line.days} day{'s' if line.days != 1 else ''} \u00d7 "
            f"{show(line.contract.day_rate, currency)} = {show(line.owed, currency)}"
            + (" — " + ", ".join(flags) if flags else "")
        )
    total = sum((line.owed for line in lines), start=lines[0].owed * 0)
    return [
        section("\n".join(rows)[:2900]),
        section(f"*Production to date:* {show(total, currency)}"),
        context(
            f"1099-NEC reporting from {threshold} paid in a year; collect a W-9 before paying."
        ),
    ]
