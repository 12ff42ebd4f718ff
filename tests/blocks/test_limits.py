"""Slack's limits, including those slack_sdk does not check."""

from __future__ import annotations

import pytest

from bot.blocks.common import section
from bot.blocks.limits import BlockLimitError, check_message, check_view


def _modal(blocks: list[dict]) -> dict:
    return {"type": "modal", "title": {"type": "plain_text", "text": "Expense"}, "blocks": blocks}


@pytest.mark.parametrize(
    ("payload", "problem"),
    [
        ({"text": "x", "blocks": [section("x")] * 51}, "51 blocks"),
        (
            {
                "text": "x",
                "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}],
            },
            "3000",
        ),
        (
            {
                "text": "x",
                "blocks": [{"type": "section", "fields": [{"type": "mrkdwn", "text": "y" * 2001}]}],
            },
            "2000",
        ),
        ({"text": "x", "blocks": [section("a", "dup"), section("b", "dup")]}, "duplicate block_id"),
        (
            {
                "text": "x",
                "blocks": [
                    {
                        "type": "actions",
                        "elements": [
                            {
                                "type": "button",
                                "text": {"type": "plain_text", "text": "A"},
                                "action_id": "go",
                            },
                            {
                                "type": "button",
                                "text": {"type": "plain_text", "text": "B"},
                                "action_id": "go",
                            },
                        ],
                    }
                ],
            },
            "duplicate action_id",
        ),
        (
            {
                "text": "x",
                "blocks": [{"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}],
            },
            "150",
        ),
        ({"text": "x", "blocks": [{"type": "nonsense"}]}, "unknown block type"),
        ({"text": "x" * 40001}, "40000"),
    ],
)
def test_messages_slack_would_reject(payload: dict, problem: str) -> None:
    with pytest.raises(BlockLimitError, match=problem):
        check_message(payload)


def test_fifty_blocks_is_fine() -> None:
    check_message({"text": "x", "blocks": [section(str(i)) for i in range(50)]})


def test_views() -> None:
    check_view(_modal([section(str(i)) for i in range(100)]))
    with pytest.raises(BlockLimitError, match="101 blocks"):
        check_view(_modal([section(str(i)) for i in range(101)]))
    with pytest.raises(BlockLimitError, match="title"):
        check_view(dict(_modal([section("x")]), title={"type": "plain_text", "text": "t" * 25}))
    with pytest.raises(BlockLimitError, match="private_metadata"):
        check_view(dict(_modal([section("x")]), private_metadata="m" * 3001))
