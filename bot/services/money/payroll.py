"""Contractors: days worked times day rate, 1099-NEC thresholds, missing paperwork."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from bot import permissions
from bot.services.core import csvfile
from bot.services.core.crew import RowError
from bot.services.core.csvfile import cells
from bot.services.money.amounts import read
from bot.services.onboarding import status as onboarding
from bot.store.models import Person, Production
from bot.store.models_callsheet import CallSheetRecipient, ShootDay
from bot.store.models_wrap import Contract

PAPERS = (
    ("w9", "W-9"),
    ("deal_memo", "deal memo"),
    ("nda", "NDA"),
    ("start_paperwork", "start paperwork"),
)
DAY_RATE_LARGEST = Decimal("99999999.99")  # the day_rate column holds 10 digits, 2 decimals
EXPORT_COLUMNS = (
    "name",
    "department",
    "day_rate",
    "days_worked",
    "owed",
    "reportable_1099",
    "w9",
    "deal_memo",
    "nda",
    "start_paperwork",
)


def threshold_1099(year: int) -> Decimal:
    """1099-NEC reporting threshold: $600 for payments through 2025, $2,000 from 2026."""
    return Decimal(2000) if year >= 2026 else Decimal(600)


@dataclass(frozen=True)
class PayLine:
    """One contractor's position."""

    person: Person
    contract: Contract
    days: int
    owed: Decimal
    reportable: bool
    w9: str = "missing"  # verified (start paperwork), on file (imported), received, missing

    @property
    def missing(self) -> list[str]:
        """Paperwork not on file (a W-9 verified in start paperwork counts)."""
        return _missing(self.contract, self.w9)


def _missing(contract: Contract, w9: str | None) -> list[str]:
    return [
        label
        for key, label in PAPERS
        if not getattr(contract, key) and not (key == "w9" and w9 == "verified")
    ]


def lines(session: Session, production: Production, now: datetime) -> list[PayLine]:
    """Every contractor: days worked (published days wrapped or past) times rate."""
    today = now.astimezone(ZoneInfo(production.timezone)).date()
    worked = dict(
        session.execute(
            select(CallSheetRecipient.person_id, func.count())
            .join(ShootDay, ShootDay.id == CallSheetRecipient.shoot_day_id)
            .where(
                ShootDay.production_id == production.id,
                CallSheetRecipient.working.is_(True),
                or_(ShootDay.wrap_at.is_not(None), ShootDay.date < today),
            )
            .group_by(CallSheetRecipient.person_id)
        ).all()
    )
    limit = threshold_1099(today.year)
    w9s = onboarding.w9_states(session, production)
    result = []
    for contract, person in session.execute(
        select(Contract, Person)
        .join(Person, Person.id == Contract.person_id)
        .where(Person.production_id == production.id)
        .order_by(Person.name)
    ):
        days = int(worked.get(person.id, 0))
        owed = contract.day_rate * days
        result.append(
            PayLine(person, contract, days, owed, owed >= limit, _w9(contract, w9s.get(person.id)))
        )
    return result


def _w9(contract: Contract, state: str | None) -> str:
    if state == "verified":
        return "verified"
    if contract.w9:
        return "on file"
    return "received" if state == "received" else "missing"


def report(session: Session, production: Production, actor: str, now: datetime) -> list[PayLine]:
    """/payroll (coordinators only)."""
    permissions.require(session, production, actor, "payroll.read")
    return lines(session, production, now)


def missing_paperwork(session: Session, person: Person) -> list[str]:
    """What a contractor still has to hand in (for the wrap DM)."""
    contract = session.scalar(select(Contract).where(Contract.person_id == person.id))
    if contract is None:
        return []
    return _missing(contract, onboarding.w9_states(session, person.production).get(person.id))


def import_csv(session: Session, production: Production, text: str) -> tuple[int, list[RowError]]:
    """Contracts from CSV: name, day_rate, w9, deal_memo, nda, start_paperwork (yes/no)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    rows, errors = [], []
    people = {
        p.name.lower(): p
        for p in session.scalars(select(Person).where(Person.production_id == production.id))
    }
    for raw in reader:
        try:
            values = cells(raw)
            person = people.get(values.get("name", "").lower())
            if person is None:
                raise ValueError(f"“{values.get('name')}” isn't on the crew list")
            rate = read(values.get("day_rate", ""), largest=DAY_RATE_LARGEST)
            if rate <= 0:
                raise ValueError("day_rate must be more than zero")
        except ValueError as error:
            errors.append(RowError(reader.line_num, str(error)))
            continue
        flags = {
            key: values.get(key, "").lower() in ("yes", "y", "true", "1", "x") for key, _ in PAPERS
        }
        rows.append((person, rate, flags))
    if errors:
        return 0, errors
    for person, rate, flags in rows:
        contract = session.scalar(select(Contract).where(Contract.person_id == person.id))
        if contract is None:
            contract = Contract(person_id=person.id, day_rate=rate)
            session.add(contract)
        contract.day_rate = rate
        for key, value in flags.items():
            setattr(contract, key, value)
    session.flush()
    return len(rows), []


def export_csv(session: Session, production: Production, now: datetime) -> str:
    """The payroll as CSV (EXPORT_COLUMNS)."""
    out = io.StringIO()
    writer = csvfile.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    for line in lines(session, production, now):
        c = line.contract
        writer.writerow(
            [
                line.person.name,
                line.person.department.name if line.person.department else "",
                f"{c.day_rate:.2f}",
                line.days,
                f"{line.owed:.2f}",
                "yes" if line.reportable else "no",
                *("no" if label in line.missing else "yes" for _, label in PAPERS),
            ]
        )
    return out.getvalue()
