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
            text_input("second_meal", "Second meal", draft.second_meal, placeholder="7p"),
            text_input("location_name", "Location", draft.location_name),
            text_input("location_address", "Address", draft.location_address),
            text_input("location_parking", "Parking", draft.location_parking),
            text_input("location_basecamp", "Basecamp", draft.location_basecamp),
            text_input("location_crew_parking", "Crew parking", draft.location_crew_parking),
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
                placeholder="12 | INT. KITCHEN | D | 1 4/8 | 1, 2 | Rosa's | 8 | props: tray",
                hint="One a line: number | set | D or N | pages | cast numbers | location | "
                "background count | special requirements (the last three optional)",
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
                placeholder="Ana Actor 5:30a pickup 4:45a hmu 5a wardrobe 5:15a onset 6a | note",
                hint="Calls, pickup, hmu, wardrobe, onset times, `| remarks`; "
                "`Gus Grip off` for a day off.",
            ),
            text_input("background_call", "Background call", draft.background_call),
            text_input("weather", "Weather", draft.weather),
            text_input("safety_notes", "Safety notes", draft.safety_notes, multiline=True),
            text_input("notes", "Notes", draft.notes, multiline=True),
            *sheet_inputs(draft),
        ],
    }


PHONES = (
    ("none", "No phones on crew copies"),
    ("heads", "Department heads' phones"),
    ("all", "Everyone's phones"),
)


def sheet_inputs(draft: DayDraft) -> list[dict[str, Any]]:
    """The production's sheet-wide settings: the same on every day's sheet."""
    options = [{"text": plain(text, 75), "value": value} for value, text in PHONES]
    chosen = next(o for o in options if o["value"] == draft.sheet_phones)
    return [
        text_input(
            "sheet_company",
            "Production company",
            draft.sheet_company,
            hint="This and the fields below print on every day's sheet.",
        ),
        text_input(
            "sheet_contacts",
            "Key contacts",
            draft.sheet_contacts,
            multiline=True,
            placeholder="UPM | Uma Manager | 213-555-0101",
            hint="One a line: role | name | phone",
        ),
        text_input(
            "sheet_cast",
            "Cast list",
            draft.sheet_cast,
            multiline=True,
            placeholder="1 | Ana Actor | ROSA",
            hint="One a line: number | actor (as on the crew list) | character",
        ),
        {
            "type": "input",
            "block_id": "sheet_phones",
            "label": plain("Phones on crew copies"),
            "element": {
                "type": "static_select",
                "action_id": "sheet_phones",
                "options": options,
                "initial_option": chosen,
            },
        },
        text_input(
            "sheet_heads",
            "Department heads",
            draft.sheet_heads,
            placeholder="Dana DP, Gil Gaffer",
            hint="Their phones show when the switch says department heads.",
        ),
        text_input(
            "sheet_walkies",
            "Walkie channels",
            draft.sheet_walkies,
            multiline=True,
            placeholder="1 | Production",
            hint="One a line: channel | who uses it",
        ),
        text_input("sheet_notes", "Standard notes", draft.sheet_notes, multiline=True),
    ]


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
