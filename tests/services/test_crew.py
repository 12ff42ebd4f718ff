"""Importing the crew list: every bad row reported, nothing half-imported, re-import updates."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from bot.services.core import crew, productions
from bot.store.models import Department, Person
from tests.conftest import NOW

GOOD = """name,email,phone,department,position,role,min_rest_hours,dietary_notes
Ana Gaffer,ana@x.film,555-0101,Electric,Gaffer,crew,10,vegetarian
Ben Best Boy,ben@x.film,555-0102,Electric,Best boy,crew,,
Cy Camera,cy@x.film,,Camera,1st AC,crew,12,
Pia PA,pia@x.film,555-0199,Production,PA,pa,,
"""


def _production(session):
    production = productions.create_production(
        session, "T1", productions.ProductionForm("Night Owl", "America/Los_Angeles"), now=NOW
    )
    session.flush()
    return production


def _count(session, production) -> int:
    return session.scalar(select(func.count()).where(Person.production_id == production.id))


def test_import_matches_slack_users_by_email(session) -> None:
    production = _production(session)
    slack = {"ana@x.film": "UANA", "ben@x.film": "UBEN", "pia@x.film": "UPIA"}
    report = crew.import_crew(session, production, GOOD, lookup=slack.get)
    assert (report.created, report.updated, report.errors) == (4, 0, [])
    assert report.unmatched == ["line 4: Cy Camera <cy@x.film>"]
    ana = session.scalar(select(Person).where(Person.email == "ana@x.film"))
    assert (ana.slack_user_id, ana.department.name, ana.min_rest_hours) == (
        "UANA",
        "Electric",
        Decimal("10"),
    )
    departments = session.scalars(select(Department.name).order_by(Department.name)).all()
    assert departments == ["Camera", "Electric", "Production"]


def test_reimport_updates_instead_of_duplicating(session) -> None:
    production = _production(session)
    crew.import_crew(session, production, GOOD)
    changed = GOOD.replace("555-0101", "555-9999").replace("1st AC", "2nd AC")
    report = crew.import_crew(session, production, changed, lookup={"cy@x.film": "UCY"}.get)
    assert (report.created, report.updated) == (0, 4)
    assert _count(session, production) == 4
    cy = session.scalar(select(Person).where(Person.email == "cy@x.film"))
    assert (cy.position, cy.slack_user_id) == ("2nd AC", "UCY")


BAD = """name,email,role,slack_user_id,min_rest_hours
Good Person,good@x.film,crew,,
,nameless@x.film,crew,,
No Contact,,crew,,
Bad Email,not-an-email,crew,,
Bad Role,role@x.film,director,,
Bad Rest,rest@x.film,crew,,lots
Bad Slack,slack@x.film,crew,bob,
Twice,good@x.film,crew,,
"""


def test_every_bad_row_is_reported_and_nothing_is_imported(session) -> None:
    production = _production(session)
    report = crew.import_crew(session, production, BAD)
    assert not report.imported
    assert [(e.line, e.reason.split(" ")[0]) for e in report.errors] == [
        (3, "name"),
        (4, "needs"),
        (5, "'not-an-email'"),
        (6, "role"),
        (7, "min_rest_hours"),
        (8, "'BOB'"),
        (9, "good@x.film"),
    ]
    assert _count(session, production) == 0


def test_skip_bad_rows_imports_the_good_ones(session) -> None:
    production = _production(session)
    report = crew.import_crew(session, production, BAD, skip_bad_rows=True)
    assert report.imported and report.created == 1 and len(report.errors) == 7
    assert _count(session, production) == 1


def test_a_file_without_the_right_header(session) -> None:
    production = _production(session)
    report = crew.import_crew(session, production, "full name,mail\nAna,a@x.film\n")
    assert report.errors[0].line == 1 and "'name'" in report.errors[0].reason


def test_progress_is_reported_on_long_files(session) -> None:
    production = _production(session)
    rows = "".join(f"P{i},p{i}@x.film,crew\n" for i in range(60))
    seen: list[tuple[int, int]] = []
    crew.import_crew(
        session,
        production,
        "name,email,role\n" + rows,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(25, 60), (50, 60), (60, 60)]
