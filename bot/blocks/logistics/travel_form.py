"""The travel entry form: one person's flight, train, hotel or per diem."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.blocks.common import input_block as field
from bot.blocks.common import option
from bot.blocks.metadata import Meta, encode

TRAVEL_CALLBACK = "travel_add"
KINDS = {"flight": "Flight", "train": "Train", "hotel": "Hotel", "per_diem": "Per diem"}


@dataclass(frozen=True)
class TravelMeta(Meta):
    """The travel form: which production it saves to."""

    KIND = "travel"
    production_id: int


def _text(hint: str, limit: int) -> dict[str, Any]:
    return {"type": "plain_text_input", "max_length": limit, "placeholder": _plain(hint)}


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text}


def travel_modal(production_id: int) -> dict[str, Any]:
    """Who, what kind, when, where and the details, as the CSV's columns."""
    kinds = {"type": "static_select", "options": [option(v, k) for k, v in KINDS.items()]}
    return {
        "type": "modal",
        "callback_id": TRAVEL_CALLBACK,
        "private_metadata": encode(TravelMeta(production_id)),
        "title": _plain("Add travel"),
        "submit": _plain("Save"),
        "blocks": [
            field("person", "Traveller", {"type": "users_select"}),
            field("kind", "Kind", kinds),
            field("start", "Departs / checks in / first day", _text("2026-06-12 07:30", 16)),
            field("end", "Arrives / checks out / last day", _text("2026-06-12 09:05", 16), True),
            field("from", "From", _text("LAX", 120), True),
            field("to", "To", _text("SFO", 120), True),
            field("details", "Carrier and number, or the hotel", _text("UA 123", 200), True),
            field("confirmation", "Confirmation", _text("ABC123", 60), True),
            field("per_diem", "Per diem a day", _text("65", 20), True),
            field("budget_code", "Per diem budget line", _text("travel", 40), True),
        ],
    }
