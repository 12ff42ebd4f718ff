"""The call sheet editor modal: one day, typed the way coordinators type on set."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from bot.blocks.common import plain
from bot.blocks.metadata import Meta, encode
from bot.services.callsheets.drafts import DayDraft

EDITOR_CALLBACK = "callsheet_editor"


def text_input(
    block_id: str,
    label: str,
    value: str | None,
    *,
    optional: bool = True,
    multiline: bool = False,
    placeholder: str | None = None,
    hint: str | None = None,
) -> dict[str, Any]:
    """A text input block whose action_id is its block_id."""
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": block_id,
        "multiline": multiline,
    }
    if value:
        element["initial_value"] = value
    if placeholder:
        element["placeholder"] = plain(placeholder, 150)
    block = {
        "type": "input",
        "block_id": block_id,
        "label": plain(label, 2000),
        "element": element,
        "optional": optional,
    }
    if hint:
        block["hint"] = plain(hint, 2000)
    return block


@dataclass(frozen=True)
class EditorMeta(Meta):
    """The editor's private metadata: the production it was opened for."""

    KIND: ClassVar[str] = "callsheet_editor"
    production_id: int


def day_editor(draft: DayDraft) -> dict[str, Any]:
    """The editor for one day, filled with what is saved (empty for a new day)."""
    return {
        "type": "modal",
        "callback_id": EDITOR_CALLBACK,
        "private_metadata": encode(EditorMeta(draft.production_id)),
        "title": plain("Call sheet", 24),
        "submit": plain("Save", 24),
        "close": plain("Cancel", 24),
        "blocks": [
            {
                "type": "input",
                "block_id": "date",
                "label": plain("Shoot day"),
                "element": {
                    "type": "datepicker",
                    "action_id": "date",
                    "initial_date": draft.date.isoformat(),
                },
            },
            text_input(
                "general_call",
                "General crew call",
                draft.general_call,
                optional=False,
                placeholder="6:30a",
            ),
            text_input(
                "shooting_call",
                "Shooting call",
                draft.shooting_call,
                placeholder="8a",
            ),
            text_input(
                "estimated_wrap",
                "Estimated wrap",
                draft.estimated_wrap,
                placeholder="7p",
                hint="After midnight is fine: 2a means the next morning.",
            ),
            text_input("breakfast", "Breakfast", draft.breakfast),
            text_input("lunch", "Lunch", draft.lunch, placeholder="12:30p"),
            text_input("location_name", "Location", draft.location_name),
            text_input("location_address", "Address", draft.location_address),
            text_input("location_parking", "Parking", draft.location_parking),
            text_input("location_basecamp", "Basecamp", draft.location_basecamp),
            text_input(
                "location_hospital",
                "Nearest hospital",
                draft.location_hospital,
                placeholder="Name · address · phone",
            ),
            text_input(
                "location_coordinates",
                "Latitude, longitude",
                draft.location_coordinates,
                placeholder="34.0522, -118.2437",
                hint="For sunrise and sunset.",
            ),
            *_scope(draft),
            text_input(
                "scenes",
                "Scenes",
                draft.scenes,
                multiline=True,
                placeholder="12 | INT. KITCHEN | D | 1 4/8 | Ana, Bo",
                hint="One a line: number | set | D or N | pages | cast",
            ),
            text_input(
                "departments",
                "Department calls",
                draft.departments,
                multiline=True,
                placeholder="Camera -30",
                hint="Minutes from general call, one a line.",
            ),
            text_input(
                "calls",
                "Individual calls",
                draft.calls,
                multiline=True,
                placeholder="Ana Actor 5:30a pickup 4:45a hmu 5a",
                hint="Cast calls, pickups, hair & make-up; `Gus Grip off` for a day off.",
            ),
            text_input("weather", "Weather", draft.weather),
            text_input("notes", "Notes", draft.notes, multiline=True),
        ],
    }


LOCATION_SCOPE = "location_scope"


def _scope(draft: DayDraft) -> list[dict[str, Any]]:
    """Shown only when the location is shared: whose sheets an edit of it changes."""
    if draft.location_days < 2 or not draft.location_name:
        return []
    others = draft.location_days
    options = [
        ("this", "Only this day (it gets its own copy)"),
        ("all", f"All {others} days at {draft.location_name}"),
    ]
    return [
        {
            "type": "input",
            "block_id": LOCATION_SCOPE,
            "label": plain("If you change the location's details, change them for"),
            "optional": True,
            "hint": plain(f"{draft.location_name} is on {others} shoot days.", 2000),
            "element": {
                "type": "radio_buttons",
                "action_id": LOCATION_SCOPE,
                "options": [{"text": plain(text, 75), "value": value} for value, text in options],
            },
        }
    ]
