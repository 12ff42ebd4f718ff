"""The production setup modal."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.blocks.common import input_block as _input
from bot.blocks.common import option, plain
from bot.blocks.metadata import Meta, encode
from bot.services.core.production_form import CURRENCIES, SetupView

SETUP_CALLBACK = "slate_setup"
ZONES = {
    "North America": ["America/Los_Angeles", "America/Denver", "America/Phoenix",
                      "America/Chicago", "America/New_York", "America/Toronto",
                      "America/Vancouver", "America/Halifax", "America/Anchorage",
                      "Pacific/Honolulu", "America/Mexico_City"],
    "Europe and Africa": ["Europe/London", "Europe/Dublin", "Europe/Lisbon", "Europe/Paris",
                          "Europe/Berlin", "Europe/Madrid", "Europe/Rome", "Europe/Prague",
                          "Europe/Budapest", "Europe/Athens", "Africa/Johannesburg",
                          "Africa/Casablanca"],
    "Asia and Pacific": ["Asia/Dubai", "Asia/Kolkata", "Asia/Bangkok", "Asia/Singapore",
                         "Asia/Hong_Kong", "Asia/Tokyo", "Asia/Seoul", "Australia/Perth",
                         "Australia/Sydney", "Australia/Melbourne", "Pacific/Auckland"],
    "South America": ["America/Sao_Paulo", "America/Buenos_Aires", "America/Bogota",
                      "America/Lima", "America/Santiago"],
}  # fmt: skip


@dataclass(frozen=True)
class SetupMeta(Meta):
    """The setup modal's private metadata: the production edited (None: a new one)."""

    KIND = "setup"
    production_id: int | None


def _channel_input(
    block_id: str, label: str, current: str | None, optional: bool, hint: str
) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "conversations_select",
        "filter": {"include": ["public", "private"], "exclude_bot_users": True},
    }
    if current:
        element["initial_conversation"] = current
    return _input(block_id, label, element, optional, hint)


def setup_modal(view: SetupView) -> dict[str, Any]:
    """Create (no production_id) or edit a production."""
    editing = view.production_id is not None
    name: dict[str, Any] = {"type": "plain_text_input", "max_length": 120}
    if view.name:
        name["initial_value"] = view.name
    groups = dict(ZONES)
    if view.timezone and not any(view.timezone in zs for zs in ZONES.values()):
        groups = {"Current": [view.timezone], **ZONES}  # a zone set elsewhere stays shown
    zones: dict[str, Any] = {
        "type": "static_select",
        "option_groups": [
            {"label": plain(group, 75), "options": [option(z.replace("_", " "), z) for z in zs]}
            for group, zs in groups.items()
        ],
    }
    if view.timezone:
        zones["initial_option"] = option(view.timezone.replace("_", " "), view.timezone)
    money = {
        "type": "static_select",
        "options": [option(c, c) for c in CURRENCIES],
        "initial_option": option(view.currency, view.currency),
    }
    return {
        "type": "modal",
        "callback_id": SETUP_CALLBACK,
        "private_metadata": encode(SetupMeta(view.production_id)),
        "title": plain("Edit production" if editing else "New production", 24),
        "submit": plain("Save", 24),
        "close": plain("Cancel", 24),
        "blocks": [
            _input("name", "Production name", name),
            _input("timezone", "Time zone", zones, hint="Call times are shown in this zone."),
            _input("currency", "Currency", money),
            _channel_input(
                "crew_channel",
                "Crew channel",
                view.crew_channel_id,
                False,
                "Call sheets and schedule changes go here.",
            ),
            _channel_input(
                "coordinators_channel",
                "Coordinators' channel",
                view.coordinators_channel_id,
                False,
                "Approvals, tallies and alerts go here.",
            ),
            _channel_input(
                "problems_channel",
                "Problems channel",
                view.problems_channel_id,
                True,
                "Problems reported on set go here.",
            ),
            *_settings_inputs(view),
        ],
    }


def publish_text(setting: str) -> str:
    """A stored publish time as the form shows it: "18:00" -> "6:00p", "+120" -> "2h after wrap"."""
    if setting.startswith("+"):
        minutes = int(setting[1:])
        return f"{minutes // 60}h after wrap" if minutes % 60 == 0 else f"{minutes}m after wrap"
    hour, minute = (int(x) for x in setting.split(":"))
    return f"{(hour % 12) or 12}:{minute:02d}{'p' if hour >= 12 else 'a'}"


def _settings_inputs(view: SetupView) -> list[dict[str, Any]]:
    publish = {"type": "plain_text_input", "initial_value": publish_text(view.publish_time)}
    nudge = {
        "type": "number_input",
        "is_decimal_allowed": False,
        "min_value": "5",
        "max_value": "1440",
        "initial_value": str(view.nudge_minutes),
    }
    return [
        _input(
            "publish_time",
            "Next day's call sheet goes out at",
            publish,
            hint="A time the evening before (6p), or time after the last wrap (2h after wrap).",
        ),
        _input("nudge_minutes", "Nudge the unconfirmed after (minutes)", nudge),
    ]
