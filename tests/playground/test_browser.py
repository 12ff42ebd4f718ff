"""The playground in a real browser: Debian's Chromium, driven by Playwright."""

from __future__ import annotations

import os
import re
import shutil
import socket
from collections.abc import Iterator
from datetime import date, datetime, timedelta
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


class Site:
    """The module's playground; restart() stops it and starts it again on the same data."""

    def __init__(self, data: Path) -> None:
        self.settings, self.port = Settings(data_dir=data), _free_port()
        self.running = playground.start(self.settings, reset=True, port=self.port)
        if self.running.keeping is not None:  # the first start keeps the demo, then is ready
            self.running.keeping.join(timeout=120)
        self.url = self.running.url

    def restart(self) -> None:
        self.running.stop()
        self.running = playground.start(self.settings, port=self.port)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    running = Site(tmp_path_factory.mktemp("playground"))
    yield running
    running.running.stop()


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


def _open(site: Site, browser, request: pytest.FixtureRequest, **viewport: int) -> Iterator:
    # A context of its own: a fresh profile (localStorage remembers who you were).
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(site.url)
    page.wait_for_selector("#person option", state="attached")
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"playground-{request.node.name}.png"))
    context.close()


@pytest.fixture
def page(site: Site, browser, request: pytest.FixtureRequest) -> Iterator[object]:
    yield from _open(site, browser, request, width=1200, height=900)


@pytest.fixture
def phone(site: Site, browser, request: pytest.FixtureRequest) -> Iterator[object]:
    yield from _open(site, browser, request, width=390, height=844)


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


def today() -> date:
    """The demo's Day 2: today in the production's zone."""
    return datetime.now(ZoneInfo("America/Los_Angeles")).date()


def say(page, text: str) -> None:
    page.fill("#text", text)
    page.press("#text", "Enter")


def test_a_crew_member_asks_for_their_call(page) -> None:
    be(page, "Gus Grip")
    say(page, "/calltime")
    sync_api.expect(page.locator(".msg.ephemeral").last).to_contain_text("Your call", timeout=WAIT)


def test_publish_then_confirm_moves_the_tally(page) -> None:
    # The demo is on Day 2 today in Los Angeles; Day 4 (the day after tomorrow) is not out yet.
    second = today() + timedelta(days=2)
    be(page, "Cora Coordinator")
    say(page, f"/callsheet publish {second.month}/{second.day}")
    # Answered at once; the job composes the 30 sheets and edits the progress DM.
    sync_api.expect(page.locator(".msg.ephemeral").last).to_contain_text("Publishing", timeout=WAIT)
    be(page, "Gus Grip")
    page.click("#dms .item")
    # Earlier days' sheets have Confirm buttons too: wait for Day 4's.
    day_two = page.locator(".msg", has_text="Day 4")
    confirm = day_two.locator("button[data-action=callsheet_confirm]").last
    confirm.wait_for(timeout=WAIT)
    confirm.click()
    be(page, "Cora Coordinator")
    page.click("text=# nightowl-office")
    sync_api.expect(page.locator("#messages")).to_contain_text("Day 4", timeout=WAIT)
    sync_api.expect(page.locator("#messages")).to_contain_text(
        f"Day 4 ({second:%a %b} {second.day}): 1/30 confirmed", timeout=WAIT
    )


def expense_form(page, amount: str, vendor: str, description: str) -> None:
    """Pat opens /expense, fills it in and submits."""
    be(page, "Pat PA")
    say(page, "/expense")
    page.wait_for_selector("#modal-form", timeout=WAIT)
    page.fill("#modal-form [name=amount]", amount)
    page.fill("#modal-form [name=vendor]", vendor)
    page.fill("#modal-form [name=description]", description)
    page.click("#modal-form button[type=submit]")


def test_an_expense_through_the_form(page) -> None:
    expense_form(page, "42.50", "B&H", "gaffer tape")
    sync_api.expect(page.locator("#modal")).to_be_hidden(timeout=WAIT)
    # The demo has three expenses already (the form-error test may have logged one more).
    sync_api.expect(page.locator("#messages")).to_contain_text(
        re.compile(r"Logged #[45] \$42\.50 gaffer tape at B&H"), timeout=WAIT
    )


def test_a_crew_member_reports_a_problem_through_the_message_shortcut(page) -> None:
    be(page, "Gus Grip")
    page.click("text=# nightowl-crew")
    say(page, "The dolly track is warped by the diner door")
    mine = page.locator(".msg.mine", has_text="dolly track is warped").last
    mine.locator(".more").click()
    mine.locator("[data-shortcut=report_problem]").click()
    page.wait_for_selector("#modal-form", timeout=WAIT)
    # The shortcut quotes the message in the form.
    sync_api.expect(page.locator("#modal-box")).to_contain_text("dolly track is warped")
    page.fill("#modal-form [name=description]", "Warped dolly track, crew could trip")
    page.click("#modal-form button[type=submit]")
    sync_api.expect(page.locator("#modal")).to_be_hidden(timeout=WAIT)
    page.click("text=# nightowl-problems")
    sync_api.expect(page.locator("#messages")).to_contain_text(
        "Warped dolly track, crew could trip", timeout=WAIT
    )


