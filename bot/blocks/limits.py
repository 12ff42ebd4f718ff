"""Slack's Block Kit limits, checked before anything is sent or opened."""

from __future__ import annotations

import bisect
import os
import sys
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

# slack_sdk's own parse of a block costs ~0.1 ms, ~0.3-0.5 ms a reply. What it checks beyond
# the checks here (counts, lengths, duplicate ids: run every time) depends on a block's shape:
# its fields, kinds and which length limits its texts are past. So outside the tests each
# shape goes through slack_sdk once per process; the tests (and SLATE_STRICT_BLOCKS=1) parse
# every block.
STRICT = os.environ.get("SLATE_STRICT_BLOCKS", "1" if "pytest" in sys.modules else "0") == "1"
_KINDS = frozenset({"type", "style"})  # keys whose string value is part of a block's shape
_LENGTHS = (1, 25, 76, 151, 256, 2001, 3001)  # past each, some slack_sdk limit is broken
_parsed_shapes: set[Any] = set()


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


def check_blocks(blocks: list[Mapping[str, Any]]) -> None:
    """Raise BlockLimitError if these blocks, as part of a message, would be rejected."""
    if len(blocks) > MAX_MESSAGE_BLOCKS:
        raise BlockLimitError(f"{len(blocks)} blocks in a message (max {MAX_MESSAGE_BLOCKS})")
    _check_blocks(blocks)


def check_texts(blocks: list[Mapping[str, Any]]) -> None:
    """The length and id checks alone, for blocks a builder makes in a shape the tests parse."""
    for index, block in enumerate(blocks):
        where = f"block {index} ({block.get('type')})"
        _check_texts(block, where)
        _check_action_ids(block, where)


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
        shape = None if STRICT else _shape(block)
        if shape in _parsed_shapes:
            continue
        try:
            parsed = Block.parse(block)
            if parsed is None:
                raise BlockLimitError(f"{where}: unknown block type")
            parsed.to_dict()  # slack_sdk's own validation
        except SlackObjectFormationError as error:
            raise BlockLimitError(f"{where}: {error}") from error
        if shape is not None and len(_parsed_shapes) < 4096:  # bounded: shapes are the builders'
            _parsed_shapes.add(shape)


def _shape(part: Any, key: str = "") -> Any:
    """A block with each text reduced to which of slack_sdk's length limits it is past."""
    if isinstance(part, Mapping):
        return tuple(sorted((k, _shape(v, k)) for k, v in part.items()))
    if isinstance(part, list | tuple):
        return tuple(_shape(v) for v in part)
    if isinstance(part, str):
        return part if key in _KINDS else bisect.bisect_left(_LENGTHS, len(part))
    return type(part).__name__


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
