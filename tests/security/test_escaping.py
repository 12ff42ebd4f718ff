"""User text reaches Slack escaped exactly once: it shows as typed and never pings."""

from __future__ import annotations

from tests.conftest import Crew
from tests.handlers.callsheet_helpers import compose, publish
from tests.harness import Running

TYPED = "<!channel> Rosa's & Sons &lt;back lot&gt;"


def _as_slack_shows(mrkdwn: str) -> str:
    """What a person reads: Slack decodes &amp; &lt; &gt; once."""
    return mrkdwn.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def test_the_revision_summary_escapes_the_location_once(running: Running, crew: Crew) -> None:
    compose(running, crew)
    publish(running, crew)
    compose(running, crew, location_name=TYPED)
    publish(running, crew)
    ws = running.emulator.workspace
    (note,) = [
        m for m in ws.channel_messages(crew.crew_channel, threads=True) if "Revision 2" in m.text
    ]
    assert "<!channel>" not in note.text and "<" not in note.text
    assert f"Location: Rosa's Diner → {TYPED}" in _as_slack_shows(note.text)


def _slack_escapes(typed: str) -> str:
    """What Slack sends for text a person typed in the message box."""
    return typed.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_typed_text_shows_as_typed(running: Running, crew: Crew) -> None:
    for typed, shown in (
        ("12 gaffer tape <2in> at B&H", "#1 $12.00 gaffer tape <2in> at B&H"),
        ("13 gels &lt;full CTO&gt; at Rosco", "#2 $13.00 gels &lt;full CTO&gt; at Rosco"),
    ):
        sent = _slack_escapes(typed)
        reply = running.slack.command(crew.grip, "/expense", sent, channel=crew.crew_channel)
        mrkdwn = reply.json()["blocks"][0]["text"]["text"]
        assert shown in _as_slack_shows(mrkdwn), mrkdwn
        assert "&amp;amp;" not in mrkdwn and "<" not in mrkdwn


def test_a_refusal_that_quotes_what_was_typed_cannot_ping(running: Running, crew: Crew) -> None:
    """`/gear in <!channel>` is refused quoting the item, and the quote pings nobody."""
    said = running.slack.command(crew.grip, "/gear", "in <!channel> <@U0BOSS> stand").json()
    assert "in the gear list" in said["text"]
    assert "<!channel>" not in said["text"] and "<@U0BOSS>" not in said["text"]
    assert "&lt;!channel&gt;" in said["text"]  # shown as typed, once escaped
