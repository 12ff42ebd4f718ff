"""/slate through signed requests: help by role, setup, authorization, several productions."""

from __future__ import annotations

import json
import time
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.services.core import productions
from bot.store.models import Person, Production
from tests.conftest import NOW, Crew
from tests.handlers.callsheet_helpers import compose
from tests.harness import Running


def _production(running: Running, production_id: int) -> Production:
    with running.db() as db:
        return db.get(Production, production_id)


def test_help_differs_by_role(running: Running, crew: Crew) -> None:
    as_crew = running.slack.command(crew.grip, "/slate", "", channel=crew.crew_channel).json()
    as_coord = running.slack.command(crew.coordinator, "/slate", "help").json()
    assert "/slate setup`" not in json.dumps(as_crew["blocks"])
    assert "/slate setup`" in json.dumps(as_coord["blocks"])
    assert "*coordinator* on *Night Owl*" in json.dumps(as_coord["blocks"])


def test_help_for_someone_on_no_crew_list(running: Running, crew: Crew) -> None:
    reply = running.slack.command(crew.outsider, "/slate", "help").json()
    assert "ask your coordinator" in json.dumps(reply["blocks"])


def test_coordinator_edits_the_production(running: Running, crew: Crew) -> None:
    reply = running.slack.command(crew.coordinator, "/slate", "setup", channel=crew.crew_channel)
    assert reply.status_code == 200
    view = running.slack.last_view(crew.coordinator)
    assert view["blocks"][0]["element"]["initial_value"] == "Night Owl"
    answer = running.slack.submit(
        crew.coordinator, view, {"name": "Night Owl II", "timezone": "America/New_York"}
    )
    assert answer.status_code == 200 and answer.content in (b"", b"{}")
    saved = _production(running, crew.production_id)
    assert (saved.name, saved.timezone) == ("Night Owl II", "America/New_York")
    assert saved.crew_channel_id == crew.crew_channel  # untouched fields keep their values
    running.deliver()
    assert (
        "Saved Night Owl II" in running.emulator.workspace.dm_messages(crew.coordinator.id)[-1].text
    )


def test_crew_are_refused_at_the_command(running: Running, crew: Crew) -> None:
    reply = running.slack.command(crew.grip, "/slate", "setup", channel=crew.crew_channel).json()
    assert "Only coordinators" in reply["text"]
    assert running.emulator.calls("views.open") == []


def test_crew_are_refused_at_the_modal_submission(running: Running, crew: Crew) -> None:
    """A crafted submission of the coordinator's modal is checked too, not just hidden."""
    running.slack.command(crew.coordinator, "/slate", "setup", channel=crew.crew_channel)
    view = running.slack.last_view(crew.coordinator)
    reply = running.slack.submit(crew.grip, view, {"name": "Hijacked"}).json()
    assert reply["response_action"] == "errors"
    assert "Only coordinators" in next(iter(reply["errors"].values()))
    assert _production(running, crew.production_id).name == "Night Owl"


def test_bad_setup_input_is_shown_on_the_field(running: Running, crew: Crew) -> None:
    running.slack.command(crew.coordinator, "/slate", "setup", channel=crew.crew_channel)
    view = running.slack.last_view(crew.coordinator)
    reply = running.slack.submit(crew.coordinator, view, {"name": "   "}).json()
    assert reply == {"response_action": "errors", "errors": {"name": "Give the production a name."}}


def test_anyone_can_start_a_new_production_and_coordinates_it(running: Running, crew: Crew) -> None:
    running.slack.command(crew.outsider, "/slate", "setup")
    view = running.slack.last_view(crew.outsider)
    assert view["title"]["text"] == "New production"
    channel = running.emulator.workspace.add_channel("daybreak-crew").id
    running.slack.submit(
        crew.outsider,
        view,
        {"name": "Daybreak", "crew_channel": channel, "coordinators_channel": channel},
    )
    with running.db() as db:
        production, person = productions.whoami(
            db, running.emulator.workspace.team_id, channel, crew.outsider.id
        )
        assert production.name == "Daybreak" and person.role == "coordinator"


