"""Reading modal state and opening modals, the same way for every feature."""

from __future__ import annotations

import re
import time
from datetime import date
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.blocks.limits import check_view
from bot.errors import FieldErrors, InvalidInput

SELECTS = ("static_select", "radio_buttons", "checkboxes", "multi_static_select")
USER_ID = re.compile(r"[UW][A-Z0-9]{2,20}")
CHANNEL_ID = re.compile(r"[CGD][A-Z0-9]{2,20}")
CHANNEL_PICKERS = (
    "conversations_select",
    "channels_select",
    "multi_conversations_select",
    "multi_channels_select",
)
TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d")
READ_TIMEOUT = 1.5  # seconds for the Slack reads a form's save makes


def read_values(view: dict[str, Any]) -> dict[str, Any]:
    """A submitted modal's answers keyed by action_id, as plain values."""
    answers: dict[str, Any] = {}
    offered, found = _options(view), FieldErrors()
    for block_id, block in view.get("state", {}).get("values", {}).items():
        for action_id, state in block.items():
            answers[action_id] = found.take(
                _checked, _value(state), state, offered.get(action_id), block_id
            )
    found.check()  # every unreadable field at once, each on its own block
    return answers


def _options(view: dict[str, Any]) -> dict[str, set[str]]:
    """The values each select of the view offered: anything else was not picked from it."""
    offered: dict[str, set[str]] = {}
    for block in view.get("blocks") or []:
        element = block.get("element") or {}
        if element.get("type") in SELECTS:
            options = list(element.get("options") or [])
            for group in element.get("option_groups") or []:
                options += group.get("options") or []
            offered[element.get("action_id", "")] = {str(o.get("value")) for o in options}
    return offered


def _checked(value: Any, state: dict[str, Any], offered: set[str] | None, field: str) -> Any:
    """Refuse what only a forged form can send: off-list picks, bad dates, times and people."""
    kind = state.get("type")
    if value in (None, "", []):
        return value
    if kind in SELECTS and offered is not None:
        picked = value if isinstance(value, list) else [value]
        if not all(isinstance(v, str) and v in offered for v in picked):
            raise InvalidInput("Pick from the list.", field=field)
    elif kind == "datepicker" and not _is_date(value):
        raise InvalidInput("Pick a date from the calendar (like 2026-06-14).", field=field)
    elif kind == "timepicker" and not (isinstance(value, str) and TIME.fullmatch(value)):
        raise InvalidInput("Pick a time (like 06:30).", field=field)
    elif kind in ("users_select", "multi_users_select"):
        if not _all_match(value, USER_ID):
            raise InvalidInput("Pick people from the list.", field=field)
    elif kind in CHANNEL_PICKERS and not _all_match(value, CHANNEL_ID):
        raise InvalidInput("Pick channels from the list.", field=field)
    elif kind == "file_input" and not (isinstance(value, list) and all(map(_file, value))):
        raise InvalidInput("Upload the file again, named in under 200 characters.", field=field)
    return value


def _all_match(value: Any, pattern: re.Pattern[str]) -> bool:
    picked = value if isinstance(value, list) else [value]
    return all(isinstance(v, str) and pattern.fullmatch(v) for v in picked)


def _file(file: Any) -> bool:
    """An uploaded file as Slack describes it: an id, and a name and type that fit."""
    if not (isinstance(file, dict) and isinstance(file.get("id"), str)):
        return False
    sizes = (("id", 40), ("name", 200), ("filetype", 20), ("mimetype", 100), ("url_private", 500))
    return len(file["id"]) > 0 and all(
        isinstance(file.get(key) or "", str) and len(file.get(key) or "") <= most
        for key, most in sizes
    )


def _is_date(value: Any) -> bool:
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return isinstance(value, str) and len(value) == 10


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


def whole(value: Any, field: str) -> int | None:
    """A picked id as a number, or a field error when a forged form sends something else."""
    if value in (None, ""):
        return None
    if not _is_id(value):
        raise InvalidInput("Pick from the list.", field=field)
    return int(value)


def button(action: dict[str, Any]) -> int:
    """The stored id a button carries; a forged one is refused, not an internal error."""
    value = action.get("value")
    if not _is_id(value):
        raise InvalidInput("That button is out of date: run the command again.")
    return int(value)


def _is_id(value: Any) -> bool:
    """A database id as Slack carries it: digits, within a database integer."""
    if not (isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 11):
        return False
    return int(value) < 2**31


def iso_date(value: Any, field: str) -> date | None:
    """A datepicker's day, or a field error."""
    if value in (None, ""):
        return None
    if not _is_date(value):
        raise InvalidInput("Pick a date from the calendar (like 2026-06-14).", field=field)
    return date.fromisoformat(value)


def open_modal(client: WebClient, trigger_id: str, view: dict[str, Any]) -> None:
    """Open a modal now (trigger ids live 3 s, so this cannot wait for the outbox)."""
    check_view(view)
    client.views_open(trigger_id=trigger_id, view=view)


def uninvited(client: WebClient, picked: list[Any]) -> tuple[tuple[str, str], ...]:
    """The picked private channels Slate is not in, as (id, name or ""), read from Slack now.

    A private channel Slate is not in is invisible to its token (channel_not_found). When
    Slack cannot be asked (down, rate limited) nothing is refused: the outbox waits instead.
    """
    found = []
    # Slack wants the form's answer within 3 s: a slow Slack is not waited for.
    quick = WebClient(token=client.token, base_url=client.base_url, timeout=READ_TIMEOUT)
    deadline = time.monotonic() + READ_TIMEOUT
    for channel in dict.fromkeys(c for c in picked if isinstance(c, str) and c):
        if time.monotonic() > deadline:
            break
        try:
            info = quick.conversations_info(channel=channel)["channel"]
        except SlackApiError as error:
            if error.response.get("error") == "channel_not_found":
                found.append((channel, ""))
            continue
        except OSError:
            continue
        if info.get("is_private") and not info.get("is_member"):
            found.append((channel, str(info.get("name") or "")))
    return tuple(found)
