"""The emulated workspace on disk: channels, messages, threads, files and views survive a
restart of the playground (saved a moment after each change, and on stop)."""

from __future__ import annotations

import base64
import itertools
import json
import os
import threading
from dataclasses import asdict
from pathlib import Path
from typing import Any

from slack_emulator.state import Channel, Ephemeral, Message, User, Workspace

VERSION = 1


def dump(ws: Workspace) -> dict[str, Any]:
    """The workspace as JSON-ready data."""
    with ws.lock:
        return {
            "version": VERSION,
            "team_id": ws.team_id,
            "bot_user_id": ws.bot_user_id,
            "next_id": _peek(ws),
            "last_ts": ws._last_ts,
            "users": [asdict(u) for u in ws.users.values()],
            "channels": [{**asdict(c), "members": sorted(c.members)} for c in ws.channels.values()],
            "messages": [asdict(m) for m in ws.messages],
            "ephemerals": [asdict(e) for e in ws.ephemerals],
            "views": ws.views,
            "home": ws.home,
            "files": {k: _file_out(f) for k, f in ws.files.items()},
        }


def load(ws: Workspace, data: dict[str, Any]) -> None:
    """Put saved data back into an empty workspace."""
    with ws.lock:
        ws.users = {u["id"]: User(**u) for u in data["users"]}
        ws.channels = {
            c["id"]: Channel(**{**c, "members": set(c["members"])}) for c in data["channels"]
        }
        ws.messages = [Message(**m) for m in data["messages"]]
        ws.ephemerals = [Ephemeral(**e) for e in data["ephemerals"]]
        ws.views, ws.home = data["views"], data["home"]
        ws.files = {k: _file_in(f) for k, f in data["files"].items()}
        ws._ids = itertools.count(int(data["next_id"]))
        ws._last_ts = float(data["last_ts"])


def _peek(ws: Workspace) -> int:
    # itertools.count cannot be read without taking a number: take one and put it back.
    value = next(ws._ids)
    ws._ids = itertools.count(value)
    return value


def _file_out(file: dict[str, Any]) -> dict[str, Any]:
    content = file.get("content")
    if isinstance(content, bytes):
        return {**file, "content": base64.b64encode(content).decode(), "_b64": True}
    return dict(file)


def _file_in(file: dict[str, Any]) -> dict[str, Any]:
    if file.pop("_b64", False):
        file["content"] = base64.b64decode(file["content"])
    return file


class Keeper:
    """Saves the workspace to `path` shortly after each change (one writer thread)."""

    def __init__(self, ws: Workspace, path: Path, delay: float = 0.3) -> None:
        self.ws, self.path, self.delay = ws, path, delay
        self._dirty = threading.Event()
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="slack-keeper", daemon=True)
        self._thread.start()

    @staticmethod
    def restore(ws: Workspace, path: Path) -> bool:
        """Load `path` into `ws` if it holds a saved workspace; whether it did."""
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError):
            return False
        if data.get("version") != VERSION or data.get("team_id") != ws.team_id:
            return False
        load(ws, data)
        return True

    def changed(self) -> None:
        """Something changed: save soon."""
        self._dirty.set()

    def save(self) -> None:
        """Write now (atomically: a crash mid-write keeps the previous file)."""
        data = json.dumps(dump(self.ws))
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(data)
        os.replace(temporary, self.path)

    def stop(self) -> None:
        """Save what is pending and stop the writer."""
        self._stopped.set()
        self._dirty.set()
        self._thread.join(timeout=5)
        self.save()

    def _run(self) -> None:
        while not self._stopped.is_set():
            self._dirty.wait()
            if self._stopped.is_set():
                return
            self._stopped.wait(self.delay)  # gather a burst of changes into one write
            self._dirty.clear()
            self.save()