def test_a_receipt_photo_sent_by_dm_attaches_to_the_latest_expense(page, site: Site) -> None:
    # Sam logged $120 of walkie batteries this morning with no receipt (the demo's #3).
    be(page, "Sam Runner")
    page.click("#dms .item")
    photo = b"\x89PNG\r\n\x1a\n receipt from Batteries Plus"
    page.set_input_files(
        "#file", files=[{"name": "receipt.png", "mimeType": "image/png", "buffer": photo}]
    )
    page.click("#composer button[type=submit]")
    sync_api.expect(page.locator("#messages")).to_contain_text(
        "Receipt attached to #3", timeout=WAIT
    )
    # Your own line with the photo shows in the DM, and the file is there to download.
    image = page.locator(".msg.mine img.chart").last
    image.wait_for(timeout=WAIT)
    assert page.request.get(site.url.rstrip("/") + image.get_attribute("src")).body() == photo


def test_the_clock_moves_to_the_nightly_post_and_the_next_days_sheet_arrives(page) -> None:
    be(page, "Gus Grip")
    sync_api.expect(page.locator("#now")).to_contain_text("AM")
    page.click("[data-move=nightly]")
    sync_api.expect(page.locator("#now")).to_contain_text("6:00 PM", timeout=WAIT)
    tomorrow = today() + timedelta(days=1)
    page.click("#dms .item")
    day_three = page.locator(".msg", has_text="Day 3").last
    sync_api.expect(day_three).to_contain_text(f"{tomorrow:%a %b} {tomorrow.day}", timeout=WAIT)
    day_three.locator("button[data-action=callsheet_confirm]").wait_for(timeout=WAIT)
    # The time shown on the message is the production's, not the browser's.
    sync_api.expect(day_three.locator(".when")).to_contain_text("6:00 PM")


def test_a_restart_keeps_the_conversation(page, site: Site) -> None:
    be(page, "Gia Gaffer")
    page.click("#dms .item")
    say(page, "what's my call?")
    sync_api.expect(page.locator(".msg.mine")).to_contain_text("what's my call?", timeout=WAIT)
    answer = page.locator(".msg.mine ~ .msg").last
    sync_api.expect(answer).to_contain_text("Your call", timeout=WAIT)
    before = page.locator("#messages .msg").count()
    site.restart()
    page.reload()  # the page remembers who you were and where
    sync_api.expect(page.locator("#title")).to_have_text("Slate (direct message)")
    sync_api.expect(page.locator(".msg.mine")).to_contain_text("what's my call?", timeout=WAIT)
    sync_api.expect(answer).to_contain_text("Your call", timeout=WAIT)
    # Nothing vanished (the outbox may still be adding to it, or editing a message in place).
    assert page.locator("#messages .msg").count() >= before


def test_the_page_fits_a_phone(phone, site: Site) -> None:
    # The sidebar hides behind the menu button; the conversation gets the width.
    sync_api.expect(phone.locator("#nav")).not_to_be_in_viewport()
    phone.click("#menu")
    sync_api.expect(phone.locator("#nav")).to_be_in_viewport()
    phone.click("text=# nightowl-crew")
    sync_api.expect(phone.locator("#nav")).not_to_be_in_viewport()
    box = phone.locator("#messages").bounding_box()
    assert box is not None and box["width"] >= 380
    # A long channel opens at its newest message, with the composer on screen.
    phone.locator(".msg").last.wait_for(timeout=WAIT)
    sync_api.expect(phone.locator(".msg").last).to_be_in_viewport()
    sync_api.expect(phone.locator("#text")).to_be_in_viewport()
    composer = phone.locator("#composer").bounding_box()
    assert composer is not None and composer["y"] + composer["height"] <= 844
    assert phone.request.get(site.url.rstrip("/") + "/favicon.ico").ok


def test_a_form_error_keeps_what_was_typed_and_shows_on_its_field(page) -> None:
    expense_form(page, "lots", "Home Depot", "sandbags")
    amount = page.locator("#modal-form .field", has=page.locator("[name=amount]"))
    sync_api.expect(amount.locator(".error")).to_be_visible(timeout=WAIT)
    sync_api.expect(page.locator("#modal-form [name=vendor]")).to_have_value("Home Depot")
    sync_api.expect(page.locator("#modal-form [name=description]")).to_have_value("sandbags")
    page.fill("#modal-form [name=amount]", "18")
    page.click("#modal-form button[type=submit]")
    sync_api.expect(page.locator("#modal")).to_be_hidden(timeout=WAIT)


def test_a_thread_opens_beside_the_channel_with_its_replies(page) -> None:
    be(page, "Dana Director")
    page.click("text=# nightowl-crew")
    # Each published sheet continues in its thread; the list shows only the count.
    page.locator(".replies").first.click()
    sync_api.expect(page.locator("#thread")).to_be_visible()
    replies = page.locator("#thread-messages .msg")
    assert replies.count() >= 2
    page.fill("#thread-text", "Copy that")
    page.press("#thread-text", "Enter")
    sync_api.expect(page.locator("#thread-messages .msg.mine")).to_contain_text("Copy that")
    sync_api.expect(page.locator("#messages")).not_to_contain_text("Copy that")
