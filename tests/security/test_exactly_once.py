"""Nothing done twice: retried events, replayed commands and double-clicked Submits apply once."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlencode

import httpx
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import dedupe
from bot.store.models import Production
from bot.store.models_money import Expense
from bot.store.models_problems import Problem
from slack_emulator import SlackSide, payloads
from slack_emulator.signing import sign
from slack_emulator.state import User
from tests.conftest import NOW, Crew
from tests.harness import Running


def _deliver_event(running: Running, event: dict, times: int) -> list[int]:
    body = json.dumps(payloads.event_callback(running.emulator.workspace, event)).encode()
    codes = []
    for attempt in range(times):
        headers = {"Content-Type": "application/json"} | sign(running.slack.signing_secret, body)
        if attempt:
            headers |= {"X-Slack-Retry-Num": str(attempt), "X-Slack-Retry-Reason": "http_timeout"}
        codes.append(
            httpx.post(running.slack.events_url, content=body, headers=headers).status_code
        )
    running.deliver()
    return codes


def _dm(running: Running, user: User, **extra: object) -> dict:
    ws = running.emulator.workspace
    return {
        "type": "message",
        "channel": ws.open_im(user.id).id,
        "user": user.id,
        "ts": ws.new_ts(),
        "channel_type": "im",
        "event_ts": ws.new_ts(),
        **extra,
    }


def _bot_dms(running: Running, user: User) -> list[str]:
    ws = running.emulator.workspace
    return [m.text for m in ws.dm_messages(user.id) if m.user == ws.bot_user_id]


def _count(running: Running, column: object) -> int:
    with running.db() as db:
        return int(db.scalar(select(func.count(column))) or 0)


def test_four_deliveries_of_one_dm_are_answered_once(running: Running, crew: Crew) -> None:
    codes = _deliver_event(running, _dm(running, crew.grip, text="what's my call?"), 4)
    assert codes == [200] * 4
    assert len(_bot_dms(running, crew.grip)) == 1


def test_a_receipt_and_its_retry_attach_once(running: Running, crew: Crew) -> None:
    running.slack.command(crew.grip, "/expense", "80 sandbags at Home Depot")
    running.deliver()
    photo = {"id": "F0RECEIPT1", "name": "r.jpg", "filetype": "jpg", "url_private": "https://x/r"}
    event = _dm(running, crew.grip, text="", subtype="file_share", files=[photo])
    assert _deliver_event(running, event, 2) == [200, 200]
    attached = [t for t in _bot_dms(running, crew.grip) if t.startswith("Receipt attached")]
    assert len(attached) == 1
    with running.db() as db:
        (expense,) = db.scalars(select(Expense)).all()
    assert expense.receipt_file_id == "F0RECEIPT1"


def test_a_replayed_signed_command_runs_once(running: Running, crew: Crew) -> None:
    ws = running.emulator.workspace
    fields = payloads.slash_command(ws, crew.grip, "/expense", "12 gaffer tape", crew.crew_channel)
    body = urlencode(fields).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    headers |= sign(running.slack.signing_secret, body)
    first = httpx.post(running.slack.events_url, content=body, headers=headers)
    replay = httpx.post(running.slack.events_url, content=body, headers=headers)
    assert first.json()["text"] == "Logged expense #1"
    assert replay.status_code == 200 and not replay.content
    assert _count(running, Expense.id) == 1
    # The same words typed again are a new command, signed anew: they do run.
    again = running.slack.command(
        crew.grip, "/expense", "12 gaffer tape", channel=crew.crew_channel
    )
    assert again.json()["text"] == "Logged expense #2"


def _problem_form(running: Running, crew: Crew) -> dict:
    channel = running.emulator.workspace.add_channel("nightowl-problems").id
    with running.db() as db:
        db.get(Production, crew.production_id).problems_channel_id = channel
        db.commit()
    running.slack.command(crew.grip, "/problem", "")
    return running.slack.last_view(crew.grip)


def test_a_double_clicked_submit_records_one_problem(running: Running, crew: Crew) -> None:
    view = _problem_form(running, crew)
    answers = {"description": "C-stand fell", "severity": "attention"}

    def click(_: int) -> int:
        slack = SlackSide(running.emulator, running.slack.events_url, running.slack.signing_secret)
        try:
            return slack.submit(crew.grip, view, answers).status_code
        finally:
            slack.close()

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(click, range(4))) == [200] * 4
    assert _count(running, Problem.id) == 1


def test_a_submission_refused_with_errors_can_be_corrected(running: Running, crew: Crew) -> None:
    view = _problem_form(running, crew)
    refused = running.slack.submit(crew.grip, view, {"description": "", "severity": "urgent"})
    assert refused.json()["response_action"] == "errors"
    fixed = running.slack.submit(crew.grip, view, {"description": "Gas leak", "severity": "urgent"})
    assert fixed.status_code == 200 and b"errors" not in fixed.content
    assert _count(running, Problem.id) == 1


def test_a_double_clicked_expense_form_records_one_expense(running: Running, crew: Crew) -> None:
    running.slack.command(crew.pa, "/expense", "", channel=crew.crew_channel)
    view = running.slack.last_view(crew.pa)
    for _ in range(3):
        running.slack.submit(crew.pa, view, {"amount": "9.99", "description": "coffee"})
    with running.db() as db:
        assert db.scalars(select(Expense.amount)).all() == [Decimal("9.99")]


def test_receipts_are_kept_for_their_window_then_pruned(session: Session) -> None:
    receipt = dedupe.Receipt("command:abc", dedupe.COMMAND_KEEP)
    assert dedupe.claim(session, receipt, NOW)
    assert not dedupe.claim(session, receipt, NOW + timedelta(minutes=5))
    assert dedupe.prune(session, NOW + timedelta(minutes=5)) == 0
    assert dedupe.prune(session, NOW + timedelta(minutes=11)) == 1
    assert dedupe.claim(session, receipt, NOW + timedelta(minutes=11))
