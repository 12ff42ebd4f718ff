"""The `slate` command as a coordinator or an operator runs it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from slack_emulator import SlackEmulator, SlackSide
from tests.harness import SIGNING_SECRET, settings_for


def _env(emulator: SlackEmulator, engine, **extra: str) -> dict[str, str]:
    settings = settings_for(emulator, engine.url.render_as_string(hide_password=False))
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env.update(
        SLACK_BOT_TOKEN=settings.slack_bot_token,
        SLACK_API_URL=settings.slack_api_url,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        DATABASE_URL=settings.database_url,
        **extra,
    )
    return env


def slate(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _night_owl(env: dict[str, str], tmp_path: Path) -> None:
    created = slate(
        "production",
        "create",
        "--name",
        "Night Owl",
        "--timezone",
        "America/Los_Angeles",
        "--team",
        "T1",
        env=env,
        cwd=tmp_path,
    )
    assert created.returncode == 0, created.stderr


def test_run_without_tokens_says_what_to_set_and_starts_the_playground(tmp_path: Path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL"))}
    env.update(SLATE_DATA_DIR=str(tmp_path / "data"), SLATE_PLAYGROUND_PORT=str(port))
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        lines = []
        deadline = time.monotonic() + 60
        while not any("Slate playground:" in line for line in lines):
            assert time.monotonic() < deadline and process.poll() is None, "".join(lines)
            lines.append(process.stdout.readline())
        page = httpx.get(f"http://127.0.0.1:{port}/")
        assert page.status_code == 200 and "Slate playground" in page.text
        people = httpx.get(f"http://127.0.0.1:{port}/state?user=x").json()["people"]
        assert len(people) == 30  # the demo crew
    finally:
        process.terminate()
        process.wait(timeout=30)
    output = "".join(lines)
    assert "SLACK_BOT_TOKEN=xoxb-" in output and "SLACK_APP_TOKEN=xapp-" in output
    assert "OAuth & Permissions" in output and "App-Level Tokens" in output
    assert f"Slate playground: http://127.0.0.1:{port}" in output


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_answers_slack_and_keeps_tokens_out_of_logs(emulator, engine, tmp_path) -> None:
    port = _free_port()
    env = _env(emulator, engine, SLATE_LOG_LEVEL="DEBUG")
    server = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--port", str(port)],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "slate serve did not start"
            time.sleep(0.2)
        slack = SlackSide(emulator, f"{base}/slack/events", SIGNING_SECRET)
        user = emulator.workspace.add_user("gus")
        reply = slack.command(user, "/slate", "help")
        assert reply.status_code == 200 and "/slate help" in reply.json()["text"]
        assert slack.command(user, "/slate", "help", signed=False).status_code == 401
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "Slate is serving" in output
    assert emulator.bot_token not in output and SIGNING_SECRET not in output


def test_serve_refuses_to_start_without_a_signing_secret(emulator, engine, tmp_path) -> None:
    env = _env(emulator, engine)
    env.pop("SLACK_SIGNING_SECRET")
    result = slate("serve", env=env, cwd=tmp_path)
    assert result.returncode == 2 and "SLACK_SIGNING_SECRET" in result.stderr


def test_create_a_production_and_import_the_crew(emulator, engine, tmp_path) -> None:
    env = _env(emulator, engine)
    ana = emulator.workspace.add_user("ana", "ana@x.film")
    assert slate("db", "upgrade", env=env, cwd=tmp_path).returncode == 0
    created = slate(
        "production",
        "create",
        "--name",
        "Night Owl",
        "--timezone",
        "America/Los_Angeles",
        env=env,
        cwd=tmp_path,
    )
    assert created.returncode == 0, created.stderr
    assert "Night Owl (America/Los_Angeles)" in created.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("name,email,role\nAna,ana@x.film,crew\nBo,bo@x.film,director\n")
    refused = slate("import", "crew", str(bad), "--production", "Night Owl", env=env, cwd=tmp_path)
    assert refused.returncode == 2
    assert f"{bad}:3: role 'director'" in refused.stderr and "Nothing imported" in refused.stderr
    good = tmp_path / "crew.csv"
    good.write_text("name,email,role\nAna,ana@x.film,crew\nBo,bo@x.film,pa\n")
    imported = slate(
        "import", "crew", str(good), "--production", "Night Owl", env=env, cwd=tmp_path
    )
    assert imported.returncode == 0, imported.stderr
    assert "2 added, 0 updated" in imported.stdout
    assert "Bo <bo@x.film>" in imported.stderr  # not in Slack: said so
    assert emulator.calls("users.lookupByEmail")[0].params["email"] == "ana@x.film"
    listed = slate("production", "list", env=env, cwd=tmp_path)
    assert "Night Owl" in listed.stdout and ana.id not in listed.stdout


@pytest.mark.parametrize("name", ["Nope"])
def test_import_into_an_unknown_production(emulator, engine, tmp_path, name) -> None:
    env = _env(emulator, engine)
    (tmp_path / "crew.csv").write_text("name,email\nA,a@x.film\n")
    result = slate("import", "crew", "crew.csv", "--production", name, env=env, cwd=tmp_path)
    assert result.returncode == 2 and "No production “Nope”" in result.stderr


def test_exports_write_csv(emulator, engine, tmp_path) -> None:
    env = _env(emulator, engine)
    _night_owl(env, tmp_path)
    for kind, header in (
        ("problems", "number,reported_at"),
        ("tasks", "task,group"),
        ("broadcasts", "broadcast,sent_at"),
        ("onboarding", "name,department,kind,first_day,status"),
    ):
        result = slate("export", kind, "--production", "Night Owl", env=env, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(header)


def test_import_gear_and_contracts(emulator, engine, tmp_path) -> None:
    env = _env(emulator, engine)
    _night_owl(env, tmp_path)
    (tmp_path / "crew.csv").write_text("name,email\nGus Grip,gus@x.film\n")
    slate("import", "crew", "crew.csv", "--production", "Night Owl", env=env, cwd=tmp_path)
    (tmp_path / "gear.csv").write_text(
        "name,asset_tag,rental_house,return_due\nAlexa Mini,CAM-1,Keslow,2026-06-14\nDolly,,,soon\n"
    )
    refused = slate(
        "import", "gear", "gear.csv", "--production", "Night Owl", env=env, cwd=tmp_path
    )
    assert refused.returncode == 2 and "gear.csv:3: Invalid isoformat" in refused.stderr
    (tmp_path / "gear.csv").write_text(
        "name,asset_tag,rental_house,return_due\nAlexa Mini,CAM-1,Keslow,2026-06-14\n"
    )
    assert (
        "Imported gear: 1 rows"
        in slate(
            "import", "gear", "gear.csv", "--production", "Night Owl", env=env, cwd=tmp_path
        ).stdout
    )
    (tmp_path / "deals.csv").write_text("name,day_rate,w9\nGus Grip,650,yes\n")
    assert (
        "Imported contracts: 1 rows"
        in slate(
            "import", "contracts", "deals.csv", "--production", "Night Owl", env=env, cwd=tmp_path
        ).stdout
    )
    payroll = slate("export", "payroll", "--production", "Night Owl", env=env, cwd=tmp_path)
    assert "Gus Grip,,650.00,0,0.00,no,yes,no,no,no" in payroll.stdout
