"""Reading modal state and opening modals, the same way for every feature."""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient

from bot.blocks.limits import check_view


def read_values(view: dict[str, Any]) -> dict[str, Any]:
    """A submitted modal's answers keyed by action_id, as plain values."""
    answers: dict[str, Any] = {}
    for block in view.get("state", {}).get("values", {}).values():
        for action_id, state in block.items():
            answers[action_id] = _value(state)
    return answers


def _value(state: dict[str, Any]) -> Any:
    kind = state.get("type")
    if kind in ("static_select", "radio_buttons", "external_select"):
        return (state.get("selected_option") or {}).get("value")
    if kind in ("checkboxes", "multi_static_select"):
        return [o["value"] for o in state.get("selected_options") or []]
    for key in (
        "selected_user",
        "selected_users",
        "selected_conversation",
        "selected_channel",
        "selected_conversations",
        "selected_channels",
        "selected_date",
        "selected_time",
        "files",
    ):
        if key in state:
            return state[key]
    value = state.get("value")
    return value.strip() if isinstance(value, str) else value


def open_modal(client: WebClient, trigger_id: str, view: dict[str, Any]) -> None:
    """Open a modal now (trigger ids live 3 s, so this cannot wait for the outbox)."""
    check_view(view)
    client.views_open(trigger_id=trigger_id, view=view)
