"""Documents and payroll surfaces."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from bot.blocks.common import Block, context, section
from bot.blocks.common import input_block as field
from bot.blocks.escape import escape, truncate
from bot.blocks.metadata import Meta, encode
from bot.blocks.wrap.alerts import label
from bot.services.money.amounts import show
from bot.services.wrap.views import DocumentInfo

DOCUMENT_CALLBACK = "document_add"
SECTION_TEXT = 2900
PAYROLL_ROWS = 60


@dataclass(frozen=True)
class DocumentMeta(Meta):
    """The document form: which production it files into."""

    KIND = "document_add"
    production_id: int


@dataclass(frozen=True)
class PayRow:
    """One contractor's line on /payroll."""

    name: str
    days: int
    day_rate: Decimal
    owed: Decimal
    reportable: bool
    no_w9: bool
    w9: str = ""  # verified, on file, received or missing (start paperwork)


def document_modal(production_id: int, kinds: dict[str, str]) -> dict[str, Any]:
    """File a permit, certificate, agreement or rental; `kinds` maps key to label."""
    return {
        "type": "modal",
        "callback_id": DOCUMENT_CALLBACK,
        "private_metadata": encode(DocumentMeta(production_id)),
        "title": {"type": "plain_text", "text": "Add a document"},
        "submit": {"type": "plain_text", "text": "Save"},
        "blocks": [
            field(
                "kind",
                "Kind",
                {
                    "type": "static_select",
                    "options": [
                        {"text": {"type": "plain_text", "text": name}, "value": key}
                        for key, name in kinds.items()
                    ],
                },
            ),
            field("covers", "Location or vendor it covers", {"type": "plain_text_input"}),
            field("valid_from", "Valid from", {"type": "datepicker"}),
            field("expires", "Expires", {"type": "datepicker"}),
            field("file", "The document", {"type": "file_input", "max_files": 1}, True),
        ],
    }


def document_list(
    documents: list[DocumentInfo], today: date, rentals: Sequence[tuple[int, str, str]] = ()
) -> tuple[str, list[Block]]:
    """/documents: every document, flagged when expired or expiring within 7 days; then the
    rentals (PO number, vendor, why) whose certificate of insurance is not in order."""
    lines = []
    for document in documents:
        flag = (
            " :red_circle: expired"
            if document.expires < today
            else " :large_yellow_circle: expires soon"
            if document.expires <= today + timedelta(days=7)
            else ""
        )
        lines.append(f"• {label(document)}{flag}")
    text = "\n".join(lines) or "No documents yet: `/documents add`."
    shown = [section(truncate(text, SECTION_TEXT))]
    if rentals:
        flagged = [f"• :warning: PO-{n} {escape(vendor)}: {why}" for n, vendor, why in rentals]
        gaps = "*Rentals needing a certificate of insurance*\n" + "\n".join(flagged)
        shown.append(section(truncate(gaps, SECTION_TEXT)))
    return f"{len(lines)} documents", shown


def payroll_blocks(rows: list[PayRow], currency: str, threshold: str) -> list[Block]:
    """/payroll: days times rate, the total to date, and the flags."""
    if not rows:
        return [section("No contractors yet. Import deals with `slate import contracts FILE`.")]
    lines = []
    for row in rows[:PAYROLL_ROWS]:
        flags = [":receipt: 1099-NEC"] if row.reportable else []
        if row.no_w9:
            waiting = row.w9 == "received"
            flags.append(":hourglass: W-9 not verified" if waiting else ":warning: no W-9")
        elif row.w9 == "verified":
            flags.append(":white_check_mark: W-9 verified")
        lines.append(
            f"*{escape(row.name)}* {row.days} day{'s' if row.days != 1 else ''} \u00d7 "
            f"{show(row.day_rate, currency)} = {show(row.owed, currency)}"
            + (" — " + ", ".join(flags) if flags else "")
        )
    total = sum((row.owed for row in rows), Decimal(0))
    return [
        section(truncate("\n".join(lines), SECTION_TEXT)),
        section(f"*Production to date:* {show(total, currency)}"),
        context(
            f"1099-NEC reporting from {threshold} paid in a year; collect a W-9 before paying."
        ),
    ]
