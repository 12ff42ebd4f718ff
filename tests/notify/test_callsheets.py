"""What the call sheet events turn into: the nightly post's troubles reach the coordinators."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from tests.conftest import Crew
from tests.handlers.callsheet_helpers import call_dms, compose, days, publish, run_publish
from tests.harness import Running

THURSDAY_EVENING = datetime(2026, 6, 11, 18, 0, tzinfo=ZoneInfo("America/Los_Angeles"))


def office(running: Running, crew: Crew) -> list[str]:
    """The texts posted in the coordinators' channel."""
    return [m.text for m in running.emulator.workspace.channel_messages(crew.coordinators_channel)]


def test_a_nightly_post_that_cannot_go_out_tells_the_coordinators_why(
    running: Running, crew: Crew
) -> None:
    compose(running, crew, location_name="", location_address="", location_parking="")
    running.clock.set(THURSDAY_EVENING)
    running.slate.scheduler.tick()
    running.deliver()
    assert office(running, crew) == [
        ":warning: The call sheet for Fri Jun 12 could not go out automatically: "
        "Fri Jun 12 needs a location with an address: /callsheet."
    ]
    assert call_dms(running, crew.grip) == [] and days(running)[0].revision == 0


def test_a_nightly_post_with_warnings_goes_out_and_says_so(running: Running, crew: Crew) -> None:
    compose(running, crew, lunch="1:30p")  # seven hours after call
    running.clock.set(THURSDAY_EVENING)
    running.slate.scheduler.tick()
    running.deliver()
    warned = [t for t in office(running, crew) if t.endswith("automatically, with warnings")]
    assert warned == ["Published Fri Jun 12 automatically, with warnings"]
    assert len(call_dms(running, crew.grip)) == 1
    assert [t for t in office(running, crew) if t.startswith("Day 1")] == [
        "Day 1 (Fri Jun 12): 0/3 confirmed"
    ]


def test_a_schedule_change_sends_the_revision_and_is_announced_once_without_pinging(
    running: Running, crew: Crew
) -> None:
    compose(running, crew)
    publish(running, crew)
    refused = running.slack.command(
        crew.coordinator, "/schedulechange", "fri grips in at <!channel> 5:30"
    ).json()
    assert "<!channel>" not in refused["text"] and days(running)[0].revision == 1
    running.slack.command(crew.coordinator, "/schedulechange", "fri grips call 5:30")
    done = run_publish(running, crew.coordinator)["text"]
    assert done.startswith("Announced in the crew channel. Published Fri Jun 12, rev")
    posts = running.emulator.workspace.channel_messages(crew.crew_channel)
    (announced,) = [m for m in posts if "SCHEDULE CHANGE" in m.text]
    assert "<!channel>" not in announced.text and "5:30" in announced.text
    assert len(call_dms(running, crew.grip)) == 2 and len(call_dms(running, crew.pa)) == 1
