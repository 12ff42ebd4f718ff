"""Productions: validation, the coordinator guard, and resolving which production is meant."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot import permissions
from bot.blocks.setup import publish_text
from bot.errors import AmbiguousProduction, InvalidInput, NoProduction, NotAuthorized
from bot.services.core import productions
from bot.services.core.production_form import validate
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


def test_choosing_a_production_one_is_not_on_is_refused(session) -> None:
    mine = productions.create_production(session, "T1", Form("A", "UTC"), now=NOW, creator_id="U1")
    theirs = productions.create_production(
        session, "T1", Form("B", "UTC"), now=NOW, creator_id="U2"
    )
    with pytest.raises(NotAuthorized, match="crew list"):
        productions.choose(session, "T1", "U1", theirs.id, now=NOW)
    with pytest.raises(InvalidInput):  # another workspace's production does not exist here
        productions.choose(session, "T2", "U1", mine.id, now=NOW)
    assert productions.choose(session, "T1", "U1", mine.id, now=NOW) is mine


@given(
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    after=st.integers(1, 12 * 60),
)
def test_publish_times_read_back_as_typed(hour: int, minute: int, after: int) -> None:
    """Whatever time the setup form shows is read back to the same setting."""
    for setting in (f"{hour:02d}:{minute:02d}", f"+{after}"):
        shown = publish_text(setting)
        assert validate(Form("A", "UTC", publish_time=shown)).publish_time == setting


def test_the_read_path_finds_what_resolve_and_the_table_find(session) -> None:
    """The one-query read of /calltime: same production, entry and permission, or same error."""
    a = productions.create_production(
        session, "T1", Form("A", "UTC", crew_channel_id="CA"), now=NOW, creator_id="U1"
    )
    b = productions.create_production(
        session, "T1", Form("B", "Europe/Paris", crew_channel_id="CB"), now=NOW, creator_id="U1"
    )
    productions.create_production(session, "T2", Form("A", "UTC"), now=NOW, creator_id="U3")
    session.add(Person(production_id=a.id, slack_user_id="U2", name="Ad", position="1st AD"))
    session.add(Person(production_id=b.id, slack_user_id="U4", name="Pa", role="pa"))
    session.flush()
    productions.choose(session, "T1", "U1", b.id, now=NOW)
    for team, channel, user in itertools.product(
        ("T1", "T2"), ("CA", "CB", "D1", None), ("U1", "U2", "U3", "U4", "UNOBODY")
    ):
        try:
            expected = productions.resolve(session, team, channel, user)
        except (NoProduction, AmbiguousProduction) as error:
            with pytest.raises(type(error)):
                productions.resolve_read(session, team, channel, user)
            continue
        view, entry = productions.resolve_read(session, team, channel, user)
        assert (view.id, view.name, view.timezone) == (
            expected.id,
            expected.name,
            expected.timezone,
        )
        person = permissions.member(session, expected, user)
        assert (entry.id if entry else None) == (person.id if person else None)
        for action in permissions.ACTIONS:
            read = _decision(permissions.require_read, view.name, entry, action)
            assert _decision(permissions.require, session, expected, user, action) == read


def _decision(check, *args) -> str:
    try:
        check(*args)
    except NotAuthorized as refused:
        return str(refused)
    return "allowed"
