"""Slack's Block Kit limits, checked before anything is sent or opened."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_SECTION_TEXT = 3000
MAX_FIELD_TEXT = 2000
MAX_FIELDS = 10
MAX_HEADER_TEXT = 150
MAX_MESSAGE_TEXT = 40000
MAX_PRIVATE_METADATA = 3000


class BlockLimitError(ValueError):
    """A surface breaks one of Slack's limits; Slack would reject it."""


def check_message(payload: Mapping[str, Any]) -> None:
    """Raise BlockLimitError if a chat message would be rejected by Slack."""
    blocks = list(payload.get("blocks") or [])
    if len(blocks) > MAX_MESSAGE_BLOCKS:
        raise BlockLimitError(f"{len(blocks)} blocks in a message (max {MAX_MESSAGE_BLOCKS})")
    if len(payload.get("text") or "") > MAX_MESSAGE_TEXT:
        raise BlockLimitError(f"message text over {MAX_MESSAGE_TEXT} characters")
    _check_blocks(blocks)


def check_view(view: Mapping[str, Any]) -> None:
    """Raise BlockLimitError if a modal or Home tab would be rejected by Slack."""
    blocks = list(view.get("blocks") or [])
    if len(blocks) > MAX_VIEW_BLOCKS:
        raise BlockLimitError(f"{len(blocks)} blocks in a view (max {MAX_VIEW_BLOCKS})")
    if len(view.get("private_metadata") or "") > MAX_PRIVATE_METADATA:
        raise BlockLimitError("private_metadata over 3000 characters")
    _check_blocks(blocks)
    # slack_sdk checks titles, submit/close labels and callback ids.
    try:
        View(**{k: v for k, v in view.items() if k != "blocks"}, blocks=blocks).to_dict()
    except SlackObjectFormationError as error:
        raise BlockLimitError(f"view: {error}") from error


def _check_blocks(blocks: Iterable[Mapping[str, Any]]) -> None:
    block_ids: set[str] = set()
    for index, raw in enumerate(blocks):
        block = dict(raw)
        where = f"block {index} ({block.get('type')})"
        block_id = block.get("block_id")
        if block_id is not None:
            if block_id in block_ids:
                raise BlockLimitError(f"{where}: duplicate block_id {block_id!r}")
            block_ids.add(block_id)
        _check_texts(block, where)
        _check_action_ids(block, where)
        try:
            parsed = Block.parse(block)
            if parsed is None:
                raise BlockLimitError(f"{where}: unknown block type")
            parsed.to_dict()  # slack_sdk's own validation
        except SlackObjectFormationError as error:
            raise BlockLimitError(f"{where}: {error}") from error


def _check_texts(block: Mapping[str, Any], where: str) -> None:
    text = (block.get("text") or {}).get("text", "")
    if block.get("type") == "section" and len(text) > MAX_SECTION_TEXT:
        raise BlockLimitError(f"{where}: section text over {MAX_SECTION_TEXT} characters")
    if block.get("type") == "header" and len(text) > MAX_HEADER_TEXT:
        raise BlockLimitError(f"{where}: header over {MAX_HEADER_TEXT} characters")
    fields = block.get("fields") or []
    if len(fields) > MAX_FIELDS:
        raise BlockLimitError(f"{where}: {len(fields)} fields (max {MAX_FIELDS})")
    for field in fields:
        if len(field.get("text", "")) > MAX_FIELD_TEXT:
            raise BlockLimitError(f"{where}: a field over {MAX_FIELD_TEXT} characters")


def _check_action_ids(block: Mapping[str, Any], where: str) -> None:
    elements = list(block.get("elements") or [])
    if block.get("accessory"):
        elements.append(block["accessory"])
    if block.get("element"):
        elements.append(block["element"])
    seen: set[str] = set()
    for element in elements:
        action_id = element.get("action_id") if isinstance(element, Mapping) else None
        if action_id is None:
            continue
        if action_id in seen:
            raise BlockLimitError(f"{where}: duplicate action_id {action_id!r}")
        seen.add(action_id)
