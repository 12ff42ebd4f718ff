"""The playground's demo opens mid-shoot-day, and the clock in your hand runs what falls due."""

from __future__ import annotations

import json
import re
import shutil
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot import playground
from bot.config import Settings
from bot.playground_demo import TZ, template
from slack_emulator.persist import dump

# One playground for the module. The clock only moves forward, so the tests that move it are
# one journey, and the others hold whatever the time.
pytestmark = pytest.mark.xdist_group("playground-demo")
WAIT = 30.0


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[playground.Running]:
    data: Path = tmp_path_factory.mktemp("demo")
    running = playground.start(Settings(data_dir=data), reset=True, port=0)
    running.opened = running.controls.state()  # type: ignore[attr-defined]
    assert running.keeping is not None and not running.emulator.ui.ready.is_set()
    # What the page says meanwhile: a first start sets the demo up (and holds what you do).
    assert "Setting up the demo" in running.emulator.ui.state("none")["starting"]
    running.keeping.join(timeout=120)  # the demo is kept as the template before anyone acts
    assert running.emulator.ui.ready.is_set()
    assert running.emulator.ui.state("none")["starting"] is False
    yield running
    running.stop()


def person(demo: playground.Running, name: str):
    return next(u for u in demo.emulator.workspace.users.values() if u.real_name == name)


def ask(demo: playground.Running, name: str, command: str, text: str = "") -> str:
    """Type a command as `name`; what Slate answered them (ephemeral or by DM), as text."""
    ws, who = demo.emulator.workspace, person(demo, name)
    seen = len(ws.ephemerals)
    reply = demo.emulator.ui.slack.command(who, command, text)
    assert reply.status_code == 200
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        new = [e for e in ws.ephemerals[seen:] if e.user == who.id]
        if new:
            return "\n".join(e.text + json.dumps(e.blocks) for e in new)
        time.sleep(0.1)
    raise AssertionError(f"{command} {text} got no answer")


def channel_text(demo: playground.Running, name: str) -> str:
    ws = demo.emulator.workspace
    channel = next(c.id for c in ws.channels.values() if c.name == name)
    return "\n".join(m.text for m in ws.channel_messages(channel, threads=True))


def wait_for(check, what: str) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"never saw {what}")


def test_it_opens_before_lunch_on_day_two(demo: playground.Running) -> None:
    opened = demo.opened  # type: ignore[attr-defined]
    assert "11:5" in opened["now"] and "AM" in opened["now"]
    assert "Your call" in ask(demo, "Gus Grip", "/calltime")


def test_every_loose_end_of_a_shoot_day_is_there(demo: playground.Running) -> None:
    payroll = ask(demo, "Cora Coordinator", "/payroll")
    assert "5 contractors" in payroll and "W-9" in payroll and "Max Mixer" in payroll
    assert "Generator hum" in ask(demo, "Cora Coordinator", "/problems")
    assert "walkies" in ask(demo, "Sam Runner", "/tasks")
    assert "Craft service" in ask(demo, "Cora Coordinator", "/budget")
    assert "Alexa Mini" in ask(demo, "Cora Coordinator", "/gear")
    # Day 1 wrapped yesterday: its report draft waits for the coordinators.
    wait_for(lambda: "Day 1" in channel_text(demo, "nightowl-office"), "Day 1's report draft")
    # Half of today's crew has confirmed; the tally says so.
    wait_for(lambda: "15/30 confirmed" in channel_text(demo, "nightowl-office"), "the tally")


def test_a_reset_copies_the_kept_demo_instead_of_living_it_again(
    demo: playground.Running, tmp_path: Path
) -> None:
    """The first start kept the demo; `--reset` opens the same demo at the same moment, ready
    at once, and a change of code (another key) is never served an older template."""
    kept = template.folder(demo.emulator.ui.clock.path.parent)
    assert (kept / "playground.db").exists() and len(template.key()) == 16
    shutil.copytree(kept, template.folder(tmp_path))
    started = time.perf_counter()
    again = playground.start(Settings(data_dir=tmp_path), reset=True, port=0)
    try:
        took = time.perf_counter() - started
        assert again.keeping is None and again.emulator.ui.ready.is_set()
        assert "11:5" in again.controls.state()["now"] and "AM" in again.controls.state()["now"]
        assert "15/30 confirmed" in channel_text(again, "nightowl-office")
        assert "Your call" in ask(again, "Gus Grip", "/calltime")
        assert took < 8, f"a reset from the template took {took:.1f} s"
    finally:
        again.stop()
    stale = tmp_path / template.FOLDER / "0123456789abcdef"
    template.folder(tmp_path).rename(stale)
    assert template.restore(tmp_path, tmp_path / "x.db", tmp_path / "x.json") is None
    assert not (tmp_path / "x.db").exists()


def test_the_clock_in_your_hand(demo: playground.Running) -> None:
    """An hour on, lunch is late and the problem escalates; to wrap; the nightly posts; morning."""
    moved = demo.controls.move("hour")
    assert moved["ran"] >= 3 and "12:5" in moved["now"] and "PM" in moved["now"]
    wait_for(
        lambda: "meal penalties are running" in channel_text(demo, "nightowl-office"), "late lunch"
    )
    wait_for(lambda: "STILL UNTAKEN" in channel_text(demo, "nightowl-office"), "the escalation")
    assert re.search(r"\d+ min late", ask(demo, "Cora Coordinator", "/meal", "start"))

    assert "7:00 PM" in demo.controls.move("wrap")["now"]
    assert "30 people got their loose ends" in ask(demo, "Cora Coordinator", "/wrap")
    with pytest.raises(ValueError, match="No wrap ahead"):
        demo.controls.move("wrap")

    opened = datetime.fromtimestamp(demo.opened["epoch"], ZoneInfo(TZ))  # type: ignore[attr-defined]
    moved = demo.controls.move("nightly")  # Day 3 went out at 18:00; the next is Day 4's
    assert f"{opened + timedelta(days=1):%a} " in moved["now"] and "6:00 PM" in moved["now"]
    wait_for(
        lambda: "Day 4" in json.dumps(dump(demo.emulator.workspace)["messages"]), "Day 4's sheet"
    )

    assert f"{opened + timedelta(days=2):%a} " in demo.controls.move("morning")["now"]
    assert "6:00 AM" in demo.controls.state()["now"]
