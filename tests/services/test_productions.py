"""Productions: validation, the coordinator guard, and resolving which production is meant."""

from __future__ import annotations

import pytest

from bot.errors import AmbiguousProduction, InvalidInput, NoProduction, NotAuthorized
from bot.services.core import productions
from bot.store.models import Person
from tests.conftest import NOW

Form = productions.ProductionForm


@pytest.mark.parametrize(
    ("form", "field"),
    [
        (Form("", "America/Los_Angeles"), "name"),
        (Form("X" * 121, "UTC"), "name"),
        (Form("X", "Mars/Olympus"), "timezone"),
        (Form("X", "UTC", "DOGE"), "currency"),
    ],
)
def test_invalid_forms_name_the_field(form, field) -> None:
    with pytest.raises(InvalidInput) as error:
        productions.validate(form)
    assert error.value.field == field


def test_names_are_unique_per_workspace(session) -> None:
    productions.create_production(session, "T1", Form("Night Owl", "UTC"), now=NOW)
    productions.create_production(session, "T2", Form("Night Owl", "UTC"), now=NOW)
    with pytest.raises(InvalidInput, match="already"):
        productions.create_production(session, "T1", Form("Night Owl", "UTC"), now=NOW)


def test_only_coordinators_edit(session) -> None:
    production = productions.create_production(
        session, "T1", Form("A", "UTC"), now=NOW, creator_id="UCOORD"
    )
    session.add(Person(production_id=production.id, slack_user_id="UCREW", name="c", role="crew"))
    session.flush()
    with pytest.raises(NotAuthorized):
        productions.update_production(session, production, Form("B", "UTC"), actor="UCREW")
    with pytest.raises(NotAuthorized):
        productions.update_production(session, production, Form("B", "UTC"), actor="USTRANGER")
    productions.update_production(session, production, Form("B", "UTC"), actor="UCOORD")
    assert production.name == "B"


def test_resolution_channel_first_then_membership(session) -> None:
    a = productions.create_production(
        session, "T1", Form("A", "UTC", crew_channel_id="CA"), now=NOW, creator_id="U1"
    )
    b = productions.create_production(
        session, "T1", Form("B", "UTC", crew_channel_id="CB"), now=NOW, creator_id="U1"
    )
    assert productions.resolve(session, "T1", "CB", "U1") is b
    assert productions.resolve(session, "T1", "CA", "UNOBODY") is a
    with pytest.raises(AmbiguousProduction) as error:
        productions.resolve(session, "T1", "D1", "U1")
    assert [name for _, name in error.value.options] == ["A", "B"]
    productions.choose(session, "T1", "U1", b.id, now=NOW)
    assert productions.resolve(session, "T1", "D1", "U1") is b
    with pytest.raises(NoProduction):
        productions.resolve(session, "T1", "D1", "UNOBODY")
    with pytest.raises(NoProduction):  # another workspace never sees these productions
        productions.resolve(session, "T2", "CA", "U1")
