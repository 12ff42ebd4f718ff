"""Red or green: each person's checklist as people see it, and the production's list."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.core import csvfile
from bot.services.onboarding import packets
from bot.store.models import Person, Production
from bot.store.models_onboarding import (
    EmergencyContact,
    Onboarding,
    OnboardingFile,
    OnboardingItem,
    PersonProfile,
)

DONE = ("verified", "done")
EXPORT_COLUMNS = ("name", "department", "kind", "first_day", "status", "open_items", "verified")


@dataclass(frozen=True)
class ItemView:
    """One checklist line."""

    id: int
    key: str
    label: str
    is_file: bool
    status: str  # open, fetching, received, verified (files); open, done (forms)
    detail: str = ""  # the file's name and checksum, who verified


@dataclass(frozen=True)
class ChecklistView:
    """A person's checklist, for them or a coordinator."""

    onboarding_id: int
    person: str
    slack_user_id: str | None
    kind: str
    first_day: date | None
    items: tuple[ItemView, ...]
    emergency: str | None = None  # shown to the person and coordinators only
    profile: str | None = None

    @property
    def green(self) -> bool:
        """Everything handed in, and every document verified."""
        return all(i.status in DONE for i in self.items)

    @property
    def open_labels(self) -> list[str]:
        """What is still missing."""
        return [i.label for i in self.items if i.status not in DONE]


def items_of(session: Session, onboarding: Onboarding) -> list[OnboardingItem]:
    """The checklist's rows, in the packet's order."""
    rows = list(
        session.scalars(select(OnboardingItem).where(OnboardingItem.onboarding_id == onboarding.id))
    )
    order = list(packets.ITEMS)
    return sorted(rows, key=lambda r: order.index(r.item) if r.item in order else 99)


def is_green(session: Session, onboarding: Onboarding) -> bool:
    """Whether the person is onboarded."""
    return all(row.status in DONE for row in items_of(session, onboarding))


def _detail(session: Session, row: OnboardingItem, who: dict[str, str]) -> str:
    latest = session.scalar(
        select(OnboardingFile)
        .where(OnboardingFile.item_id == row.id)
        .order_by(OnboardingFile.id.desc())
        .limit(1)
    )
    parts = []
    if latest is not None:
        parts.append(latest.name + (f" · SHA-256 {latest.sha256[:12]}…" if latest.sha256 else ""))
    if row.verified_by:
        parts.append(f"verified by {who.get(row.verified_by, 'a coordinator')}")
    return " · ".join(parts)


def checklist(session: Session, onboarding: Onboarding, *, private: bool = True) -> ChecklistView:
    """The checklist as shown; `private` adds the emergency contact and profile."""
    person = session.get(Person, onboarding.person_id)
    assert person is not None
    who = dict(
        session.execute(
            select(Person.slack_user_id, Person.name).where(
                Person.production_id == onboarding.production_id
            )
        ).all()
    )
    items = tuple(
        ItemView(
            row.id,
            row.item,
            packets.label(row.item),
            packets.is_file(row.item),
            row.status,
            _detail(session, row, who),
        )
        for row in items_of(session, onboarding)
    )
    emergency = profile = None
    if private:
        emergency, profile = _private(session, person)
    return ChecklistView(
        onboarding.id,
        person.name,
        person.slack_user_id,
        onboarding.kind,
        onboarding.first_day,
        items,
        emergency,
        profile,
    )


def _private(session: Session, person: Person) -> tuple[str | None, str | None]:
    contact = session.scalar(
        select(EmergencyContact).where(EmergencyContact.person_id == person.id)
    )
    shown = None
    if contact is not None:
        shown = f"{contact.name} ({contact.relation or 'contact'}) {contact.phone}"
    row = session.scalar(select(PersonProfile).where(PersonProfile.person_id == person.id))
    profile = None
    if row is not None:
        bits = [row.diet, "gluten-free" if row.gluten_free else ""]
        bits += [f"allergies: {row.allergies}" if row.allergies else ""]
        bits += [f"sizes: {row.sizes}" if row.sizes else ""]
        profile = ", ".join(b for b in bits if b)
    return shown, profile


def everyone(session: Session, production: Production) -> list[ChecklistView]:
    """Every started checklist on the production, red first, by name (status only)."""
    rows = session.scalars(select(Onboarding).where(Onboarding.production_id == production.id))
    shown = [checklist(session, row, private=False) for row in rows]
    return sorted(shown, key=lambda c: (c.green, c.person.lower()))


def of_person(session: Session, person: Person) -> Onboarding | None:
    """A person's checklist, if one was started."""
    return session.scalar(select(Onboarding).where(Onboarding.person_id == person.id))


def home_lines(session: Session, production: Production, person: Person, everyone_: bool) -> list:
    """App Home: the person's own status, or (coordinators) everyone still red."""
    if everyone_:
        return [
            f":red_circle: {c.person}: {', '.join(c.open_labels)}"
            for c in everyone(session, production)
            if not c.green
        ]
    own = of_person(session, person)
    if own is None:
        return []
    view = checklist(session, own, private=False)
    if view.green:
        return [":large_green_circle: All done: you're onboarded."]
    return [f":red_circle: Still to do: {', '.join(view.open_labels)} (type /onboarding)"]


def export_csv(session: Session, production: Production) -> str:
    """Status per person, never documents or contacts (EXPORT_COLUMNS)."""
    out = io.StringIO()
    writer = csvfile.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    for view in everyone(session, production):
        department = _department(session, view.onboarding_id)
        done = [i.label for i in view.items if i.is_file and i.status == "verified"]
        writer.writerow(
            [
                view.person,
                department,
                view.kind,
                view.first_day.isoformat() if view.first_day else "",
                "green" if view.green else "red",
                "; ".join(view.open_labels),
                "; ".join(done),
            ]
        )
    return out.getvalue()


def _department(session: Session, onboarding_id: int) -> str:
    row = session.get(Onboarding, onboarding_id)
    member = session.get(Person, row.person_id) if row is not None else None
    return member.department.name if member is not None and member.department else ""


def w9_states(session: Session, production: Production) -> dict[int, str]:
    """Each person's W-9 line (person id: open, fetching, received or verified), for payroll."""
    rows = session.execute(
        select(Onboarding.person_id, OnboardingItem.status)
        .join(OnboardingItem, OnboardingItem.onboarding_id == Onboarding.id)
        .where(Onboarding.production_id == production.id, OnboardingItem.item == "w9")
    )
    return {person_id: state for person_id, state in rows.all()}
