"""What Slack does to a slash command's text: with `should_escape: true` in the app's
manifest, a typed `@name` arrives as `<@U…|name>` and `#channel` as `<#C…|channel>`."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import yaml

from slack_emulator.state import Workspace

MANIFEST = Path(__file__).resolve().parent.parent / "app_manifest.yml"
_MENTION = re.compile(r"(?<![<\w])([@#])([a-z0-9][a-z0-9._-]*)", re.IGNORECASE)


@functools.cache
def manifest(path: Path = MANIFEST) -> dict[str, Any]:
    """The app's manifest (empty when there is none beside the emulator)."""
    try:
        return yaml.safe_load(path.read_text()) or {}
    except OSError:
        return {}


def escaped_commands(path: Path = MANIFEST) -> frozenset[str]:
    """The slash commands declared with should_escape: true."""
    commands = (manifest(path).get("features") or {}).get("slash_commands") or []
    return frozenset(c["command"] for c in commands if c.get("should_escape"))


def message_shortcuts(path: Path = MANIFEST) -> list[dict[str, str]]:
    """The app's message shortcuts (name and callback_id), for a message's "⋯" menu."""
    shortcuts = (manifest(path).get("features") or {}).get("shortcuts") or []
    return [
        {"name": s["name"], "callback_id": s["callback_id"]}
        for s in shortcuts
        if s.get("type") == "message"
    ]


def escape(ws: Workspace, text: str) -> str:
    """Turn @user and #channel names that exist into Slack's escaped mentions."""

    def swap(match: re.Match[str]) -> str:
        sigil, name = match.group(1), match.group(2)
        with ws.lock:
            if sigil == "@":
                user = next(
                    (
                        u
                        for u in ws.users.values()
                        if name.lower() in (u.name.lower(), u.id.lower())
                    ),
                    None,
                )
                return f"<@{user.id}|{user.name}>" if user else match.group(0)
            channel = next(
                (c for c in ws.channels.values() if not c.is_im and c.name == name.lower()), None
            )
            return f"<#{channel.id}|{channel.name}>" if channel else match.group(0)

    return _MENTION.sub(swap, text)
