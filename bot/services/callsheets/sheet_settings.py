"""A production's sheet-wide settings: company, key contacts, walkies, standard notes, the
cast list (numbers and characters), department heads and which phones crew copies show."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.errors import FieldErrors, InvalidInput
from bot.services.callsheets.crew_names import find_person
from bot.store.models import Person, Production
from bot.store.models_callsheet import CallSheetSettings, CastMember

PHONES = ("none", "heads", "all")


@dataclass
class SheetForm:
    """Sheet-wide settings as typed (None: leave as saved)."""

    company: str | None = None
    phones: str | None = None
    key_contacts: str | None = None  # "UPM | Uma Manager | 213-555-0101" a line
    walkies: str | None = None  # "1 | Production" a line
    standard_notes: str | None = None
    cast: str | None = None  # "1 | Ana Actor | ROSA" a line: number | actor | character
    heads: str | None = None  # names, one a line or comma-separated
    typed: set[str] = field(default_factory=set)  # which of the above were given at all


def settings_of(session: Session, production: Production) -> CallSheetSettings:
    """The production's settings (defaults, not stored, when never set)."""
    found = session.scalar(
        select(CallSheetSettings).where(CallSheetSettings.production_id == production.id)
    )
    if found is not None:
        return found
    return CallSheetSettings(
        production_id=production.id, phones="none", key_contacts=[], walkie_channels=[], heads=[]
    )


def cast_list(session: Session, production: Production) -> list[CastMember]:
    """The production's numbered cast, by number."""
    members = session.scalars(
        select(CastMember).where(CastMember.production_id == production.id)
    ).all()
    return sorted(members, key=lambda m: (len(m.number), m.number))


def editor_lines(session: Session, production: Production) -> dict[str, str | None]:
    """The production's sheet settings written back as the editor's lines."""
    settings = settings_of(session, production)
    heads = [session.get(Person, pid) for pid in settings.heads or ()]
    contacts = settings.key_contacts or []
    walkies = settings.walkie_channels or []
    cast = cast_list(session, production)
    return {
        "sheet_company": settings.company,
        "sheet_phones": settings.phones or "none",
        "sheet_contacts": "\n".join(" | ".join(c.values()) for c in contacts) or None,
        "sheet_walkies": "\n".join(f"{w['channel']} | {w['use']}" for w in walkies) or None,
        "sheet_notes": settings.standard_notes,
        "sheet_cast": "\n".join(
            f"{m.number} | {m.person.name} | {m.character or ''}".rstrip(" |") for m in cast
        )
        or None,
        "sheet_heads": ", ".join(p.name for p in heads if p is not None) or None,
    }


def form_of(answers: dict[str, str | None]) -> SheetForm | None:
    """The editor's sheet-wide answers (only those the editor showed)."""
    keys = {
        "sheet_company": "company",
        "sheet_phones": "phones",
        "sheet_contacts": "key_contacts",
        "sheet_walkies": "walkies",
        "sheet_notes": "standard_notes",
        "sheet_cast": "cast",
        "sheet_heads": "heads",
    }
    given = {name: answers[key] for key, name in keys.items() if key in answers}
    if not given:
        return None
    return SheetForm(**given, typed=set(given))


def _rows(text: str, width: int, what: str, example: str, name: str) -> list[list[str]]:
    rows = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) < 2 or len(parts) > width or not parts[0] or not parts[1]:
            raise InvalidInput(f"“{line.strip()}”: type {what}, like `{example}`.", field=name)
        rows.append([*parts, *([""] * width)][:width])
    return rows


def parse_contacts(text: str) -> list[dict[str, str]]:
    """`UPM | Uma Manager | 213-555-0101` a line."""
    rows = _rows(
        text, 3, "role | name | phone", "UPM | Uma Manager | 213-555-0101", "sheet_contacts"
    )
    return [{"role": r, "name": n, "phone": p} for r, n, p in rows]


def parse_walkies(text: str) -> list[dict[str, str]]:
    """`1 | Production` a line."""
    rows = _rows(text, 2, "channel | who uses it", "1 | Production", "sheet_walkies")
    return [{"channel": c, "use": u} for c, u in rows]


def parse_cast(text: str) -> list[tuple[str, str, str | None]]:
    """`1 | Ana Actor | ROSA` a line: (number, actor, character); numbers unique."""
    rows = _rows(text, 3, "number | actor | character", "1 | Ana Actor | ROSA", "sheet_cast")
    numbers = [r[0] for r in rows]
    for row in rows:
        if len(row[0]) > 8 or numbers.count(row[0]) > 1:
            raise InvalidInput(
                f"Cast number “{row[0]}”: use each number once, up to 8 characters.",
                field="sheet_cast",
            )
    return [(n, a, c or None) for n, a, c in rows]


def apply(session: Session, production: Production, form: SheetForm, found: FieldErrors) -> None:
    """Save what the form typed (each wrong field noted in `found`, nothing else changed)."""
    settings = settings_of(session, production)
    typed = form.typed
    if "phones" in typed:
        phones = (form.phones or "none").strip().lower()
        if phones not in PHONES:
            found.add("sheet_phones", "Phones on crew copies: type none, heads or all.")
        settings.phones = phones
    if "company" in typed:
        settings.company = (form.company or "").strip() or None
    if "standard_notes" in typed:
        settings.standard_notes = (form.standard_notes or "").strip() or None
    if "key_contacts" in typed:
        settings.key_contacts = found.take(parse_contacts, form.key_contacts or "") or []
    if "walkies" in typed:
        settings.walkie_channels = found.take(parse_walkies, form.walkies or "") or []
    if "heads" in typed:
        names = [n.strip() for n in (form.heads or "").replace("\n", ",").split(",") if n.strip()]
        people = [found.take(_person, session, production, n, "sheet_heads") for n in names]
        settings.heads = [p.id for p in people if p is not None]
    if "cast" in typed:
        rows = found.take(parse_cast, form.cast or "") or []
        cast = [
            (n, found.take(_person, session, production, a, "sheet_cast"), c) for n, a, c in rows
        ]
        if not found.errors:
            _replace_cast(session, production, [(n, p.id, c) for n, p, c in cast if p])
    if settings.id is None and not found.errors:
        session.add(settings)


def _person(session: Session, production: Production, name: str, field_name: str) -> Person:
    try:
        return find_person(session, production, name)
    except InvalidInput as error:
        raise InvalidInput(error.message, field=field_name) from error


def _replace_cast(
    session: Session, production: Production, cast: list[tuple[str, int, str | None]]
) -> None:
    """The cast list becomes exactly `cast` (rows kept where the person stays)."""
    existing = {m.person_id: m for m in cast_list(session, production)}
    for member in existing.values():
        member.number = f"~{member.id}"  # out of the way of the new numbers
    session.flush()
    for number, person_id, character in cast:
        member = existing.pop(person_id, None) or CastMember(
            production_id=production.id, person_id=person_id
        )
        member.number, member.character = number, character
        session.add(member)
    for gone in existing.values():
        session.delete(gone)
    session.flush()
