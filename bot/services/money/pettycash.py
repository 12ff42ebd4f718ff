"""Petty cash envelopes: floats issued, cash spent through expenses, cash returned."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot import permissions
from bot.errors import InvalidInput
from bot.permissions import member
from bot.services.money.amounts import ceiling, read, show
from bot.store.models import Person, Production
from bot.store.models_money import Expense, PettyCashEntry

USAGE = "Type `/pettycash issue @pat 200` or `/pettycash return @pat 20`."


@dataclass(frozen=True)
class Envelope:
    """One person's petty cash."""

    issued: Decimal
    spent: Decimal
    returned: Decimal

    @property
    def balance(self) -> Decimal:
        """Cash the person should still hold."""
        return self.issued - self.spent - self.returned


def envelope(session: Session, production: Production, person: Person) -> Envelope:
    """Totals of a person's envelope."""
    rows = dict(
        session.execute(
            select(PettyCashEntry.kind, func.sum(PettyCashEntry.amount))
            .where(
                PettyCashEntry.production_id == production.id, PettyCashEntry.person_id == person.id
            )
            .group_by(PettyCashEntry.kind)
        ).all()
    )
    zero = Decimal("0.00")
    return Envelope(
        Decimal(rows.get("float") or zero),
        Decimal(rows.get("spend") or zero),
        Decimal(rows.get("return") or zero),
    )


def move(
    session: Session,
    production: Production,
    actor: str,
    kind: str,
    who: str,
    amount_text: str,
    now: datetime,
) -> tuple[Person, Envelope]:
    """Issue a float to, or take cash back from, someone (coordinators only)."""
    permissions.require(session, production, actor, "pettycash.move")
    person = member(session, production, who)
    if person is None:
        raise InvalidInput("That person isn't on the crew list.")
    try:
        amount = read(amount_text)
    except ValueError as error:
        raise InvalidInput(f"{error} {USAGE}") from error
    if amount <= 0:
        raise InvalidInput("The amount must be more than zero.")
    cap = ceiling(production.settings or {}, "petty_cash_cap")
    if kind == "float" and amount > cap:
        raise InvalidInput(
            f"{show(amount, production.currency)} is over this production's cap of "
            f"{show(cap, production.currency)} for one petty cash float. Check the amount, "
            "or ask a coordinator to raise the cap."
        )
    if kind == "return" and amount > envelope(session, production, person).balance:
        raise InvalidInput(
            f"{person.name} only holds "
            f"{show(envelope(session, production, person).balance, production.currency)}."
        )
    session.add(
        PettyCashEntry(
            production_id=production.id,
            person_id=person.id,
            kind=kind,
            amount=amount,
            at=now,
            by=actor,
        )
    )
    session.flush()
    return person, envelope(session, production, person)


def sync(
    session: Session, production: Production, expense: Expense, person: Person, now: datetime
) -> None:
    """Keep the envelope's spend entry in step with a petty cash expense."""
    session.execute(delete(PettyCashEntry).where(PettyCashEntry.expense_id == expense.id))
    if expense.method != "petty_cash" or expense.status not in ("pending", "approved"):
        return
    held = envelope(session, production, person).balance
    if expense.amount is not None and expense.amount > held:
        raise InvalidInput(
            f"Your petty cash envelope holds {show(held, production.currency)}. "
            "Log the rest as personal (to be reimbursed).",
            field="method",
        )
    session.add(
        PettyCashEntry(
            production_id=production.id,
            person_id=person.id,
            kind="spend",
            amount=expense.amount,
            expense_id=expense.id,
            at=now,
            by=expense.submitter,
        )
    )
