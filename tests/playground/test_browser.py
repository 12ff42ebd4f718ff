"""The playground in a real browser: Debian's Chromium, driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot import playground
from bot.config import Settings

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    if os.environ.get("SLATE_REQUIRE_BROWSER"):
        raise RuntimeError("SLATE_REQUIRE_BROWSER is set but Chromium is not installed")
    pytest.skip(
        "Chromium is not installed (apt-get install chromium): browser tests skipped",
        allow_module_level=True,
    )
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
# One worker runs the whole module: it shares one playground and one browser.
pytestmark = pytest.mark.xdist_group("browser")
# Slate's outbox paces its posts (30 DMs on publishing): on a machine shared with other test
# runs that can take a while, and the page polls every second. Generous, not a sleep.
WAIT = 30_000


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    running = playground.start(
        Settings(data_dir=tmp_path_factory.mktemp("playground")), reset=True, port=_free_port()
    )
    yield running.url
    running.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One Chromium for the module: launching it costs more than a test."""
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(site: str, browser) -> Iterator[object]:
    # A context of its own: a fresh profile (localStorage remembers who you were).
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.goto(site)
    page.wait_for_selector("#person option", state="attached")
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "playground.png"), full_page=True)
    context.close()


def be(page, name: str) -> None:
    page.select_option(
        "#person",
        label=next(
            o
            for o in page.eval_on_selector_all("#person option", "os => os.map(o => o.text)")
            if o.startswith(name)
        ),
    )
    # Choosing a person opens their Home: wait until the page shows what they see.
    page.wait_for_selector('body[data-busy="0"]', state="attached")


def say(page, text: str) -> None:
    page.fill("#text", text)
    page.press("#text", "Enter")


def test_a_crew_member_asks_for_their_call(page) -> None:
    be(page, "Gus Grip")
    say(page, "/calltime")
    sync_api.expect(page.locator(".msg.ephemeral").last).to_contain_text("Your call", timeout=WAIT)


def test_publish_then_confirm_moves_the_tally(page) -> None:
    # The demo's days start tomorrow in Los Angeles; publish the second one.
    second = datetime.now(ZoneInfo("America/Los_Angeles")).date() + timedelta(days=2)
    be(page, "Cora Coordinator")
    say(page, f"/callsheet publish {second.month}/{second.day}")
    # Answered at once; the job composes the 30 sheets and edits the progress DM.
    sync_api.expect(page.locator(".msg.ephemeral").last).to_contain_text("Publishing", timeout=WAIT)
    be(page, "Gus Grip")
    page.click("#dms .item")
    # Day 1's sheet (published by the demo) has a Confirm button too: wait for Day 2's.
    day_two = page.locator(".msg", has_text="Day 2")
    confirm = day_two.locator("button[data-action=callsheet_confirm]").last
    confirm.wait_for(timeout=WAIT)
    confirm.click()
    be(page, "Cora Coordinator")
    page.click("text=# nightowl-office")
    sync_api.expect(page.locator("#messages")).to_contain_text("Day 2", timeout=WAIT)
    sync_api.expect(page.locator("#messages")).to_contain_text(
        f"Day 2 ({second:%a %b} {second.day}): 1/30 confirmed", timeout=WAIT
    )


def test_an_expense_through_the_form(page) -> None:
    be(page, "Pat PA")
    say(page, "/expense")
    page.wait_for_selector("#modal-form", timeout=WAIT)
    page.fill("#modal-form [name=amount]", "42.50")
    page.fill("#modal-form [name=vendor]", "B&H")
    page.fill("#modal-form [name=description]", "gaffer tape")
    page.click("#modal-form button[type=submit]")
    sync_api.expect(page.locator("#modal")).to_be_hidden(timeout=WAIT)
    sync_api.expect(page.locator("#messages")).to_contain_text(
        "Logged #1 $42.50 gaffer tape at B&H", timeout=WAIT
    )
