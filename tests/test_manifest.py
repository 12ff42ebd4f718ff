"""app_manifest.yml and the code agree both ways, and every Web API call has its scope."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = yaml.safe_load((ROOT / "app_manifest.yml").read_text())
CODE = "\n".join(p.read_text() for p in (ROOT / "bot").rglob("*.py"))

# The scopes each Web API method needs (docs.slack.dev/reference/methods).
METHOD_SCOPES: dict[str, set[str]] = {
    "auth.test": set(),
    "chat.postMessage": {"chat:write"},
    "chat.update": {"chat:write"},
    "chat.delete": {"chat:write"},
    "chat.postEphemeral": {"chat:write"},
    "views.open": set(),
    "views.update": set(),
    "views.push": set(),
    "views.publish": set(),
    "users.info": {"users:read"},
    "users.lookupByEmail": {"users:read.email"},
    "conversations.open": {"im:write"},
    # Setup checks Slate is in each private channel it is given.
    "conversations.info": {"channels:read", "groups:read"},
    # The outbox reads DMs and channels to find a post it may already have made.
    "conversations.history": {"im:history", "channels:history", "groups:history"},
    "files.upload": {"files:write"},  # the outbox's name for the upload v2 calls
    "files.getUploadURLExternal": {"files:write"},
    "files.completeUploadExternal": {"files:write"},
}
# Block Kit elements that need a scope of their own (docs.slack.dev/reference/block-kit):
# a file_input's uploads reach the app only with files:read.
ELEMENT_SCOPES: dict[str, set[str]] = {"file_input": {"files:read"}}
FAMILIES = "chat|views|users|conversations|files|reactions|pins|team|auth|usergroups|bookmarks"


def _methods_in_code() -> set[str]:
    quoted = set(re.findall(rf'"((?:{FAMILIES})\.[A-Za-z.]+)"', CODE))
    called = {
        f"{family}.{name}"
        for family, name in re.findall(rf"client\.({FAMILIES})_([A-Za-z0-9_]+)\(", CODE)
    }
    if "files.upload_v2" in called:
        called.discard("files.upload_v2")
        called |= {"files.getUploadURLExternal", "files.completeUploadExternal"}
    return quoted | called


def _listeners(kind: str) -> set[str]:
    found = set(re.findall(rf'app\.{kind}\("([^"]+)"\)', CODE))
    if kind == "event":
        found |= {f"message.{t}" for t in re.findall(r'"channel_type": "(\w+)"', CODE)}
    return found


def test_commands_agree_both_ways() -> None:
    declared = {c["command"] for c in MANIFEST["features"].get("slash_commands", [])}
    assert declared == _listeners("command")


def test_shortcuts_agree_both_ways() -> None:
    declared = {s["callback_id"] for s in MANIFEST["features"].get("shortcuts", [])}
    assert declared == _listeners("shortcut")


def test_events_agree_both_ways() -> None:
    declared = set(MANIFEST["settings"]["event_subscriptions"]["bot_events"])
    assert declared == _listeners("event")


def test_every_web_api_method_is_covered_by_a_scope() -> None:
    scopes = set(MANIFEST["oauth_config"]["scopes"]["bot"])
    used = _methods_in_code()
    unknown = used - METHOD_SCOPES.keys()
    assert not unknown, f"add the scopes of {sorted(unknown)} to METHOD_SCOPES"
    missing = {m: METHOD_SCOPES[m] - scopes for m in used if METHOD_SCOPES[m] - scopes}
    assert not missing, f"the manifest lacks scopes: {missing}"
    assert "commands" in scopes
    assert {"chat.postMessage", "views.open"} <= used  # the scan itself works


def test_every_block_kit_element_is_covered_by_a_scope() -> None:
    scopes = set(MANIFEST["oauth_config"]["scopes"]["bot"])
    used = set(re.findall(r'"type": "(\w+)"', CODE))
    assert "file_input" in used  # the scan itself works
    missing = {e: ELEMENT_SCOPES[e] - scopes for e in used & ELEMENT_SCOPES.keys()}
    assert not any(missing.values()), f"the manifest lacks scopes: {missing}"


def test_external_selects_have_an_options_load_url() -> None:
    """Slack sends block_suggestion only to an app with an options load URL (HTTP mode)."""
    external = set(re.findall(r'"type": "(external_select|multi_external_select)"', CODE))
    listens = "app.options(" in CODE
    assert external and listens  # the scan itself works
    url = MANIFEST["settings"]["interactivity"].get("message_menu_options_url", "")
    assert url.endswith("/slack/events")


def test_app_settings_match_how_slate_runs() -> None:
    settings = MANIFEST["settings"]
    assert settings["socket_mode_enabled"] is True
    assert settings["interactivity"]["is_enabled"] is True
    assert MANIFEST["features"]["app_home"]["home_tab_enabled"] is True
    assert len(MANIFEST["display_information"]["name"]) <= 35
    assert len(MANIFEST["display_information"]["description"]) <= 140
