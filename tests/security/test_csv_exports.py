"""Every CSV Slate writes is safe to open: no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
import re

from hypothesis import given
from hypothesis import strategies as st

from bot.cli_admin import CSV_EXPORTS
from bot.services.core import crew as crew_service
from bot.services.core import csvfile
from bot.services.money import payroll
from bot.store.models import Production
from tests.conftest import Crew
from tests.harness import Running

EVIL = '=HYPERLINK("http://evil.example","x")'
RUNS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?")


def _unsafe(cells: list[str]) -> list[str]:
    return [c for c in cells if c.startswith(RUNS) and not NUMBER.fullmatch(c)]


def test_every_export_neutralizes_formulas(running: Running, crew: Crew) -> None:
    ws = running.emulator.workspace
    eve = ws.add_user("eve", "eve@nightowl.film", real_name="Eve")
    with running.db() as db:
        production = db.get(Production, crew.production_id)
        production.problems_channel_id = crew.coordinators_channel
        crew_service.import_crew(
            db,
            production,
            f'name,email,department,role,slack_user_id\n"{EVIL.replace(chr(34), 2 * chr(34))}",'
            f"eve@nightowl.film,@Grip,crew,{eve.id}\n",
        )
        payroll.import_csv(db, production, "name,day_rate,w9\nGus Grip,650,yes\n")
        db.commit()
    # What the crew type, over the wire: an expense, a problem, a task and a broadcast.
    running.slack.command(eve, "/expense", "", channel=crew.crew_channel)
    expense_form = running.slack.last_view(eve)
    running.slack.submit(
        eve, expense_form, {"amount": "12", "vendor": "@SUM(A1)", "description": "-2+3+cmd"}
    )
    running.slack.command(eve, "/problem", "")
    running.slack.submit(
        eve,
        running.slack.last_view(eve),
        {"description": EVIL, "severity": "fyi", "place": "@stage 2"},
    )
    running.slack.command(crew.coordinator, "/assign", f"<@{eve.id}> =1+2 fetch sandbags")
    running.slack.command(crew.coordinator, "/broadcast")
    running.slack.submit(
        crew.coordinator,
        running.slack.last_view(crew.coordinator),
        {"message": "\t=cmd|' /C calc'!A0", "roles": ["crew"]},
    )
    running.deliver()
    with running.db() as db:
        production = db.get(Production, crew.production_id)
        exports = {kind: make(db, production) for kind, make in CSV_EXPORTS.items()}
    assert set(exports) >= {"payroll", "expenses", "problems", "tasks", "broadcasts"}
    cells = {}
    for kind, text in exports.items():
        cells[kind] = {c for row in csv.reader(io.StringIO(text)) for c in row}
        assert _unsafe(list(cells[kind])) == [], kind
    # What was typed is still there to read, behind the quote.
    assert {f"'{EVIL}", "'@stage 2"} <= cells["problems"]
    assert {"'@SUM(A1)", "'-2+3+cmd", f"'{EVIL}"} <= cells["expenses"]
    assert "'=1+2 fetch sandbags" in cells["tasks"]
    assert "'=cmd|' /C calc'!A0" in cells["broadcasts"]


def test_amounts_stay_numbers() -> None:
    text = csvfile.render(("amount", "note"), [("-12.50", "-12.50 refund"), ("+3", "-1,234.56")])
    assert list(csv.reader(io.StringIO(text)))[1:] == [
        ["-12.50", "'-12.50 refund"],
        ["+3", "-1,234.56"],
    ]


@given(st.lists(st.text(max_size=12), max_size=6))
def test_no_rendered_cell_can_run(row: list[str]) -> None:
    text = csvfile.render([f"c{i}" for i in range(len(row))], [row])
    parsed = list(csv.reader(io.StringIO(text)))
    cells = [c for r in parsed[1:] for c in r]
    assert _unsafe(cells) == []
    assert [c[1:] if c != v else c for c, v in zip(cells, row, strict=False)] == row[: len(cells)]
