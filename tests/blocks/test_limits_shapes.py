"""Outside tests slack_sdk parses each block shape once: it refuses what a full parse does."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.blocks import limits

# Lengths on both sides of every limit slack_sdk and Slack put on these texts.
LENGTHS = st.sampled_from([0, 1, 24, 25, 75, 76, 150, 151, 255, 256, 2000, 2001, 3000, 3001])


def _text(kind: str, length: int) -> dict[str, Any]:
    return {"type": kind, "text": "x" * length}


@st.composite
def blocks(draw: st.DrawFn) -> dict[str, Any]:
    """A section, header, context or actions block with texts of drawn lengths."""
    kind = draw(st.sampled_from(["section", "header", "context", "actions"]))
    if kind == "section":
        return {"type": "section", "text": _text("mrkdwn", draw(LENGTHS))}
    if kind == "header":
        return {"type": "header", "text": _text("plain_text", draw(LENGTHS))}
    if kind == "context":
        return {"type": "context", "elements": [_text("mrkdwn", draw(LENGTHS))]}
    button = {
        "type": "button",
        "action_id": "x" * max(1, draw(LENGTHS)),
        "text": _text("plain_text", draw(LENGTHS)),
    }
    if draw(st.booleans()):
        button["style"] = draw(st.sampled_from(["primary", "danger", "loud"]))
    return {"type": "actions", "elements": [button]}


def _refusal(message: dict[str, Any]) -> str | None:
    try:
        limits.check_message(message)
    except limits.BlockLimitError as error:
        return str(error)
    return None


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(blocks(), min_size=1, max_size=3), min_size=1, max_size=6))
def test_cached_shapes_refuse_what_a_full_parse_refuses(
    messages: list[list[dict[str, Any]]],
) -> None:
    """A run of messages is refused message by message exactly as parsing every block would."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(limits, "_parsed_shapes", set())
        patch.setattr(limits, "STRICT", True)
        full = [_refusal({"text": "x", "blocks": m}) is None for m in messages]
        patch.setattr(limits, "STRICT", False)
        cached = [_refusal({"text": "x", "blocks": m}) is None for m in messages]
    assert cached == full


def test_a_long_button_label_is_refused_after_a_short_one_passed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A button whose label is past 75 characters is refused though a short one was parsed."""
    monkeypatch.setattr(limits, "STRICT", False)
    monkeypatch.setattr(limits, "_parsed_shapes", set())

    def button(label: str) -> dict[str, Any]:
        element = {"type": "button", "action_id": "go", "text": _text("plain_text", 0)}
        element["text"]["text"] = label
        return {"text": "x", "blocks": [{"type": "actions", "elements": [element]}]}

    limits.check_message(button("Go"))
    limits.check_message(button("Go again"))  # same shape: not parsed again
    with pytest.raises(limits.BlockLimitError, match="75"):
        limits.check_message(button("G" * 76))
