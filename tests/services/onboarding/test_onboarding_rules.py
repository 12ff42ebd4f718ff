"""Start paperwork rules: packets per kind, starting once, business days, naming documents,
and an export that carries status, never documents or contacts, and no live formula."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from bot.errors import InvalidInput, NotAuthorized
from bot.services.core import crew, productions
from bot.services.onboarding import checklists, documents, forms, packets, reminders, status
from bot.store.models import Person
from bot.store.models_onboarding import OnboardingItem, OnboardingPacket
from tests.conftest import NOW

CREW = """name,email,role,slack_user_id
Cora Coordinator,cora@x.film,coordinator,UCORA
Gus Grip,gus@x.film,crew,UGUS
=HYPERLINK("http://evil"),evil@x.film,crew,UEVIL
Ana Actor,ana@x.film,cast,UANA
"""


def _setup(session):
    production = productions.create_production(
        session, "T1", productions.ProductionForm("Night Owl", "America/Los_Angeles"), now=NOW
    )
    crew.import_crew(session, production, CREW)
    session.flush()
    people = {p.slack_user_id: p for p in session.scalars(select(Person))}
    return production, people


def _items(session, onboarding) -> list[str]:
    return [row.item for row in status.items_of(session, onboarding)]


def test_each_kind_gets_its_packet_and_starting_again_adds_nothing(session) -> None:
    production, people = _setup(session)
    gus = checklists.start_onboarding(session, production, people["UGUS"], None, now=NOW)
    ana = checklists.start_onboarding(session, production, people["UANA"], None, now=NOW)
    assert (gus.kind, ana.kind) == ("employee", "cast")
    assert _items(session, gus) == ["deal_memo", "w4", "i9", "nda", "emergency", "dietary"]
    assert "sizes" in _items(session, ana) and "w9" not in _items(session, ana)
    again = checklists.start_onboarding(
        session, production, people["UGUS"], date(2026, 6, 15), kind="contractor", now=NOW
    )
    assert again.id == gus.id and again.first_day == date(2026, 6, 15)
    assert session.scalar(select(func.count(OnboardingItem.id))) == 6 + 7 + 1  # + the W-9


def test_coordinators_edit_a_packet_and_bad_items_change_nothing(session) -> None:
    production, people = _setup(session)
    with pytest.raises(NotAuthorized):
        packets.set_packet(session, production, "UGUS", "contractor", ["w9"])
    with pytest.raises(InvalidInput, match="I don't know “passport”"):
        packets.set_packet(session, production, "UCORA", "contractor", ["w9", "passport"])
    assert session.scalar(select(func.count(OnboardingPacket.id))) == 0
    packets.set_packet(session, production, "UCORA", "contractor", ["W-9", "deal memo", "w9"])
    started = checklists.start_onboarding(
        session, production, people["UGUS"], None, kind="contractor", now=NOW
    )
    assert _items(session, started) == ["deal_memo", "w9"]


def test_a_form_refuses_bad_answers_and_stores_nothing(session) -> None:
    production, people = _setup(session)
    started = checklists.start_onboarding(session, production, people["UGUS"], None, now=NOW)
    emergency = next(r for r in status.items_of(session, started) if r.item == "emergency")
    with pytest.raises(InvalidInput) as refused:
        forms.submit(session, "T1", emergency.id, "UGUS", {"name": "", "phone": "call me"}, NOW)
    assert set(refused.value.errors) == {"name", "phone"}  # type: ignore[attr-defined]
    assert emergency.status == "open"
    with pytest.raises(NotAuthorized, match="Only coordinators"):
        forms.submit(session, "T1", emergency.id, "UEVIL", {"name": "X", "phone": "5550100"}, NOW)
    with pytest.raises(NotAuthorized, match="someone else's"):
        forms.submit(session, "T1", emergency.id, "UCORA", {"name": "X", "phone": "5550100"}, NOW)


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)), st.integers(1, 10))
def test_business_days_skip_weekends(start: date, count: int) -> None:
    end = reminders.business_days_after(start, count)
    between = [start + timedelta(days=n) for n in range(1, (end - start).days + 1)]
    assert end.weekday() < 5
    assert sum(d.weekday() < 5 for d in between) == count


def test_an_i9_is_due_three_business_days_after_the_first_day() -> None:
    assert reminders.business_days_after(date(2026, 6, 12), 3) == date(2026, 6, 17)  # Fri->Wed
    assert reminders.business_days_after(date(2026, 6, 15), 3) == date(2026, 6, 18)  # Mon->Thu


@pytest.mark.parametrize(
    ("text", "name", "item"),
    [
        ("here's my W-9", "scan.pdf", "w9"),
        ("", "Deal_Memo_signed.pdf", "deal_memo"),
        ("signed deal memo", "x.pdf", "deal_memo"),
        ("NDA", "IMG_0001.jpg", "nda"),
        ("i-9 attached", "x.pdf", "i9"),
        ("", "IMG_1239.jpg", None),
        ("lunch receipt", "receipt.jpg", None),
        ("my emergency contact", "x.pdf", None),  # a form, not a document
    ],
)
def test_a_dm_names_its_document(text: str, name: str, item: str | None) -> None:
    assert documents.named_item(text, [{"id": "F1", "name": name}]) == item


def test_the_export_is_status_only_and_safe_to_open(session) -> None:
    production, people = _setup(session)
    for who in ("UGUS", "UEVIL"):
        checklists.start_onboarding(session, production, people[who], date(2026, 6, 12), now=NOW)
    gus = status.of_person(session, people["UGUS"])
    emergency = next(r for r in status.items_of(session, gus) if r.item == "emergency")
    forms.submit(session, "T1", emergency.id, "UGUS", {"name": "Gina", "phone": "3105550142"}, NOW)
    text = status.export_csv(session, production)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(status.EXPORT_COLUMNS)
    assert "Gina" not in text and "3105550142" not in text
    evil = next(r for r in rows if "HYPERLINK" in r["name"])
    assert evil["name"].startswith("'=") and evil["status"] == "red"
    row = next(r for r in rows if r["name"] == "Gus Grip")
    assert row["first_day"] == "2026-06-12" and "Emergency" not in row["open_items"]
