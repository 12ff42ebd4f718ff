"""The /schedulechange form: the day's calls, meals, wrap and location, to change and publish."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from bot.blocks.callsheets.editor import text_input
from bot.blocks.callsheets.notices import change_line
from bot.blocks.common import day_title, plain
from bot.blocks.escape import escape
from bot.blocks.metadata import Meta, encode
from bot.services.callsheets.drafts import DayDraft
from bot.services.callsheets.person_day import Change

CALLBACK = "schedule_change_form"


@dataclass(frozen=True)
class ChangeMeta(Meta):
    """The form's private metadata: which production's which day."""

    KIND: ClassVar[str] = "schedule_change"
    production_id: int
    day_id: int


def change_form(draft: DayDraft, day_id: int) -> dict[str, Any]:
    """The day's current values to edit; Publish applies the changes and sends the revision."""
    return {
        "type": "modal",
        "callback_id": CALLBACK,
        "private_metadata": encode(ChangeMeta(draft.production_id, day_id)),
        "title": plain("Schedule change", 24),
        "submit": plain("Publish", 24),
        "close": plain("Cancel", 24),
        "blocks": [
            {
                "type": "section",
                "text": plain(f"{day_title(draft.date)}: change what moved, then Publish."),
            },
            text_input("general_call", "General crew call", draft.general_call, optional=False),
            text_input("shooting_call", "Shooting call", draft.shooting_call),
            text_input("breakfast", "Breakfast", draft.breakfast),
            text_input("lunch", "Lunch", draft.lunch, placeholder="12:30p"),
            text_input(
                "estimated_wrap",
                "Estimated wrap",
                draft.estimated_wrap,
                hint="After midnight is fine: 2a means the next morning.",
            ),
            text_input(
                "location_name",
                "Location",
                draft.location_name,
                optional=False,
                hint="One of the production's locations, by name.",
            ),
            text_input(
                "departments",
                "Department calls",
                draft.departments,
                multiline=True,
                placeholder="Grip -30",
                hint="Minutes from general call, one a line.",
            ),
        ],
    }


def announcement(on: date, tz: str, changes: tuple[Change, ...]) -> str:
    """The crew channel's announcement: "SCHEDULE CHANGE Fri Jun 12: Lunch 12:30 PM → 1:00 PM"."""
    lines = "; ".join(moved_line(c, tz, on) for c in changes)
    return f":rotating_light: SCHEDULE CHANGE {day_title(on)}: {lines}"


def moved_line(change: Change, tz: str, on: date) -> str:
    """One change, escaped (a person's name is typed text): "Grip call 6:00 AM → 5:30 AM"."""
    return change_line(change, tz, on, label=escape(change.label), joiner=" ")
