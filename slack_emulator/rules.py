"""Slack's rules the emulator enforces, so a test fails where real Slack would refuse.

- Selects: at most 100 options (or option groups, each of at most 100; checkboxes and radio
  buttons 10, overflow menus 5); option text at most
  75 characters and value at most 150; a static select's `initial_option` must be one of its
  options (Slack compares text and value). Views answer `invalid_arguments`, messages
  `invalid_blocks`, as Slack does.
- `file_input` in a view needs the app's `files:read` scope.
- Posting to a private channel needs the bot to be a member (`channel_not_found`); public
  channels take posts without membership because Slate has `chat:write.public`.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

MAX_OPTIONS = 100
MAX_OPTION_TEXT = 75
MAX_OPTION_VALUE = 150
STATIC_SELECTS = ("static_select", "multi_static_select")
OPTION_ELEMENTS = (*STATIC_SELECTS, "radio_buttons", "checkboxes", "overflow")
# Fewer than 100 for some elements (Block Kit reference: checkboxes, radio buttons, overflow).
FEWER = {"checkboxes": 10, "radio_buttons": 10, "overflow": 5}
MANIFEST = Path(__file__).resolve().parent.parent / "app_manifest.yml"


class Refused(Exception):
    """A rule broken: the Web API answers {"ok": false, "error": code}."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@lru_cache(maxsize=1)
def manifest_scopes() -> frozenset[str]:
    """The bot scopes app_manifest.yml asks for (the app the emulator stands in for)."""
    try:
        import yaml

        manifest = yaml.safe_load(MANIFEST.read_text())
        return frozenset(manifest["oauth_config"]["scopes"]["bot"])
    except (OSError, KeyError, TypeError, ImportError):
        return frozenset()


def elements(blocks: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every interactive element of a list of blocks."""
    for block in blocks or []:
        if not isinstance(block, dict):
            continue
        candidates = list(block.get("elements") or [])
        for key in ("accessory", "element"):
            if isinstance(block.get(key), dict):
                candidates.append(block[key])
        yield from (e for e in candidates if isinstance(e, dict))


def check_blocks(blocks: list[dict[str, Any]], error: str) -> None:
    """Refuse selects Slack would refuse, answering `error`."""
    for element in elements(blocks):
        if element.get("type") in (*OPTION_ELEMENTS, "external_select") and not _options_fit(
            element
        ):
            raise Refused(error)


def check_view(view: dict[str, Any], scopes: set[str] | frozenset[str]) -> None:
    """Refuse a view Slack would refuse: bad selects, or a file_input without files:read."""
    blocks = view.get("blocks") or []
    check_blocks(blocks, "invalid_arguments")
    if any(e.get("type") == "file_input" for e in elements(blocks)) and "files:read" not in scopes:
        raise Refused("invalid_arguments")


def _options_fit(element: dict[str, Any]) -> bool:
    options = list(element.get("options") or [])
    groups = element.get("option_groups") or []
    most = FEWER.get(element.get("type", ""), MAX_OPTIONS)
    if len(options) > most or len(groups) > MAX_OPTIONS:
        return False
    for group in groups:
        inner = group.get("options") or []
        if len(inner) > MAX_OPTIONS:
            return False
        options += inner
    if not all(_option_fits(o) for o in options):
        return False
    initial = element.get("initial_option")
    if initial is not None:
        if not _option_fits(initial):
            return False
        # An external select's initial option is whatever the app says; a static one must
        # be among its own options.
        if element.get("type") in STATIC_SELECTS and not any(_same(initial, o) for o in options):
            return False
    for picked in element.get("initial_options") or []:
        if element.get("type") != "multi_external_select" and not any(
            _same(picked, o) for o in options
        ):
            return False
    return True


def _option_fits(option: Any) -> bool:
    if not isinstance(option, dict):
        return False
    text = (option.get("text") or {}).get("text", "")
    value = option.get("value")
    return (
        isinstance(text, str)
        and 0 < len(text) <= MAX_OPTION_TEXT
        and (value is None or (isinstance(value, str) and len(value) <= MAX_OPTION_VALUE))
    )


def _same(one: dict[str, Any], other: dict[str, Any]) -> bool:
    def key(option: dict[str, Any]) -> tuple[Any, Any]:
        return (option.get("text") or {}).get("text"), option.get("value")

    return key(one) == key(other)


def check_post(channel: Any, bot_user_id: str) -> None:
    """A private channel takes the bot's posts only once the bot is in it; until then Slack
    does not admit it exists (`channel_not_found`)."""
    if getattr(channel, "is_private", False) and bot_user_id not in channel.members:
        raise Refused("channel_not_found")


def check_suggestions(answer: dict[str, Any]) -> None:
    """What an app answers a block_suggestion with: at most 100 options that fit."""
    options = answer.get("options")
    groups = answer.get("option_groups")
    element = {"type": "external_select", "options": options or [], "option_groups": groups}
    if not _options_fit(element):
        raise Refused("invalid_options")
