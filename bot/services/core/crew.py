"""The crew list: importing it from CSV, matched to Slack users by id or email."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.core.csvfile import cells
from bot.store.models import ROLES, Department, Person, Production

COLUMNS = (
    "name",
    "email",
    "phone",
    "department",
    "position",
    "role",
    "slack_user_id",
    "min_rest_hours",
    "dietary_notes",
)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SLACK_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")

LookupByEmail = Callable[[str], str | None]


@dataclass(frozen=True)
class RowError:
    """A row that cannot be imported, by its line number in the file."""

    line: int
    reason: str


@dataclass
class CrewRow:
    """One valid row of a crew file."""

    line: int
    name: str
    email: str | None
    phone: str | None
    department: str | None
    position: str | None
    role: str
    slack_user_id: str | None
    min_rest_hours: Decimal | None
    dietary_notes: str | None


@dataclass
class ImportReport:
    """What an import did, or would have done."""

    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    imported: bool = False


def read_rows(text: str) -> tuple[list[CrewRow], list[RowError]]:
    """Parse and check a crew CSV; every bad row is reported with its line number."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    headers = {(h or "").strip().lower() for h in reader.fieldnames or []}
    if "name" not in headers:
        return [], [RowError(1, "the header row needs a 'name' column")]
    unknown = headers - set(COLUMNS)
    if unknown:
        return [], [RowError(1, f"unknown columns: {', '.join(sorted(unknown))}")]
    rows: list[CrewRow] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for raw in reader:
        line = reader.line_num
        try:
            values = cells(raw)
            if not any(values.values()):
                continue
            row = _check_row(line, values)
        except ValueError as error:
            errors.append(RowError(line, str(error)))
            continue
        for key in (row.email, row.slack_user_id):
            if key and key in seen:
                errors.append(RowError(line, f"{key} is already on line {seen[key]}"))
                break
        else:
            for key in (row.email, row.slack_user_id):
                if key:
                    seen[key] = line
            rows.append(row)
    return rows, errors


SIZES = (("name", 120), ("email", 254), ("phone", 40), ("department", 80), ("position", 80))


def _check_row(line: int, values: dict[str, str]) -> CrewRow:
    name = values.get("name", "")
    email = values.get("email", "").lower() or None
    slack_id = values.get("slack_user_id", "").upper() or None
    role = values.get("role", "").lower() or "crew"
    if not name:
        raise ValueError("name is empty")
    for key, most in SIZES:
        if len(values.get(key, "")) > most:
            raise ValueError(f"{key} is over {most} characters")
    if not email and not slack_id:
        raise ValueError("needs an email or a slack_user_id to reach this person")
    if email and not _EMAIL.match(email):
        raise ValueError(f"'{email}' is not an email address")
    if slack_id and not _SLACK_ID.match(slack_id):
        raise ValueError(f"'{slack_id}' is not a Slack user id (they look like U012AB3CD)")
    if role not in ROLES:
        raise ValueError(f"role '{role}' is not one of {', '.join(ROLES)}")
    rest = values.get("min_rest_hours", "")
    try:
        rest_hours = Decimal(rest) if rest else None
    except InvalidOperation as error:
        raise ValueError(f"min_rest_hours '{rest}' is not a number") from error
    if rest_hours is not None and not (rest_hours.is_finite() and 0 <= rest_hours <= 24):
        raise ValueError("min_rest_hours must be between 0 and 24")
    return CrewRow(
        line,
        name,
        email,
        values.get("phone") or None,
        values.get("department") or None,
        values.get("position") or None,
        role,
        slack_id,
        rest_hours,
        values.get("dietary_notes") or None,
    )


def import_crew(
    session: Session,
    production: Production,
    text: str,
    *,
    lookup: LookupByEmail | None = None,
    skip_bad_rows: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import a crew CSV: all or nothing unless `skip_bad_rows`; re-imports update people."""
    rows, errors = read_rows(text)
    report = ImportReport(errors=errors)
    if errors and not skip_bad_rows:
        return report
    departments = {
        d.name.lower(): d
        for d in session.scalars(
            select(Department).where(Department.production_id == production.id)
        )
    }
    for done, row in enumerate(rows, start=1):
        if row.slack_user_id is None and row.email and lookup is not None:
            row.slack_user_id = lookup(row.email)
        if row.slack_user_id is None:
            report.unmatched.append(f"line {row.line}: {row.name} <{row.email}>")
        department = _department(session, production, departments, row.department)
        person = _existing(session, production, row)
        if person is None:
            person = Person(production_id=production.id)
            report.created += 1
        else:
            report.updated += 1
        _apply(person, row, department)
        session.add(person)
        if progress is not None and (done % 25 == 0 or done == len(rows)):
            progress(done, len(rows))
    session.flush()
    report.imported = True
    return report


def _existing(session: Session, production: Production, row: CrewRow) -> Person | None:
    for column, value in ((Person.slack_user_id, row.slack_user_id), (Person.email, row.email)):
        if value:
            person = session.scalar(
                select(Person).where(Person.production_id == production.id, column == value)
            )
            if person is not None:
                return person
    return None


def _department(
    session: Session, production: Production, known: dict[str, Department], name: str | None
) -> Department | None:
    if not name:
        return None
    department = known.get(name.lower())
    if department is None:
        department = Department(production_id=production.id, name=name)
        session.add(department)
        session.flush()
        known[name.lower()] = department
    return department


def _apply(person: Person, row: CrewRow, department: Department | None) -> None:
    person.name, person.email, person.phone = row.name, row.email, row.phone
    person.position, person.role = row.position, row.role
    person.min_rest_hours, person.dietary_notes = row.min_rest_hours, row.dietary_notes
    person.department = department
    if row.slack_user_id:
        person.slack_user_id = row.slack_user_id
