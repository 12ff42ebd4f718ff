"""The Web API methods Slate uses, answered from the emulated workspace."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_emulator import rules
from slack_emulator.state import Ephemeral, Message, Workspace

MAX_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_TEXT = 40000


class ApiError(Exception):
    """A Slack error answer: {"ok": false, "error": code}."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


Method = Callable[[Workspace, dict[str, Any]], dict[str, Any]]
METHODS: dict[str, Method] = {}


def method(name: str) -> Callable[[Method], Method]:
    """Register a Web API method."""

    def register(func: Method) -> Method:
        METHODS[name] = func
        return func

    return register


def _channel(ws: Workspace, channel_id: str | None) -> str:
    if not channel_id:
        raise ApiError("channel_not_found")
    if channel_id.startswith(("U", "W")) and channel_id in ws.users:
        return ws.open_im(channel_id).id
    if channel_id not in ws.channels:
        raise ApiError("channel_not_found")
    return channel_id


def _check_content(params: dict[str, Any], max_blocks: int = MAX_BLOCKS) -> None:
    blocks = params.get("blocks") or []
    if len(blocks) > max_blocks:
        raise ApiError("invalid_blocks")
    if not params.get("text") and not blocks:
        raise ApiError("no_text")
    if len(params.get("text") or "") > MAX_TEXT:
        raise ApiError("msg_too_long")
    _obey(rules.check_blocks, blocks, "invalid_blocks")


def _obey(rule: Callable[..., None], *args: Any) -> None:
    """Run one of Slack's rules (slack_emulator/rules.py), answering as Slack does."""
    try:
        rule(*args)
    except rules.Refused as refused:
        raise ApiError(refused.code) from None


@method("auth.test")
def auth_test(ws: Workspace, _: dict[str, Any]) -> dict[str, Any]:
    return {
        "url": "https://emulated.slack.local/",
        "team": "Emulated",
        "team_id": ws.team_id,
        "user": "slate",
        "user_id": ws.bot_user_id,
        "bot_id": "BSLATE",
    }


@method("users.info")
def users_info(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    user = ws.users.get(params.get("user", ""))
    if user is None:
        raise ApiError("user_not_found")
    return {"user": user.to_api()}


@method("users.lookupByEmail")
def users_lookup_by_email(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    email = (params.get("email") or "").lower()
    for user in ws.users.values():
        if user.email and user.email.lower() == email:
            return {"user": user.to_api()}
    raise ApiError("users_not_found")


@method("conversations.open")
def conversations_open(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    user = str(params.get("users", "")).split(",")[0]
    if user not in ws.users:
        raise ApiError("user_not_found")
    return {"channel": {"id": ws.open_im(user).id}}


@method("conversations.history")
def conversations_history(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    channel = _channel(ws, params.get("channel"))
    oldest = float(params.get("oldest") or 0)
    latest = float(params.get("latest") or "inf")
    with_metadata = str(params.get("include_all_metadata", "")).lower() in ("1", "true")
    found = [m for m in ws.channel_messages(channel) if oldest <= float(m.ts) <= latest]
    found.reverse()  # newest first, as Slack answers
    start = int(params.get("cursor") or 0)
    limit = int(params.get("limit") or 100)
    page = found[start : start + limit]
    more = start + limit < len(found)
    return {
        "messages": [m.to_api(with_metadata) for m in page],
        "has_more": more,
        "response_metadata": {"next_cursor": str(start + limit) if more else ""},
    }


@method("conversations.info")
def conversations_info(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    found = ws.channels.get(params.get("channel") or "")
    # A private channel the bot is not in does not exist as far as its token can tell.
    if found is None or (found.is_private and ws.bot_user_id not in found.members):
        raise ApiError("channel_not_found")
    return {
        "channel": {
            "id": found.id,
            "name": found.name,
            "is_channel": not found.is_im,
            "is_im": found.is_im,
            "is_private": found.is_private,
            "is_member": found.is_im or ws.bot_user_id in found.members,
        }
    }


@method("chat.postMessage")
def chat_post_message(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    channel = _channel(ws, params.get("channel"))
    _obey(rules.check_post, ws.channels[channel], ws.bot_user_id)
    _check_content(params)
    thread_ts = params.get("thread_ts")
    if thread_ts and ws.find_message(channel, thread_ts) is None:
        raise ApiError("thread_not_found")
    message = Message(
        channel,
        ws.new_ts(),
        params.get("text") or "",
        params.get("blocks") or [],
        ws.bot_user_id,
        thread_ts,
        params.get("metadata"),
    )
    with ws.lock:
        ws.messages.append(message)
    return {"channel": channel, "ts": message.ts, "message": message.to_api()}


@method("chat.update")
def chat_update(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    channel = _channel(ws, params.get("channel"))
    message = ws.find_message(channel, params.get("ts") or "")
    if message is None:
        raise ApiError("message_not_found")
    if message.user != ws.bot_user_id:
        raise ApiError("cant_update_message")
    _check_content(params)
    with ws.lock:
        message.history.append({"text": message.text, "blocks": message.blocks})
        message.text, message.blocks = params.get("text") or "", params.get("blocks") or []
    return {"channel": channel, "ts": message.ts, "text": message.text}


@method("chat.postEphemeral")
def chat_post_ephemeral(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    channel = _channel(ws, params.get("channel"))
    if params.get("user") not in ws.users:
        raise ApiError("user_not_in_channel")
    _check_content(params)
    ephemeral = Ephemeral(
        channel, params["user"], params.get("text") or "", params.get("blocks") or [], ws.new_ts()
    )
    with ws.lock:
        ws.ephemerals.append(ephemeral)
    return {"message_ts": ephemeral.ts}
