"""What Slack does that the emulator must do too: escaped mentions, your own DM lines."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from slack_emulator import escaping
from slack_emulator.playground.ui import typed
from slack_emulator.state import Workspace
from tests.conftest import Crew
from tests.harness import Running


def test_at_name_in_an_escaped_command_reaches_slate_as_a_mention(
    running: Running, crew: Crew
) -> None:
    # /assign is declared should_escape: true, so "@pat" arrives as <@U…|pat>, as from Slack.
    reply = running.slack.command(
        crew.coordinator, "/assign", "@pat pick up the lunch order from Rosa's by 11:30"
    ).json()
    running.deliver()
    assert reply["text"].startswith("Assigned to 1 person")
    assert any(
        "lunch order" in str(m.blocks) for m in running.emulator.workspace.dm_messages(crew.pa.id)
    )


def test_escaping_follows_the_manifest() -> None:
    assert {"/assign", "/calltime", "/gear", "/pettycash"} <= escaping.escaped_commands()
    assert "/problem" not in escaping.escaped_commands()
    assert escaping.message_shortcuts() == [
        {"name": "Report a problem", "callback_id": "report_problem"}
    ]


def test_names_and_channels_become_mentions_and_strangers_stay_text() -> None:
    ws = Workspace()
    pat = ws.add_user("pat", real_name="Pat PA")
    crew = ws.add_channel("nightowl-crew")
    assert escaping.escape(ws, "@pat to #nightowl-crew, cc @nobody") == (
        f"<@{pat.id}|pat> to <#{crew.id}|nightowl-crew>, cc @nobody"
    )
    # Already escaped mentions and e-mail addresses are left alone.
    assert escaping.escape(ws, f"<@{pat.id}|pat> pat@nightowl.film") == (
        f"<@{pat.id}|pat> pat@nightowl.film"
    )


@given(st.text(alphabet=st.characters(blacklist_characters="@#")))
def test_text_without_a_sigil_is_untouched(text: str) -> None:
    ws = Workspace()
    ws.add_user("pat")
    assert escaping.escape(ws, text) == text


def test_your_own_dm_line_shows_but_is_not_the_bots(running: Running, crew: Crew) -> None:
    running.slack.dm_app(crew.grip, "what's my call?")
    running.deliver()
    ws = running.emulator.workspace
    channel = ws.open_im(crew.grip.id).id
    mine = [m for m in ws.channel_messages(channel) if m.user == crew.grip.id]
    assert [m.text for m in mine] == ["what's my call?"]
    assert all(m.user != crew.grip.id for m in ws.dm_messages(crew.grip.id))


@given(st.text(max_size=40))
def test_a_typed_line_can_never_ping_or_link(line: str) -> None:
    """Whatever is typed in the composer, Slack's client escapes it: no <!channel>, no links."""
    ws = Workspace()
    ws.add_user("pat", real_name="Pat PA")
    sent = typed(ws, line + " <!channel> <https://evil.example|x> @pat")
    assert "<!" not in sent and "<http" not in sent and "<@U" in sent
    assert sent.replace("&amp;", "").count("&") == sent.count("&lt;") + sent.count("&gt;")