def test_a_person_on_two_productions_is_asked_which(running: Running, crew: Crew) -> None:
    ws = running.emulator.workspace
    other_channel = ws.add_channel("daybreak-crew").id
    with running.db() as db:
        other = productions.create_production(
            db,
            ws.team_id,
            productions.ProductionForm(
                "Daybreak", "America/New_York", crew_channel_id=other_channel
            ),
            now=NOW,
            creator_id=crew.coordinator.id,
        )
        db.add(Person(production_id=other.id, slack_user_id=crew.grip.id, name="Gus", role="crew"))
        db.commit()
    # In a production's channel there is no doubt.
    in_channel = running.slack.command(crew.grip, "/slate", "help", channel=other_channel).json()
    assert "Daybreak" in json.dumps(in_channel["blocks"])
    assert "Night Owl" not in json.dumps(in_channel["blocks"])
    # In a DM, Slate asks, remembers the answer, and uses it from then on.
    asked = running.slack.command(crew.grip, "/slate", "help").json()
    assert "more than one production" in asked["text"]
    picker = asked["blocks"][1]["elements"][0]
    assert {o["text"]["text"] for o in picker["options"]} == {"Daybreak", "Night Owl"}
    shown = ws.ephemerals[-1]
    assert shown.user == crew.grip.id and "more than one production" in shown.text
    daybreak = next(o["value"] for o in picker["options"] if o["text"]["text"] == "Daybreak")
    running.slack.click(crew.grip, "slate_choose_production", message=shown, value=daybreak)
    running.deliver()
    assert "Now using Daybreak" in ws.dm_messages(crew.grip.id)[-1].text
    again = running.slack.command(crew.grip, "/slate", "help").json()
    assert "Daybreak" in json.dumps(again["blocks"])


def test_unknown_subcommand_says_what_to_type(running: Running, crew: Crew) -> None:
    reply = running.slack.command(crew.grip, "/slate", "frobnicate").json()
    assert reply["response_type"] == "ephemeral"
    assert "/slate help" in reply["text"]


def test_an_unexpected_failure_apologises_without_a_stack_trace(
    running: Running, crew: Crew
) -> None:
    running.emulator.fail("views.open", error="internal_error")
    reply = running.slack.command(crew.coordinator, "/slate", "setup").json()
    assert reply["text"].startswith("Sorry — something went wrong")
    assert "ref " in reply["text"] and "Traceback" not in reply["text"]


def test_production_names_are_escaped_in_messages(running: Running, crew: Crew) -> None:
    running.slack.command(crew.coordinator, "/slate", "setup", channel=crew.crew_channel)
    view = running.slack.last_view(crew.coordinator)
    running.slack.submit(crew.coordinator, view, {"name": "<!channel> Night Owl"})
    running.deliver()
    text = running.emulator.workspace.dm_messages(crew.coordinator.id)[-1].text
    assert "<!channel>" not in text and "&lt;!channel&gt;" in text


def test_publish_time_and_nudge_delay_are_production_settings(running: Running, crew: Crew) -> None:
    compose(running, crew)
    running.slack.command(crew.coordinator, "/slate", "setup", channel=crew.crew_channel)
    view = running.slack.last_view(crew.coordinator)
    bad = running.slack.submit(crew.coordinator, view, {"publish_time": "whenever"}).json()
    assert "publish_time" in bad["errors"]
    running.slack.submit(crew.coordinator, view, {"publish_time": "8:30p", "nudge_minutes": 45})
    saved = _production(running, crew.production_id)
    assert saved.settings == {"callsheet_publish_time": "20:30", "nudge_after_minutes": 45}
    answer = running.slack.command(crew.grip, "/calltime", "").json()["text"]
    assert "goes out at 8:30 PM on Thu" in answer
    running.clock.set(datetime(2026, 6, 11, 18, 0, tzinfo=ZoneInfo("America/Los_Angeles")))
    assert running.slate.scheduler.tick() == 0  # no longer due at 18:00
    running.clock.set(datetime(2026, 6, 11, 20, 30, tzinfo=ZoneInfo("America/Los_Angeles")))
    assert running.slate.scheduler.tick() == 1


