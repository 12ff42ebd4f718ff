"""The one people reader: whoever is named first is read, whatever follows stays text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.errors import InvalidInput
from bot.services.core import crew, people, productions
from tests.conftest import NOW

CREW = "name,email,role,slack_user_id\nPat PA,pat@x.film,pa,UPAT\nGus Grip,gus@x.film,crew,UGUS\n"
WORDS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=80)


@pytest.fixture
def production(session):
    made = productions.create_production(
        session, "T1", productions.ProductionForm("Night Owl", "America/Los_Angeles"), now=NOW
    )
    crew.import_crew(session, made, CREW)
    session.flush()
    return made


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rest=WORDS)
def test_text_after_the_person_stays_text(session, production, rest: str) -> None:
    """`@pat <anything>` and `<@UPAT|pat> <anything>`: Pat, and the rest exactly as typed."""
    rest = rest.strip()
    if rest.startswith(("@", "<@")):
        rest = "x " + rest  # a second person named first is read as a second assignee
    for named in ("@pat", "<@UPAT|pat>", "@Pat PA", "<@UPAT>"):
        found, after = people.leading(session, production, f"{named} {rest}")
        assert [p.slack_user_id for p in found] == ["UPAT"]
        assert after == rest or (named == "@pat" and after == rest.removeprefix("PA").strip())


def test_unknown_and_ambiguous_names_say_so(session, production) -> None:
    with pytest.raises(InvalidInput, match="nobody called “zed”"):
        people.one(session, production, "@zed")
    crew.import_crew(
        session, production, "name,email,role,slack_user_id\nPat Porter,pp@x.film,crew,UPP\n"
    )
    with pytest.raises(InvalidInput, match="did you mean Pat PA or Pat Porter"):
        people.one(session, production, "pat")
    assert people.one(session, production, "gus").slack_user_id == "UGUS"
    assert people.after_to(session, production, "c-stand 14 to @gus")[0] == "c-stand 14"
    assert people.after_to(session, production, "cable to camera cart") == (
        "cable to camera cart",
        None,
    )
