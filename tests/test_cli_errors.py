"""Every `slate` command refuses bad files and names with one plain line and exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from slack_emulator import SlackEmulator

GOOD_CREW = "name,email,department,role\nGus Grip,gus@x.film,Grip,crew\n"
SCHEDULE_HEAD = "date,call,location,latitude,longitude\n"
FILES = {
    "crew.csv": GOOD_CREW,
    "badcrew.csv": "name,email,role\nAna,ana@x.film,director\n",
    "nan.csv": "code,name,amount\ng&e,Grip,NaN\n",
    "garbage.csv": "code,name,amount\ng&e,Grip,lots\n",
    "huge.csv": "code,name,amount\ng&e,Grip,1e309\n",
    "extra.csv": "code,name,amount\ng&e,Grip,100,surplus,columns\n",
    "noheader.csv": "what,ever\n1,2\n",
    "gear.csv": "name,asset_tag,rental_house,return_due\nDolly,,,soon\n",
    "contracts.csv": "name,rate\nNobody,lots\n",
    "gearextra.csv": "name,asset_tag,rental_house,return_due\nDolly,D1,Keslow,2026-06-14,x\n",
    "crewextra.csv": "name,email\nAna,ana@x.film,surplus\n",
    "budgetlong.csv": f"code,name,amount\n{'c' * 21},Grip,100\n",
    "crewnan.csv": "name,email,min_rest_hours\nAna,ana@x.film,NaN\n",
    "crewlong.csv": f"name,email\n{'A' * 121},ana@x.film\n",
    "gearlong.csv": f"name,asset_tag,rental_house,return_due\n{'D' * 121},,,\n",
    "schedextra.csv": SCHEDULE_HEAD + "2026-06-12,6:30a,Diner,0,0,surplus\n",
    "lat.csv": SCHEDULE_HEAD + "2026-06-12,6:30a,Diner,91,0\n",
    "lon.csv": SCHEDULE_HEAD + "2026-06-12,6:30a,Diner,0,NaN\n",
    "badday.csv": SCHEDULE_HEAD + "2026-02-30,6:30a,Diner,,\n",
    "badcall.csv": SCHEDULE_HEAD + "2026-06-12,whenever,Diner,,\n",
    "broken.yaml": "days: [ {date: 2026-06-12, call: \n",
    "list.yaml": "- just\n- words\n",
    "empty.csv": "",
}


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory with the files above, a database, and a production, Night Owl."""
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "latin1.csv").write_bytes("name,email\nJosé Peña,jose@x.film\n".encode("latin-1"))
    (tmp_path / "folder.csv").mkdir()
    monkeypatch.chdir(tmp_path)
    for key in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_API_URL"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'slate.db'}")
    made = ["production", "create", "--name", "Night Owl", "--timezone", "UTC", "--team", "T1"]
    assert main(made) == 0
    return tmp_path


def _imp(kind: str, name: str, production: str = "Night Owl") -> list[str]:
    return ["import", kind, name, "--production", production]


CASES = [
    (_imp("crew", "missing.csv"), "missing.csv: No such file"),
    (_imp("crew", "folder.csv"), "folder.csv"),
    (_imp("crew", "latin1.csv"), "latin1.csv: not UTF-8 text"),
    (_imp("crew", "badcrew.csv"), "badcrew.csv:2: role 'director'"),
    (_imp("crew", "crew.csv", "Nope"), "No production “Nope”"),
    (_imp("budget", "nan.csv"), "nan.csv:2:"),
    (_imp("budget", "garbage.csv"), "garbage.csv:2:"),
    (_imp("budget", "huge.csv"), "huge.csv:2:"),
    (_imp("budget", "extra.csv"), "extra.csv:2:"),
    (_imp("budget", "noheader.csv"), "noheader.csv:1:"),
    (_imp("budget", "latin1.csv"), "not UTF-8 text"),
    (_imp("budget", "missing.csv"), "No such file"),
    (_imp("gear", "gear.csv"), "gear.csv:2:"),
    (_imp("gear", "crew.csv", "Nope"), "No production"),
    (_imp("contracts", "contracts.csv"), "contracts.csv:2:"),
    (_imp("contracts", "extra.csv"), "more cells than the header"),
    (_imp("gear", "gearextra.csv"), "gearextra.csv:2: this row has 1 more cells"),
    (_imp("budget", "budgetlong.csv"), "budgetlong.csv:2: keep the code under 20"),
    (_imp("crew", "crewnan.csv"), "crewnan.csv:2: min_rest_hours must be between 0 and 24"),
    (_imp("crew", "crewlong.csv"), "crewlong.csv:2: name is over 120 characters"),
    (_imp("gear", "gearlong.csv"), "gearlong.csv:2: name is over 120 characters"),
    (_imp("crew", "crewextra.csv"), "crewextra.csv:2: this row has 1 more cells"),
    (_imp("schedule", "schedextra.csv"), "line 2: this row has 1 more cells"),
    (_imp("schedule", "lat.csv"), "lat.csv:2: latitude should be a number from -90 to 90"),
    (_imp("schedule", "lon.csv"), "lon.csv:2: longitude should be a number"),
    (_imp("schedule", "badday.csv"), "badday.csv:2:"),
    (_imp("schedule", "badcall.csv"), "badcall.csv:2:"),
    (_imp("schedule", "broken.yaml"), "not valid YAML"),
    (_imp("schedule", "list.yaml"), "top-level `days:` list"),
    (_imp("schedule", "empty.csv"), "no shoot days"),
    (_imp("schedule", "missing.yaml"), "No such file"),
    (["export", "dpr", "--production", "Night Owl", "--day", "someday"], "YYYY-MM-DD"),
    (["export", "dpr", "--production", "Nope", "--day", "2026-06-12"], "No production"),
    (["export", "ical", "--production", "Night Owl", "--person", "Nobody"], "Nobody"),
    (["export", "expenses", "--production", "Nope"], "No production"),
    (["export", "payroll", "--production", "Night Owl", "-o", "no/such/dir.csv"], "no/such"),
    (["production", "create", "--name", "X", "--timezone", "Mars/Base", "--team", "T1"], "Mars"),
]


@pytest.mark.parametrize(("argv", "reason"), CASES, ids=[" ".join(a) for a, _ in CASES])
def test_a_bad_command_is_one_plain_line_and_exit_2(
    here: Path, capsys: pytest.CaptureFixture[str], argv: list[str], reason: str
) -> None:
    capsys.readouterr()
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 2, err
    assert reason in err and "Traceback" not in err
    assert not any(line.startswith("  File ") for line in err.splitlines())


def test_production_create_when_slack_refuses_auth_test(
    here: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    emulator = SlackEmulator().start()
    try:
        monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-not-a-real-token")
        monkeypatch.setenv("SLACK_API_URL", emulator.api_url)
        code = main(["production", "create", "--name", "Day Lark", "--timezone", "UTC"])
    finally:
        emulator.stop()
    err = capsys.readouterr().err
    assert code == 2 and "Slack refused" in err and "Traceback" not in err
