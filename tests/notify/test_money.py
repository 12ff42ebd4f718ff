"""Money's messages are written when, and only when, the change that caused them commits."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.errors import InvalidInput
from bot.permissions import member
from bot.services.core import crew as crew_service
from bot.services.core import productions
from bot.services.money import budget, expenses, pettycash
from bot.services.money.quick import ExpenseForm
from bot.store.models import OutboxMessage, Production
from tests.conftest import NOW

COORDINATOR, GRIP, OFFICE = "UCORA", "UGUS", "COFFICE"


@pytest.fixture
def production(session: Session) -> Production:
    made = productions.create_production(
        session,
        "T1",
        productions.ProductionForm("Night Owl", "America/Los_Angeles", "USD", "CCREW", OFFICE),
        now=NOW,
        creator_id=COORDINATOR,
        creator_name="Cora Coordinator",
    )
    crew_service.import_crew(
        session,
        made,
        f"name,email,department,role,slack_user_id\nGus Grip,g@x.film,Grip,crew,{GRIP}\n",
    )
    budget.import_csv(session, made, "code,name,amount\ng&e,Grip & Electric,100\n")
    session.commit()
    return made


def messages(session: Session) -> list[OutboxMessage]:
    return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def test_a_rolled_back_expense_tells_no_one(session: Session, production: Production) -> None:
    expenses.submit(session, production, GRIP, ExpenseForm("95", "lamps", budget_code="g&e"), NOW)
    session.rollback()
    session.commit()
    assert messages(session) == []


def test_the_post_comes_first_then_the_budget_alert_once(
    session: Session, production: Production
) -> None:
    expenses.submit(session, production, GRIP, ExpenseForm("95", "lamps", budget_code="g&e"), NOW)
    session.commit()
    expenses.submit(session, production, GRIP, ExpenseForm("1", "tape", budget_code="g&e"), NOW)
    session.commit()
    sent = [(m.channel, m.payload["text"]) for m in messages(session) if m.channel == OFFICE]
    assert len(sent) == 3
    assert sent[0][1].startswith("Expense #1 $95.00 lamps")
    assert sent[1][1].startswith(":warning: Budget line #g&amp;e Grip &amp; Electric is at 95.0%")
    assert sent[2][1].startswith("Expense #2 $1.00 tape")


def test_an_overdrawn_envelope_refuses_the_expense_and_sends_nothing(
    session: Session, production: Production
) -> None:
    pettycash.move(session, production, COORDINATOR, "float", GRIP, "20", NOW)
    session.commit()
    form = ExpenseForm("25", "ice", method="petty_cash")
    with pytest.raises(InvalidInput, match=r"holds \$20.00"):
        expenses.submit(session, production, GRIP, form, NOW)
    session.rollback()
    assert messages(session) == []
    assert pettycash.envelope(
        session, production, member(session, production, GRIP)
    ).spent == Decimal("0.00")
