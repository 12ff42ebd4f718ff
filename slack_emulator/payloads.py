"""Request bodies in the exact shapes Slack sends: commands, interactions, events."""

from __future__ import annotations

import itertools
import time
from typing import Any

from slack_emulator.state import Ephemeral, Message, User, Workspace

APP_ID = "A0SLATE"
_seq = itertools.count(1)


def _user(ws: Workspace, user: User) -> dict[str, Any]:
    return {"id": user.id, "username": user.name, "name": user.name, "team_id": ws.team_id}


def _trigger(ws: Workspace, user: User) -> str:
    trigger_id = f"{next(_seq)}.{int(time.time())}.trigger"
    ws.triggers[trigger_id] = (user.id, time.time())
    return trigger_id


def slash_command(
    ws: Workspace, user: User, command: str, text: str, channel_id: str
) -> dict[str, str]:
    """The form fields of a slash command invocation."""
    channel = ws.channels.get(channel_id)
    return {
        "token": "verification-token-unused",
        "team_id": ws.team_id,
        "team_domain": "emulated",
        "channel_id": channel_id,
        "channel_name": channel.name if channel else "directmessage",
        "user_id": user.id,
        "user_name": user.name,
        "command": command,
        "text": text,
        "api_app_id": APP_ID,
        **_enterprise(ws),
        "response_url": f"{ws.base_url}respond/{next(_seq)}",
        "trigger_id": _trigger(ws, user),
    }


def block_actions_on_message(
    ws: Workspace, user: User, message: Message | Ephemeral, action: dict[str, Any]
) -> dict[str, Any]:
    """A button or select used on a message (ephemeral ones carry no message copy)."""
    channel = ws.channels[message.channel]
    ephemeral = isinstance(message, Ephemeral)
    payload = {
        "type": "block_actions",
        "user": _user(ws, user),
        "api_app_id": APP_ID,
        "token": "verification-token-unused",
        "container": {
            "type": "message",
            "message_ts": message.ts,
            "channel_id": channel.id,
            "is_ephemeral": False,
        },
        "trigger_id": _trigger(ws, user),
        "team": {"id": ws.team_id, "domain": "emulated"},
        "enterprise": None,
        "is_enterprise_install": False,
        "channel": {"id": channel.id, "name": channel.name},
        "state": {"values": {}},
        "response_url": f"{ws.base_url}respond/{next(_seq)}",
        "actions": [action],
    }
    if not ephemeral:
        payload["message"] = message.to_api()
    return payload


def block_actions_in_view(
    ws: Workspace, user: User, view: dict[str, Any], action: dict[str, Any]
) -> dict[str, Any]:
    """A button used in a modal or the App Home tab."""
    return {
        "type": "block_actions",
        "user": _user(ws, user),
        "api_app_id": APP_ID,
        "token": "verification-token-unused",
        "container": {"type": "view", "view_id": view.get("id")},
        "trigger_id": _trigger(ws, user),
        "team": {"id": ws.team_id, "domain": "emulated"},
        "is_enterprise_install": False,
        "view": view,
        "actions": [action],
    }


def block_suggestion(
    ws: Workspace, user: User, view: dict[str, Any], block_id: str, action_id: str, value: str
) -> dict[str, Any]:
    """Someone typing `value` into an external select of a modal: Slack asks for options."""
    return {
        "type": "block_suggestion",
        "user": _user(ws, user),
        "container": {"type": "view", "view_id": view.get("id")},
        "api_app_id": APP_ID,
        "token": "verification-token-unused",
        "action_id": action_id,
        "block_id": block_id,
        "value": value,
        "team": {"id": ws.team_id, "domain": "emulated"},
        "enterprise": None,
        "is_enterprise_install": False,
        "view": view,
    }


def view_submission(
    ws: Workspace, user: User, view: dict[str, Any], values: dict[str, Any]
) -> dict[str, Any]:
    """A modal's Submit, with the state Slack builds from what was entered."""
    return {
        "type": "view_submission",
        "team": {"id": ws.team_id, "domain": "emulated"},
        "user": _user(ws, user),
        "api_app_id": APP_ID,
        "token": "verification-token-unused",
        "trigger_id": _trigger(ws, user),
        "view": dict(view, state={"values": values}),
        "response_urls": [],
        "is_enterprise_install": False,
    }


def shortcut(ws: Workspace, user: User, callback_id: str) -> dict[str, Any]:
    """A global shortcut."""
    return {
        "type": "shortcut",
        "token": "verification-token-unused",
        "action_ts": f"{time.time():.6f}",
        "team": {"id": ws.team_id, "domain": "emulated"},
        "user": _user(ws, user),
        "callback_id": callback_id,
        "trigger_id": _trigger(ws, user),
        "is_enterprise_install": False,
    }


def message_shortcut(
    ws: Workspace, user: User, callback_id: str, message: Message
) -> dict[str, Any]:
    """A message shortcut used on `message`."""
    channel = ws.channels[message.channel]
    return dict(
        shortcut(ws, user, callback_id),
        type="message_action",
        message_ts=message.ts,
        message=message.to_api(),
        channel={"id": channel.id, "name": channel.name},
        response_url=f"{ws.base_url}respond/{next(_seq)}",
    )


def event_callback(ws: Workspace, event: dict[str, Any]) -> dict[str, Any]:
    """An Events API envelope around `event`."""
    return {
        "token": "verification-token-unused",
        "team_id": ws.team_id,
        "api_app_id": APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": f"Ev{next(_seq):08d}",
        "event_time": int(time.time()),
        "authorizations": [{"team_id": ws.team_id, "user_id": ws.bot_user_id, "is_bot": True}],
        "is_ext_shared_channel": False,
        **{k: v == "true" if k.startswith("is_") else v for k, v in _enterprise(ws).items()},
    }


def _enterprise(ws: Workspace) -> dict[str, str]:
    """What Slack adds for an Enterprise Grid workspace (form fields: strings)."""
    grid = {"enterprise_id": ws.enterprise_id} if ws.enterprise_id else {}
    return {**grid, "is_enterprise_install": "true" if ws.org_wide else "false"}
