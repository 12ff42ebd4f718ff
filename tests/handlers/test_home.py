"""The App Home tab and DMs to the app."""

from __future__ import annotations

import json

from tests.conftest import Crew
from tests.handlers.callsheet_helpers import compose, publish
from tests.harness import Running


def test_home_tab_shows_the_production_and_role(running: Running, crew: Crew) -> None:
    assert running.slack.open_home(crew.coordinator).status_code == 200
    assert running.slack.open_home(crew.grip).status_code == 200
    running.deliver()
    home = running.emulator.workspace.home
    coordinator_home = json.dumps(home[crew.coordinator.id])
    assert "Night Owl" in coordinator_home and "/slate setup`" in coordinator_home
    assert "/slate setup`" not in json.dumps(home[crew.grip.id])


def test_a_dm_gets_help_back_and_the_bots_own_posts_are_ignored(
    running: Running, crew: Crew
) -> None:
    running.slack.dm_app(crew.grip, "hello?")
    running.deliver()
    replies = running.emulator.workspace.dm_messages(crew.grip.id)
    assert len(replies) == 1 and "/slate help" in replies[0].text
    # Slack echoes the bot's own message back as an event: no reply loop.
    bot = running.emulator.workspace.users[running.emulator.workspace.bot_user_id]
    event = {
        "type": "message",
        "channel": replies[0].channel,
        "user": bot.id,
        "bot_id": "BSLATE",
        "text": replies[0].text,
        "ts": replies[0].ts,
        "channel_type": "im",
    }
    running.slack.send_event(event)
    running.deliver()
    assert len(running.emulator.workspace.dm_messages(crew.grip.id)) == 1


def test_home_shows_next_call_days_ahead_and_tallies(running: Running, crew: Crew) -> None:
    compose(running, crew)
    compose(running, crew, "sat", general_call="7a")
    publish(running, crew)
    running.slack.open_home(crew.grip)
    running.slack.open_home(crew.coordinator)
    running.deliver()
    grip_home = json.dumps(running.emulator.workspace.home[crew.grip.id], ensure_ascii=False)
    assert "Your call Fri Jun 12: 6:00 AM" in grip_home
    assert "Sat Jun 13 — call not out yet" in grip_home
    assert "Confirmations" not in grip_home
    coordinator_home = json.dumps(
        running.emulator.workspace.home[crew.coordinator.id], ensure_ascii=False
    )
    assert "Fri Jun 12: 0/3 confirmed (revision 1)" in coordinator_home


def test_a_message_in_a_channel_gets_no_answer(running: Running, crew: Crew) -> None:
    """Bolt hands Slate every message event; only DMs to the app are Slate's to answer."""
    for channel_type, text in (("channel", "hello?"), ("group", "what's my call?")):
        running.slack.send_event(
            {
                "type": "message",
                "channel": crew.crew_channel,
                "user": crew.grip.id,
                "text": text,
                "ts": running.emulator.workspace.new_ts(),
                "channel_type": channel_type,
            }
        )
    running.deliver()
    assert running.emulator.workspace.dm_messages(crew.grip.id) == []
    assert running.emulator.calls("chat.postMessage") == []


def _ask_by_dm(running: Running, crew: Crew, text: str) -> str:
    before = len(running.emulator.workspace.dm_messages(crew.grip.id))
    running.slack.dm_app(crew.grip, text)
    running.deliver()
    (answer,) = running.emulator.workspace.dm_messages(crew.grip.id)[before:]
    assert "callsheet_confirm" not in json.dumps(answer.blocks)  # an answer, not a new call DM
    return answer.text


def test_a_dm_asking_for_the_call_gets_the_call_of_the_day_it_names(
    running: Running, crew: Crew
) -> None:
    compose(running, crew)
    saturday = {"location_name": "Rosa's Back Lot", "location_parking": "Lot Z"}
    compose(running, crew, "sat", general_call="9a", **saturday)
    publish(running, crew)
    publish(running, crew, "sat")
    assert _ask_by_dm(running, crew, "what's my call?") == "Your call Fri Jun 12: 6:00 AM"
    assert _ask_by_dm(running, crew, "whats my call sat") == "Your call Sat Jun 13: 8:30 AM"
    assert _ask_by_dm(running, crew, "what's my call tomorrow?").startswith(
        "Thu Jun 11 is a day off"  # Wednesday now: tomorrow is Thursday
    )
    running.clock.advance(days=1)
    assert _ask_by_dm(running, crew, "what's my call tomorrow?") == (
        "Your call Fri Jun 12: 6:00 AM"
    )
    assert _ask_by_dm(running, crew, "when is my call on saturday?") == (
        "Your call Sat Jun 13: 8:30 AM"
    )


def test_home_shows_each_person_their_own_call(running: Running, crew: Crew) -> None:
    """Home agrees with /calltime: the grips' own call (general call -30), not general call."""
    compose(running, crew)  # general call 6:30a, Grip -30
    publish(running, crew)
    for person in (crew.grip, crew.coordinator):
        running.slack.open_home(person)
    running.deliver()
    grip_home = json.dumps(running.emulator.workspace.home[crew.grip.id], ensure_ascii=False)
    said = running.slack.command(crew.grip, "/calltime").json()["text"]
    assert "6:00 AM" in said and "Fri Jun 12 — call 6:00 AM" in grip_home
    office_home = json.dumps(
        running.emulator.workspace.home[crew.coordinator.id], ensure_ascii=False
    )
    assert "Fri Jun 12 — call 6:30 AM" in office_home  # a coordinator is on general call
