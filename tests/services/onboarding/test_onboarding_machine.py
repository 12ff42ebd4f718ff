"""A checklist under any sequence of uploads, fetches, verifications and forms, by the person,
a coordinator and another crew member: only the person hands in, only coordinators verify,
and green means every form in and every document verified, each with its file's SHA-256."""

from __future__ import annotations

import hashlib
import itertools

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import select

from bot.errors import SlateError
from bot.services.core import crew, productions
from bot.services.onboarding import checklists, documents, forms, status
from bot.store.models import Person
from bot.store.models_onboarding import OnboardingFile
from tests.conftest import NOW

ACTORS = ("UGUS", "UCORA", "UPAT")
FILES = ("deal_memo", "w9", "nda")
FORMS = {
    "emergency": {"name": "Gina", "phone": "310 555 0142"},
    "dietary": {"diet": "vegetarian", "allergies": "peanuts"},
}
_teams = itertools.count()


def _content(url: str, _team: str = "") -> bytes:
    return b"%PDF " + url.encode()


def test_a_checklist_keeps_its_rules(session) -> None:
    class Checklist(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.team = f"TM{next(_teams)}"
            production = productions.create_production(
                session, self.team, productions.ProductionForm("Night Owl", "UTC"), now=NOW
            )
            crew.import_crew(
                session,
                production,
                "name,email,role,slack_user_id\n"
                f"Cora,c@{self.team}.film,coordinator,UCORA\n"
                f"Gus,g@{self.team}.film,crew,UGUS\nPat,p@{self.team}.film,pa,UPAT\n",
            )
            gus = session.scalar(
                select(Person).where(
                    Person.production_id == production.id, Person.slack_user_id == "UGUS"
                )
            )
            self.onboarding = checklists.start_onboarding(
                session, production, gus, None, kind="contractor", now=NOW
            )
            self.ids = {r.item: r.id for r in status.items_of(session, self.onboarding)}
            self.expected = dict.fromkeys(self.ids, "open")
            self.uploads = itertools.count()

        def _try(self, act) -> bool:
            try:
                act()
            except SlateError:
                return False
            return True

        @rule(actor=st.sampled_from(ACTORS), item=st.sampled_from(FILES))
        def upload(self, actor: str, item: str) -> None:
            n = next(self.uploads)
            url = f"https://files.slack.com/{self.team}/{n}"
            file = {"id": f"F{n}", "name": f"{item}.pdf", "url_private": url}
            item_id = self.ids[item]
            took = self._try(
                lambda: documents.take(session, self.team, item_id, actor, [file], NOW)
            )
            allowed = actor == "UGUS" and self.expected[item] != "verified"
            assert took == allowed
            if took:
                self.expected[item] = "fetching"

        @rule()
        def fetch(self) -> None:
            waiting = session.scalars(
                select(OnboardingFile.id).where(
                    OnboardingFile.production_id == self.onboarding.production_id,
                    OnboardingFile.sha256.is_(None),
                )
            ).all()
            for file_id in waiting:
                documents.fetch_job(session, {"file_id": file_id}, NOW, fetch=_content)
            for item, state in self.expected.items():
                if state == "fetching":
                    self.expected[item] = "received"

        @rule(actor=st.sampled_from(ACTORS), item=st.sampled_from(FILES))
        def verify(self, actor: str, item: str) -> None:
            item_id = self.ids[item]
            done = self._try(lambda: documents.verify(session, self.team, item_id, actor, NOW))
            was = self.expected[item]
            assert done == (actor == "UCORA" and was in ("received", "verified"))
            if done:
                self.expected[item] = "verified"

        @rule(actor=st.sampled_from(ACTORS), item=st.sampled_from(sorted(FORMS)))
        def fill(self, actor: str, item: str) -> None:
            item_id = self.ids[item]
            answers = FORMS[item]
            done = self._try(lambda: forms.submit(session, self.team, item_id, actor, answers, NOW))
            assert done == (actor == "UGUS")
            if done:
                self.expected[item] = "done"

        @invariant()
        def matches_the_model(self) -> None:
            rows = status.items_of(session, self.onboarding)
            assert {r.item: r.status for r in rows} == self.expected
            green = all(s in status.DONE for s in self.expected.values())
            assert status.is_green(session, self.onboarding) == green

        @invariant()
        def verified_documents_have_their_checksum(self) -> None:
            for item in FILES:
                if self.expected[item] != "verified":
                    continue
                files = session.scalars(
                    select(OnboardingFile).where(OnboardingFile.item_id == self.ids[item])
                ).all()
                assert files and all(
                    f.sha256 == hashlib.sha256(_content(f.url)).hexdigest() for f in files
                )

    run_state_machine_as_test(
        Checklist,
        settings=settings(
            max_examples=15,
            stateful_step_count=20,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )
