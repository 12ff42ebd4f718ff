"""The full call sheet from a schedule file: every section, computed totals, cast statuses from
the schedule, and the phones switch."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from bot.errors import FieldErrors
from bot.services.callsheets import drafts, schedule_import, sheet, sheet_people, sheet_settings
from bot.store.models_callsheet import CastMember
from tests.conftest import NOW
from tests.services.callsheets.full_day import FRIDAY, day, production_with_schedule


def test_the_schedule_file_fills_every_section(session) -> None:
    production = production_with_schedule(session)
    view = sheet.build(session, production, day(session, production))
    assert view.company == "Owl Pictures LLC"
    assert [c[:2] for c in view.contacts] == [
        ("Producer", "Pia Producer"),
        ("UPM", "Uma Manager"),
        ("1st AD", "Al First"),
    ]
    assert view.second_meal is not None and view.background_call is not None
    assert view.location is not None and view.location.crew_parking.startswith("400 Spring")
    assert view.walkies[0] == ("1", "Production")
    assert "stunt coordinator" in (view.safety_notes or "")
    assert view.standard_notes and view.standard_notes.startswith("No visitors")
    # Scenes name cast by number (typed as numbers, read as numbers), requirements kept.
    assert [(s.number, s.cast, s.background) for s in view.scenes] == [
        ("12", "1, 2", 8),
        ("14", "1", 4),
    ]
    assert view.scenes[1].requirements == "stunts: fall from kerb"
    # Totals are computed from the scenes and calls, never typed.
    assert (view.total_pages, view.background_total, view.cast_count) == ("1 7/8", 12, 2)
    assert view.advance[0].scenes == "20"
    ana = view.cast[0]
    assert (ana.number, ana.character, ana.actor, ana.remarks) == (
        "1",
        "ROSA",
        "Ana Actor",
        "Fitting at lunch",
    )
    assert ana.pickup < ana.hmu < ana.wardrobe < ana.on_set
    grip = next(g for g in view.crew if g.department == "Grip").people[0]
    assert (grip.name, grip.position, grip.individual) == ("Gus Grip", "Key Grip", True)
    # Links are plain URLs built from the coordinates or the address: no network call.
    links = dict(view.location.links)
    assert links["Set"].endswith("query=34.052200%2C-118.243700")
    assert links["Hospital"].endswith("query=1225+Wilshire+Blvd%2C+Los+Angeles")


def test_cast_statuses_come_from_the_schedule(session) -> None:
    production = production_with_schedule(session)
    statuses = {
        on: {
            c.actor: c.status
            for c in sheet.build(session, production, day(session, production, on)).cast
        }
        for on in (FRIDAY, FRIDAY + timedelta(days=1), FRIDAY + timedelta(days=2))
    }
    assert statuses[FRIDAY] == {"Ana Actor": "SW", "Bo Bit": "SW"}
    assert statuses[FRIDAY + timedelta(days=1)] == {"Ana Actor": "H", "Bo Bit": "WF"}
    assert statuses[FRIDAY + timedelta(days=2)] == {"Ana Actor": "WF"}


@given(st.sets(st.integers(0, 30), min_size=1, max_size=12))
def test_a_cast_member_starts_once_finishes_once_and_holds_only_in_between(days: set) -> None:
    worked = {date(2026, 6, 1) + timedelta(days=d) for d in days}
    span = [date(2026, 6, 1) + timedelta(days=d) for d in range(-1, 32)]
    states = [sheet_people.status(worked, on) for on in span]
    marked = [s for s in states if s is not None]
    assert sum("S" in s for s in marked) == 1 and sum("F" in s for s in marked) == 1
    assert [on for on, s in zip(span, states, strict=True) if s and s != "H"] == sorted(worked)
    assert all(
        min(worked) < on < max(worked) for on, s in zip(span, states, strict=True) if s == "H"
    )


@pytest.mark.parametrize(
    ("switch", "shown"),
    [
        ("none", set()),
        ("heads", {"Dana DP", "Gil Gaffer"}),
        ("all", {"Dana DP", "Gil Gaffer", "Gus Grip", "Cam Assistant"}),
    ],
)
def test_the_phones_switch_decides_whose_phones_crew_copies_show(session, switch, shown) -> None:
    production = production_with_schedule(session, phones=switch)
    view = sheet.build(session, production, day(session, production))
    phones = {p.name for g in view.crew for p in g.people if p.phone}
    assert phones == shown


def test_a_wrong_cast_list_is_refused_whole_and_says_what_to_type(session) -> None:
    production = production_with_schedule(session)
    found = FieldErrors()
    form = sheet_settings.SheetForm(
        cast="1 | Ana Actor | ROSA\n2 | Nobody Known | X", typed={"cast"}
    )
    sheet_settings.apply(session, production, form, found)
    assert "Nobody Known" in found.errors["sheet_cast"]
    numbers = session.scalars(select(CastMember.number).order_by(CastMember.number)).all()
    assert numbers == ["1", "2"]  # as imported: nothing half-replaced
    found = FieldErrors()
    form = sheet_settings.SheetForm(phones="some", typed={"phones"})
    sheet_settings.apply(session, production, form, found)
    assert "none, heads or all" in found.errors["sheet_phones"]


def test_a_bad_scene_background_is_reported_with_its_line(session) -> None:
    production = production_with_schedule(session)
    text = (
        "days:\n  - {date: 2026-06-20, location: Rosa's Diner, call: 7a,\n"
        "     scenes: [{number: 1, set: X, dn: D, pages: 1, background: many}]}\n"
    )
    report = schedule_import.import_schedule(session, production, text, "d.yaml", now=NOW)
    assert report.saved == 0 and "background is a count" in report.errors[0].reason


def test_the_editor_shows_what_the_file_set(session) -> None:
    production = production_with_schedule(session)
    lines = sheet_settings.editor_lines(session, production)
    draft = drafts.draft(production, FRIDAY, day(session, production), 1, lines)
    assert draft.sheet_cast == "1 | Ana Actor | ROSA\n2 | Bo Bit | WAITER"
    assert draft.sheet_heads == "Dana DP, Gil Gaffer"
    assert draft.sheet_contacts.splitlines()[1] == "UPM | Uma Manager | 213-555-0101"
    assert (
        "12 | INT. DINER | D | 1 4/8 | 1, 2 | Rosa's Diner | 8 | props: coffee pot" in draft.scenes
    )
    assert (
        "Ana Actor 6:00a pickup 5:00a hmu 5:15a wardrobe 5:45a onset 7:30a | Fitting at lunch"
        in draft.calls
    )
