"""The playground's web endpoints: the page, the workspace as JSON, and what people do."""

from __future__ import annotations

import json
import threading
from importlib import resources
from typing import Any

from slack_emulator import escaping
from slack_emulator.server import SlackEmulator
from slack_emulator.slack_side import SlackSide
from slack_emulator.state import Ephemeral, Message

MIME = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "heic": "image/heic",
    "gif": "image/gif",
    "pdf": "application/pdf",
    "csv": "text/csv",
}


class Playground:
    """Serves the page and turns clicks and typing into Slack's requests to the app."""

    def __init__(
        self,
        emulator: SlackEmulator,
        slack: SlackSide,
        title: str = "Slate",
        clock: Any = None,
        ready: threading.Event | None = None,
    ) -> None:
        self.emulator, self.slack, self.ws, self.title = emulator, slack, emulator.workspace, title
        # The app's time controls (state() and move(key)), when it lends them to the page.
        self.clock = clock
        self.setting_up = ""  # e.g. "Setting up the demo…": shown instead of "starting"
        # Set once the app listens: the page is served before, what people do waits for it.
        self.ready = ready or threading.Event()
        if ready is None:
            self.ready.set()
        self.modal: dict[str, str | None] = {}  # user -> open view id
        self.errors: dict[str, dict[str, str]] = {}
        emulator.ui = self
        self.ws.view_listeners.append(self.opened)

    # -- GET ------------------------------------------------------------------------------
    def page(self) -> tuple[str, bytes]:
        """The single page (no build step)."""
        html = resources.files(__package__).joinpath("page.html").read_text()
        return "text/html; charset=utf-8", html.replace("{{title}}", self.title).encode()

    def script(self) -> tuple[str, bytes]:
        """The page's script."""
        return "text/javascript", resources.files(__package__).joinpath("app.js").read_bytes()

    def state(self, user_id: str) -> dict[str, Any]:
        """Everything one person can see."""
        ws = self.ws
        with ws.lock:
            people = [
                {"id": u.id, "name": u.real_name, "title": u.title}
                for u in ws.users.values()
                if not u.is_bot
            ]
            channels = [
                {"id": c.id, "name": c.name, "is_im": c.is_im}
                for c in ws.channels.values()
                if not c.is_im or c.user == user_id
            ]
            visible = {c["id"] for c in channels}
            names = {u.id: u.real_name for u in ws.users.values()}
            messages: dict[str, list[dict[str, Any]]] = {}
            for m in ws.messages:
                if m.channel in visible:
                    messages.setdefault(m.channel, []).append(self._message(m, names))
            for e in ws.ephemerals:
                if e.user == user_id and e.channel in visible:
                    messages.setdefault(e.channel, []).append(self._ephemeral(e))
            for items in messages.values():
                items.sort(key=lambda item: float(item["ts"]))
            view_id = self.modal.get(user_id)
            modal = ws.views.get(view_id) if view_id else None
        return {
            "people": people,
            "channels": channels,
            "messages": messages,
            "home": ws.home.get(user_id),
            "modal": modal,
            "errors": self.errors.get(user_id, {}),
            "bot": ws.bot_user_id,
            "clock": self.clock.state() if self.clock is not None else None,
            # What the page says while Slate is not ready (a first start says it sets up).
            "starting": (self.setting_up or True) if not self.ready.is_set() else False,
            "shortcuts": escaping.message_shortcuts(),
        }

    @staticmethod
    def _message(m: Message, names: dict[str, str]) -> dict[str, Any]:
        return {
            "ts": m.ts,
            "channel": m.channel,
            "user": names.get(m.user, m.user),
            "user_id": m.user,
            "text": m.text,
            "blocks": m.blocks,
            "thread_ts": m.thread_ts,
            "files": [
                {"name": f.get("name"), "title": f.get("title"), "id": f["id"]} for f in m.files
            ],
            "edited": bool(m.history),
        }

    @staticmethod
    def _ephemeral(e: Ephemeral) -> dict[str, Any]:
        return {
            "ts": e.ts,
            "channel": e.channel,
            "user": "Slate (only you)",
            "text": e.text,
            "blocks": e.blocks,
            "ephemeral": True,
            "files": [],
        }

    def file(self, file_id: str) -> tuple[str, bytes]:
        """A shared file's content (charts, PDFs, CSVs)."""
        file = self.ws.files.get(file_id) or {}
        name = str(file.get("name") or "")
        kind = MIME.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")
        return kind, file.get("content") or b""

    def favicon(self) -> tuple[str, bytes]:
        """The tab's icon: a clapperboard."""
        return "image/svg+xml", resources.files(__package__).joinpath("favicon.svg").read_bytes()

    # -- POST -----------------------------------------------------------------------------
    def act(self, body: dict[str, Any]) -> dict[str, Any]:
        """Do what a person did in the page (then the workspace is saved soon)."""
        if not self.ready.wait(timeout=120):
            return {"status": 503, "error": f"{self.title} is still starting."}
        try:
            return self._act(body)
        finally:
            self.emulator.changed()

    def _act(self, body: dict[str, Any]) -> dict[str, Any]:
        user = self.ws.users[body["user"]]
        kind = body["kind"]
        if kind == "command":
            reply = self.slack.command(
                user, body["command"], body.get("text", ""), channel=body.get("channel")
            )
            return {"status": reply.status_code}
        if kind == "message":
            return self._say(user, body)
        if kind == "shortcut":
            target = self.ws.find_message(body["channel"], body["ts"])
            if target is None:
                return {"status": 404}
            reply = self.slack.message_shortcut(user, body["callback_id"], target)
            return {"status": reply.status_code}
        if kind == "clock" and self.clock is not None:
            try:
                return {"status": 200, **self.clock.move(body["move"])}
            except ValueError as error:
                return {"status": 400, "error": str(error)}
        if kind == "home":
            self.slack.open_home(user)
            return {"status": 200}
        if kind == "click":
            return self._click(user, body)
        if kind == "submit":
            return self._submit(user, body)
        if kind == "close":
            self.modal[user.id], self.errors[user.id] = None, {}
            return {"status": 200}
        if kind == "upload":
            return {"file": self._new_file(body["name"])}
        raise ValueError(f"unknown action {kind}")

    def _say(self, user: Any, body: dict[str, Any]) -> dict[str, Any]:
        """A line typed in the composer (with any attached files); in a DM the app hears it."""
        channel = self.ws.channels[body["channel"]]
        files = [
            self.ws.files[f["id"]] for f in body.get("files") or [] if f["id"] in self.ws.files
        ]
        shared = [{k: v for k, v in f.items() if k != "content"} for f in files]
        text = typed(self.ws, body.get("text", ""))
        if channel.is_im and not body.get("thread_ts"):
            self.slack.dm_app(user, text, files=shared or None)
            return {"status": 200}
        message = self.ws.post_as(user, channel.id, text)
        message.thread_ts, message.files = body.get("thread_ts"), shared
        return {"status": 200}

    def _new_file(self, name: str) -> dict[str, Any]:
        """A file the page is about to upload (POST /upload/<id>); Slate may download it."""
        file_id = self.ws.new_id("F")
        kind = name.rsplit(".", 1)[-1].lower() if "." in name else "binary"
        file = {
            "id": file_id,
            "name": name,
            "title": name,
            "filetype": kind,
            "mimetype": MIME.get(kind, "application/octet-stream"),
            "url_private": f"{self.ws.base_url}files/{file_id}",
            "url_private_download": f"{self.ws.base_url}files/{file_id}",
            "content": b"",
        }
        with self.ws.lock:
            self.ws.files[file_id] = file
        return {k: v for k, v in file.items() if k != "content"}

    def _click(self, user: Any, body: dict[str, Any]) -> dict[str, Any]:
        if body.get("view_id"):
            view = self.ws.views.get(body["view_id"]) or self.ws.home.get(user.id) or {}
            reply = self.slack.click(user, body["action_id"], view=view, value=body.get("value"))
        else:
            target = next(
                (
                    m
                    for m in [*self.ws.messages, *self.ws.ephemerals]
                    if m.ts == body["ts"] and m.channel == body["channel"]
                ),
                None,
            )
            if target is None:
                return {"status": 404}
            reply = self.slack.click(
                user, body["action_id"], message=target, value=body.get("value")
            )
        return {"status": reply.status_code}

    def _submit(self, user: Any, body: dict[str, Any]) -> dict[str, Any]:
        view = self.ws.views[body["view_id"]]
        try:
            reply = self.slack.submit(user, view, body.get("answers") or {})
        except (KeyError, ValueError) as error:
            return {"status": 400, "error": str(error)}
        answer = json.loads(reply.content) if reply.content else {}
        if answer.get("response_action") == "errors":
            self.errors[user.id] = answer.get("errors", {})
            return {"status": 200, "errors": self.errors[user.id]}
        self.modal[user.id], self.errors[user.id] = None, {}
        return {"status": reply.status_code}

    def opened(self, user_id: str, view_id: str) -> None:
        """views.open: show this modal to the person."""
        self.modal[user_id], self.errors[user_id] = view_id, {}


def typed(ws: Any, text: str) -> str:
    """A composer line as Slack's client sends it: `&`, `<` and `>` escaped (typing `<!channel>`
    pings nobody) and `@name` / `#channel` that exist turned into mentions."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaping.escape(ws, text)
