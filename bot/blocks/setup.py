"""The production setup modal."""

from __future__ import annotations

import json
from typing import Any

from bot.blocks.common import input_block as _input
from bot.blocks.common import option, plain
from bot.store.models import Production

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
CURRENCIES = ("USD", "CAD", "EUR", "GBP", "AUD", "NZD", "MXN")


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


def setup_modal(production: Production | None) -> dict[str, Any]:
    """Create (production None) or edit a production."""
    zone = production.timezone if production else "America/Los_Angeles"
    currency = production.currency if production else "USD"
    name: dict[str, Any] = {"type": "plain_text_input", "max_length": 120}
    if production:
        name["initial_value"] = production.name
    zones = {
        "type": "static_select",
        "option_groups": [
            {"label": plain(group, 75), "options": [option(z.replace("_", " "), z) for z in zs]}
            for group, zs in ZONES.items()
        ],
    }
    if any(zone in zs for zs in ZONES.values()):
        zones["initial_option"] = option(zone.replace("_", " "), zone)
    money = {
        "type": "static_select",
        "options": [option(c, c) for c in CURRENCIES],
        "initial_option": option(currency, currency),
    }
    return {
        "type": "modal",
        "callback_id": SETUP_CALLBACK,
        "private_metadata": json.dumps({"production_id": production.id if production else None}),
        "title": plain("Edit production" if production else "New production", 24),
        "submit": plain("Save", 24),
        "close": plain("Cancel", 24),
        "blocks": [
            _input("name", "Production name", name),
            _input("timezone", "Time zone", zones, hint="Call times are shown in this zone."),
            _input("currency", "Currency", money),
            _channel_input(
                "crew_channel",
                "Crew channel",
                production.crew_channel_id if production else None,
                False,
                "Call sheets and schedule changes go here.",
            ),
            _channel_input(
                "coordinators_channel",
                "Coordinators' channel",
                production.coordinators_channel_id if production else None,
                False,
                "Approvals, tallies and alerts go here.",
            ),
            _channel_input(
                "problems_channel",
                "Problems channel",
                production.problems_channel_id if production else None,
                True,
                "Problems reported on set go here.",
            ),
            *_settings_inputs(production),
        ],
    }


def _publish_text(setting: str) -> str:
    if setting.startswith("+"):
        minutes = int(setting[1:])
        return f"{minutes // 60}h after wrap" if minutes % 60 == 0 else f"{minutes}m after wrap"
    hour, minute = (int(x) for x in setting.split(":"))
    return f"{(hour % 12) or 12}:{minute:02d}{'p' if hour >= 12 else 'a'}"


def _settings_inputs(production: Production | None) -> list[dict[str, Any]]:
    settings = production.settings if production else {}
    publish = {
        "type": "plain_text_input",
        "initial_value": _publish_text(settings.get("callsheet_publish_time", "18:00")),
    }
    nudge = {
        "type": "number_input",
        "is_decimal_allowed": False,
        "min_value": "5",
        "max_value": "1440",
        "initial_value": str(settings.get("nudge_after_minutes", 60)),
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
