"""The emulated workspace: users, channels, DMs, messages, views and files."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class User:
    """A workspace member."""

    id: str
    name: str
    real_name: str
    email: str | None = None
    phone: str = ""
    tz: str = "America/Los_Angeles"
    is_bot: bool = False
    is_admin: bool = False
    title: str = ""

    def to_api(self) -> dict[str, Any]:
        """The user as users.info returns it."""
        return {
            "id": self.id,
            "name": self.name,
            "real_name": self.real_name,
            "tz": self.tz,
            "is_bot": self.is_bot,
            "is_admin": self.is_admin,
            "deleted": False,
            "profile": {
                "real_name": self.real_name,
                "display_name": self.name,
                "email": self.email,
                "phone": self.phone,
            },
        }


@dataclass
class Channel:
    """A channel, or a DM (is_im) with one user."""

    id: str
    name: str
    is_im: bool = False
    user: str | None = None
    members: set[str] = field(default_factory=set)
    is_private: bool = False  # the bot posts here only once invited (slack_emulator/rules.py)


@dataclass
class Message:
    """A posted message; `history` keeps each earlier version after chat.update."""

    channel: str
    ts: str
    text: str
    blocks: list[dict[str, Any]]
    user: str
    thread_ts: str | None = None
    metadata: dict[str, Any] | None = None
    files: list[dict[str, Any]] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)

    def to_api(self, with_metadata: bool = False) -> dict[str, Any]:
        """The message as conversations.history returns it."""
        data: dict[str, Any] = {
            "type": "message",
            "ts": self.ts,
            "user": self.user,
            "text": self.text,
            "blocks": self.blocks,
        }
        if self.thread_ts:
            data["thread_ts"] = self.thread_ts
        if self.files:
            data["files"] = self.files
        if with_metadata and self.metadata:
            data["metadata"] = self.metadata
        if self.history:
            data["edited"] = {"ts": self.ts}
        return data


@dataclass
class Ephemeral:
    """A message only one user sees."""

    channel: str
    user: str
    text: str
    blocks: list[dict[str, Any]]
    ts: str


@dataclass
class Call:
    """One Web API request as the emulator received it."""

    method: str
    params: dict[str, Any]
    token: str | None
    at: float
    ok: bool = True
    error: str | None = None
    status: int = 200


class Workspace:
    """All state, behind one lock."""

    def __init__(self, team_id: str = "T0SLATE", bot_user_id: str = "UBOTSLATE") -> None:
        self.team_id = team_id
        self.bot_user_id = bot_user_id
        self.enterprise_id: str | None = None  # an Enterprise Grid org's workspace
        self.org_wide = False  # Slate installed for the whole org (is_enterprise_install)
        self.lock = threading.RLock()
        self.users: dict[str, User] = {}
        self.channels: dict[str, Channel] = {}
        self.messages: list[Message] = []
        self.ephemerals: list[Ephemeral] = []
        self.views: dict[str, dict[str, Any]] = {}
        self.home: dict[str, dict[str, Any]] = {}
        self.files: dict[str, dict[str, Any]] = {}
        self.scopes: set[str] | None = None  # None: the bot scopes in app_manifest.yml
        # trigger_id -> (user, issued at): views.open honours Slack's 3 s lifetime.
        self.triggers: dict[str, tuple[str, float]] = {}
        self.base_url = ""
        # Called with (user id, view id) when a modal opens (the playground shows it).
        self.view_listeners: list[Any] = []
        self._ids = itertools.count(1)
        self._last_ts = 0.0
        # Where message timestamps come from: the playground follows Slate's movable clock.
        self.clock: Callable[[], float] = time.time
        self.users[bot_user_id] = User(bot_user_id, "slate", "Slate", is_bot=True)

    def new_id(self, prefix: str) -> str:
        """A fresh Slack-looking id such as C000123."""
        return f"{prefix}{next(self._ids):07d}"

    def new_ts(self) -> str:
        """A strictly increasing message ts."""
        with self.lock:
            self._last_ts = max(self.clock(), self._last_ts + 0.000001)
            return f"{self._last_ts:.6f}"

    def add_user(self, name: str, email: str | None = None, **extra: Any) -> User:
        """Create a member of the workspace."""
        with self.lock:
            user = User(self.new_id("U"), name, extra.pop("real_name", name), email, **extra)
            self.users[user.id] = user
            return user

    def add_file(self, name: str, content: bytes, mimetype: str = "application/pdf") -> dict:
        """A file a person uploaded: what Slack puts in events and forms (bytes left out)."""
        file_id = self.new_id("F")
        url = f"{self.base_url}files/{file_id}"
        file = {
            "id": file_id,
            "name": name,
            "title": name,
            "filetype": name.rsplit(".", 1)[-1].lower() if "." in name else "binary",
            "mimetype": mimetype,
            "url_private": url,
            "url_private_download": url,
        }
        with self.lock:
            self.files[file_id] = {**file, "content": content}
        return file

    def add_channel(
        self, name: str, members: list[str] | None = None, *, private: bool = False
    ) -> Channel:
        """Create a public channel, or a private one only its members (maybe the bot) see."""
        with self.lock:
            channel = Channel(self.new_id("C"), name, members=set(members or []))
            channel.is_private = private
            self.channels[channel.id] = channel
            return channel

    def open_im(self, user_id: str) -> Channel:
        """The DM between the bot and `user_id`, created on first use."""
        with self.lock:
            for channel in self.channels.values():
                if channel.is_im and channel.user == user_id:
                    return channel
            channel = Channel(self.new_id("D"), user_id, is_im=True, user=user_id)
            self.channels[channel.id] = channel
            return channel

    def post_as(self, user: User, channel_id: str, text: str) -> Message:
        """A person says something in a channel (for shortcuts and events to point at)."""
        message = Message(channel_id, self.new_ts(), text, [], user.id)
        with self.lock:
            self.messages.append(message)
        return message

    def channel_messages(self, channel_id: str, *, threads: bool = False) -> list[Message]:
        """A channel's messages, oldest first; top-level only unless `threads`."""
        with self.lock:
            return [
                m
                for m in self.messages
                if m.channel == channel_id and (threads or not m.thread_ts or m.thread_ts == m.ts)
            ]

    def dm_messages(self, user_id: str) -> list[Message]:
        """What the bot has said to `user_id` in their DM (not what they typed)."""
        return [
            m
            for m in self.channel_messages(self.open_im(user_id).id, threads=True)
            if m.user != user_id
        ]

    def find_message(self, channel_id: str, ts: str) -> Message | None:
        """The message at `ts` in a channel."""
        with self.lock:
            for message in self.messages:
                if message.channel == channel_id and message.ts == ts:
                    return message
        return None
