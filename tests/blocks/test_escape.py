"""User text shown in mrkdwn can never ping, mention or link."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from bot.blocks.escape import escape, from_slack

DANGEROUS = [
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<@U024BE7LH>",
    "<#C024BE7LH>",
    "<!subteam^S1>",
    "<https://evil.example|click>",
    "@channel",
    "@here",
    "@everyone",
]
fragments = st.sampled_from([*DANGEROUS, "<", ">", "&", "!", "@", "http://", "www.", " ", "a"])
user_text = st.lists(st.one_of(fragments, st.text(max_size=5)), max_size=12).map("".join)

SPECIAL = re.compile(r"<[^>]*>")
BROADCAST = re.compile(r"@(channel|here|everyone)\b", re.IGNORECASE)
LINK = re.compile(r"[a-z0-9]://|www\.", re.IGNORECASE)


@given(user_text)
def test_escaped_text_has_no_slack_markup(text: str) -> None:
    safe = escape(text)
    assert "<" not in safe and ">" not in safe
    assert not SPECIAL.search(safe)
    assert not BROADCAST.search(safe)
    assert not LINK.search(safe)


@given(user_text)
def test_escaping_keeps_what_the_person_wrote(text: str) -> None:
    shown = escape(text).replace("\u2060", "")
    shown = shown.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    assert shown == text.replace("\u2060", "")  # the joiners Slate adds are invisible


def test_examples() -> None:
    assert escape("<!channel> gen is down") == "&lt;!channel&gt; gen is down"
    assert escape("B&H") == "B&amp;H"
    assert escape(None) == ""


@given(st.text(max_size=40))
def test_text_slack_escaped_is_escaped_exactly_once(typed: str) -> None:
    sent = typed.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    shown = escape(from_slack(sent)).replace("\u2060", "")
    assert shown.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") == typed.replace(
        "\u2060", ""
    )
    assert escape(from_slack(sent)) == escape(typed)