def test_setup_shows_and_keeps_what_the_production_has(running: Running, crew: Crew) -> None:
    problems = running.emulator.workspace.add_channel("nightowl-problems").id
    with running.db() as db:
        production = db.get(Production, crew.production_id)
        production.problems_channel_id = problems
        production.timezone = "Asia/Kathmandu"  # not one of the form's usual zones
        production.settings = {**(production.settings or {}), "callsheet_publish_time": "+90"}
        db.commit()
    running.slack.command(crew.coordinator, "/slate", "setup", channel=crew.crew_channel)
    view = running.slack.last_view(crew.coordinator)
    shown = {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}
    assert shown["name"]["initial_value"] == "Night Owl"
    assert shown["timezone"]["initial_option"]["value"] == "Asia/Kathmandu"
    assert shown["crew_channel"]["initial_conversation"] == crew.crew_channel
    assert shown["coordinators_channel"]["initial_conversation"] == crew.coordinators_channel
    assert shown["problems_channel"]["initial_conversation"] == problems
    assert shown["publish_time"]["initial_value"] == "90m after wrap"
    answer = running.slack.submit(crew.coordinator, view, {"nudge_minutes": "45"})
    assert answer.content in (b"", b"{}")
    saved = _production(running, crew.production_id)
    assert (saved.crew_channel_id, saved.coordinators_channel_id, saved.problems_channel_id) == (
        crew.crew_channel,
        crew.coordinators_channel,
        problems,
    )
    assert saved.timezone == "Asia/Kathmandu"
    assert saved.settings["nudge_after_minutes"] == 45
    assert saved.settings["callsheet_publish_time"] == "+90"


def test_every_setup_error_is_shown_at_once_on_its_field(running: Running, crew: Crew) -> None:
    running.slack.command(crew.coordinator, "/slate", "setup", channel=crew.crew_channel)
    view = running.slack.last_view(crew.coordinator)
    reply = running.slack.submit(
        crew.coordinator,
        view,
        {
            "name": "  ",
            "crew_channel": None,
            "coordinators_channel": None,
            "publish_time": "99h after wrap",
            "nudge_minutes": "2",
        },
    ).json()
    assert reply["response_action"] == "errors"
    assert set(reply["errors"]) == {
        "name",
        "crew_channel",
        "coordinators_channel",
        "publish_time",
        "nudge_minutes",
    }
    assert "12h after wrap" in reply["errors"]["publish_time"]
    assert "crew channel" in reply["errors"]["crew_channel"]
    saved = _production(running, crew.production_id)
    assert (saved.name, saved.crew_channel_id) == ("Night Owl", crew.crew_channel)


def test_setup_refuses_a_private_channel_slate_is_not_in(running: Running, crew: Crew) -> None:
    ws = running.emulator.workspace
    hidden = ws.add_channel("nightowl-producers", [crew.coordinator.id], private=True).id
    running.slack.command(crew.coordinator, "/slate", "setup", channel=crew.crew_channel)
    view = running.slack.last_view(crew.coordinator)
    reply = running.slack.submit(crew.coordinator, view, {"coordinators_channel": hidden}).json()
    assert reply["response_action"] == "errors"
    assert list(reply["errors"]) == ["coordinators_channel"]
    assert "Invite Slate first: `/invite @Slate`" in reply["errors"]["coordinators_channel"]
    assert _production(running, crew.production_id).coordinators_channel_id != hidden
    # Invited, it knows the channel's name; the same choice is then saved.
    ws.channels[hidden].members.add(ws.bot_user_id)
    running.slack.command(crew.coordinator, "/slate", "setup", channel=crew.crew_channel)
    view = running.slack.last_view(crew.coordinator)
    answer = running.slack.submit(crew.coordinator, view, {"coordinators_channel": hidden})
    assert answer.status_code == 200 and answer.content in (b"", b"{}")
    assert _production(running, crew.production_id).coordinators_channel_id == hidden


def test_setup_saves_when_slack_cannot_be_asked(running: Running, crew: Crew) -> None:
    """Slack down for that read: nothing is refused (the outbox waits for the invite)."""
    ws = running.emulator.workspace
    hidden = ws.add_channel("nightowl-problems", [], private=True).id
    running.emulator.fail("conversations.info", status=503, times=3)
    running.slack.command(crew.coordinator, "/slate", "setup", channel=crew.crew_channel)
    view = running.slack.last_view(crew.coordinator)
    answer = running.slack.submit(crew.coordinator, view, {"problems_channel": hidden})
    assert answer.status_code == 200
    assert _production(running, crew.production_id).problems_channel_id == hidden


def test_a_slow_slack_does_not_hold_the_setup_answer(running: Running, crew: Crew) -> None:
    """Slack wants a form's answer within 3 s: the membership read gives up before that."""
    hidden = running.emulator.workspace.add_channel("nightowl-slow", [], private=True).id
    running.emulator.delay("conversations.info", 5.0, times=3)
    running.slack.command(crew.coordinator, "/slate", "setup", channel=crew.crew_channel)
    view = running.slack.last_view(crew.coordinator)
    started = time.monotonic()
    answer = running.slack.submit(crew.coordinator, view, {"problems_channel": hidden})
    assert answer.status_code == 200 and time.monotonic() - started < 3.0
