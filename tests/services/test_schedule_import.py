"""Importing a whole schedule from YAML or CSV."""

from __future__ import annotations

from sqlalchemy import select

from bot.services.callsheets import publishing, schedule_import
from bot.services.core import crew, productions
from bot.store.models_callsheet import Location, ShootDay
from tests.conftest import NOW

YAML = """
locations:
  - name: Rosa's Diner
    address: 123 Main St, Los Angeles
    parking: Lot B
    hospital: Good Samaritan
    hospital_phone: 213-555-0100
    latitude: 34.0522
    longitude: -118.2437
days:
  - date: 2026-06-12
    location: Rosa's Diner
    call: 6:30a
    shooting_call: 8a
    wrap: 2a
    lunch: 12:30p
    departments: {Grip: -30}
    scenes:
      - {number: 12, set: INT. DINER, dn: N, pages: 1 4/8, cast: [Ana]}
    calls:
      - {person: Ana Actor, call: 5:30a, pickup: 4:45a}
      - {person: Gus Grip, off: true}
  - date: 2026-06-13
    location: Rosa's Diner
    call: 7a
"""


def _production(session):
    production = productions.create_production(
        session, "T1", productions.ProductionForm("Night Owl", "America/Los_Angeles"), now=NOW
    )
    crew.import_crew(
        session,
        production,
        "name,email,department,role\nAna Actor,ana@x.film,,cast\nGus Grip,gus@x.film,Grip,crew\n",
    )
    return production


def test_yaml_schedule_with_an_overnight_wrap(session) -> None:
    production = _production(session)
    report = schedule_import.import_schedule(session, production, YAML, "days.yaml", now=NOW)
    assert (report.saved, report.errors, report.imported) == (2, [], True)
    friday = session.scalar(select(ShootDay).order_by(ShootDay.date))
    assert friday.location.parking == "Lot B" and friday.location.hospital_phone
    assert friday.estimated_wrap.isoformat() == "2026-06-13T09:00:00+00:00"  # 2a next day
    assert friday.department_offsets["Grip"] == -30
    assert [(s.number, s.pages_eighths, s.cast) for s in friday.scenes] == [("12", 12, ["Ana"])]
    assert {o.person.name: o.off for o in friday.overrides} == {
        "Ana Actor": False,
        "Gus Grip": True,
    }


def test_bad_days_are_reported_by_line_and_nothing_is_saved(session) -> None:
    production = _production(session)
    text = YAML.replace("call: 7a", "call: whenever").replace("person: Ana Actor", "person: Nobody")
    report = schedule_import.import_schedule(session, production, text, "days.yaml", now=NOW)
    assert not report.imported and report.saved == 0
    assert [(e.line, e.reason.split(" ")[0]) for e in report.errors] == [
        (11, "“Nobody”"),
        (23, "“whenever”"),
    ]


CSV = (
    "date,location,address,parking,call,wrap,scenes,departments,calls\n"
    "2026-06-12,Rosa's Diner,123 Main St,Lot B,6:30a,7p,"
    "12 | INT. DINER | D | 1 4/8 | Ana;14 | EXT. STREET | N | 3/8,Grip -30,Ana Actor 5:30a\n"
    "2026-06-13,Warehouse,,,,7p,,,\n"
    "2026-06-15,Rosa's Diner,,,7a,8p,,,\n"
)


def test_csv_schedule_and_skip_bad_rows(session) -> None:
    production = _production(session)
    report = schedule_import.import_schedule(
        session, production, CSV, "days.csv", now=NOW, skip_bad_rows=True
    )
    assert report.imported and report.saved == 2
    assert [e.line for e in report.errors] == [3]
    assert "general crew call" in report.errors[0].reason
    days = session.scalars(select(ShootDay).order_by(ShootDay.date)).all()
    assert [str(d.date) for d in days] == ["2026-06-12", "2026-06-15"]
    assert len(days[0].scenes) == 2 and days[1].location.address == "123 Main St"


def test_a_reimport_updates_days_and_locations_in_place_and_the_next_publish_sends_it(
    session,
) -> None:
    production = _production(session)
    production.crew_channel_id, production.coordinators_channel_id = "C1", "C2"
    schedule_import.import_schedule(session, production, YAML, "days.yaml", now=NOW)
    friday = session.scalar(select(ShootDay).order_by(ShootDay.date))
    first = publishing.publish(session, production, friday, actor=None, now=NOW, force=True)
    assert first.published and friday.revision == 1
    ids = sorted(session.scalars(select(ShootDay.id)))
    moved = YAML.replace("parking: Lot B", "parking: Lot C").replace("call: 6:30a", "call: 6a")
    report = schedule_import.import_schedule(session, production, moved, "days.yaml", now=NOW)
    assert (report.saved, report.errors) == (2, [])
    assert sorted(session.scalars(select(ShootDay.id))) == ids  # no duplicate days
    assert session.scalars(select(Location.name)).all() == ["Rosa's Diner"]  # nor places
    assert friday.location.parking == "Lot C"
    again = publishing.publish(session, production, friday, actor=None, now=NOW, force=True)
    assert (again.published, friday.revision) == (True, 2)
    assert friday.published["parking"] == "Lot C"
    assert friday.general_call.isoformat() == "2026-06-12T13:00:00+00:00"  # 6a PDT
