"""Views (modals and App Home) and files (the upload v2 calls)."""

from __future__ import annotations

import time
from typing import Any

from slack_emulator import rules
from slack_emulator.state import Message, Workspace
from slack_emulator.webapi import MAX_VIEW_BLOCKS, ApiError, _channel, _obey, method

TRIGGER_LIFETIME = 3.0


def _check_view(ws: Workspace, view: dict[str, Any] | None) -> dict[str, Any]:
    if not isinstance(view, dict) or view.get("type") not in ("modal", "home"):
        raise ApiError("invalid_arguments")
    if len(view.get("blocks") or []) > MAX_VIEW_BLOCKS:
        raise ApiError("invalid_blocks")
    title = (view.get("title") or {}).get("text", "")
    if view["type"] == "modal" and not 0 < len(title) <= 24:
        raise ApiError("invalid_arguments")
    scopes = ws.scopes if ws.scopes is not None else rules.manifest_scopes()
    _obey(rules.check_view, view, scopes)
    return view


def _store_view(ws: Workspace, view: dict[str, Any], user: str, view_id: str) -> dict[str, Any]:
    stored = dict(
        view,
        id=view_id,
        team_id=ws.team_id,
        hash=f"{time.time():.6f}",
        state={"values": {}},
        user=user,
    )
    with ws.lock:
        ws.views[view_id] = stored
    return stored


@method("views.open")
def views_open(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    trigger = ws.triggers.pop(params.get("trigger_id", ""), None)
    if trigger is None:
        raise ApiError("invalid_trigger_id")
    user, issued_at = trigger
    if time.time() - issued_at > TRIGGER_LIFETIME:
        raise ApiError("expired_trigger_id")
    view = _check_view(ws, params.get("view"))
    stored = _store_view(ws, view, user, ws.new_id("V"))
    for listener in ws.view_listeners:
        listener(user, stored["id"])
    return {"view": stored}


@method("views.update")
def views_update(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    old = ws.views.get(params.get("view_id") or "")
    if old is None:
        raise ApiError("not_found")
    view = _check_view(ws, params.get("view"))
    return {"view": _store_view(ws, view, old["user"], old["id"])}


@method("views.push")
def views_push(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    trigger = ws.triggers.pop(params.get("trigger_id", ""), None)
    if trigger is None:
        raise ApiError("invalid_trigger_id")
    view = _check_view(ws, params.get("view"))
    return {"view": _store_view(ws, view, trigger[0], ws.new_id("V"))}


@method("views.publish")
def views_publish(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    user = params.get("user_id") or ""
    if user not in ws.users:
        raise ApiError("user_not_found")
    view = _check_view(ws, params.get("view"))
    with ws.lock:
        ws.home[user] = dict(view, id=f"VH{user}")
    return {"view": ws.home[user]}


@method("files.getUploadURLExternal")
def files_get_upload_url(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    file_id = ws.new_id("F")
    with ws.lock:
        ws.files[file_id] = {
            "id": file_id,
            "name": params.get("filename"),
            "content": None,
            "length": int(params.get("length") or 0),
        }
    return {"file_id": file_id, "upload_url": f"{ws.base_url}upload/{file_id}"}


@method("files.completeUploadExternal")
def files_complete_upload(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    done = []
    for entry in params.get("files") or []:
        file = ws.files.get(entry.get("id", ""))
        if file is None or file["content"] is None:
            raise ApiError("file_not_found")
        file["title"] = entry.get("title") or file["name"]
        done.append({k: v for k, v in file.items() if k != "content"})
    channel_id = params.get("channel_id")
    if channel_id:
        channel = _channel(ws, channel_id)
        _obey(rules.check_post, ws.channels[channel], ws.bot_user_id)
        message = Message(
            channel,
            ws.new_ts(),
            params.get("initial_comment") or "",
            [],
            ws.bot_user_id,
            params.get("thread_ts"),
            files=done,
        )
        with ws.lock:
            ws.messages.append(message)
    return {"files": done}
