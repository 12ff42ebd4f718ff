"""Permits, insurance certificates, agreements: expiry reminders and shoot days left uncovered."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import events, permissions
from bot.errors import FieldErrors, NotFound
from bot.scheduler import schedule
from bot.services.core.text import within
from bot.services.wrap.events import DayUncovered, DocumentExpiring
from bot.services.wrap.views import DocumentInfo
from bot.store.models import Production
from bot.store.models_callsheet import ShootDay
from bot.store.models_wrap import Document

KINDS = {
    "film_permit": "Film permit",
    "insurance": "Certificate of insurance",
    "location_agreement": "Location agreement",
    "vehicle_rental": "Vehicle rental",
}
COVERS_A_LOCATION = ("film_permit", "location_agreement")


def add(
    session: Session,
    production: Production,
    actor: str | None,
    kind: str,
    covers: str,
    valid_from: date | None,
    expires: date | None,
    now: datetime,
    file: dict | None = None,
) -> Document:
    """File a document (coordinators); reminders 7 days and 1 day before it expires."""
    if actor is not None:
        permissions.require(session, production, actor, "documents.manage")
    found = FieldErrors()  # every wrong field of the form at once
    if kind not in KINDS:
        found.add("kind", "Pick what kind of document it is.")
    covers = " ".join((covers or "").split())
    if not covers:
        found.add("covers", "Say which location or vendor it covers.")
    found.take(within, covers, 120, "covers")
    if valid_from is None:
        found.add("valid_from", "Give the dates it is valid from and until: pick the first day.")
    if expires is None:
        found.add("expires", "Give the dates it is valid from and until: pick the day it expires.")
    elif valid_from is not None and expires < valid_from:
        found.add("expires", "It can't expire before it starts. Check the dates.")
    found.check()
    assert valid_from is not None and expires is not None  # found.check() refused otherwise
    document = Document(
        production_id=production.id,
        kind=kind,
        covers=covers,
        valid_from=valid_from,
        expires=expires,
        added_by=actor,
        file_id=(file or {}).get("id"),
        file_name=(file or {}).get("name"),
    )
    session.add(document)
    session.flush()
    zone = ZoneInfo(production.timezone)
    for days in (7, 1):
        when = datetime.combine(expires - timedelta(days=days), time(9)).replace(tzinfo=zone)
        if when > now:
            schedule(
                session,
                "document.expiry",
                f"document:{document.id}:expiry:{days}",
                when,
                {"document_id": document.id, "days": days},
            )
    return document


def add_from_form(
    session: Session,
    team_id: str,
    production_id: int,
    actor: str,
    kind: str,
    covers: str,
    valid_from: date | None,
    expires: date | None,
    now: datetime,
    file: dict | None = None,
) -> Document:
    """The document form's submission: the production it was opened on, in this workspace."""
    production = session.get(Production, production_id)
    if production is None or production.team_id != team_id:
        raise NotFound("That production no longer exists.")
    return add(session, production, actor, kind, covers, valid_from, expires, now, file)


def info(document: Document) -> DocumentInfo:
    """The document as view data."""
    return DocumentInfo(
        KINDS[document.kind], document.covers, document.valid_from, document.expires
    )


def find(session: Session, document_id: int) -> DocumentInfo | None:
    """One document as view data (for its expiry reminder)."""
    document = session.get(Document, document_id)
    return info(document) if document else None


def expiry_job(session: Session, payload: dict, now: datetime) -> None:
    """7 days and 1 day before expiry: the coordinators are to hear of it."""
    document = session.get(Document, payload["document_id"])
    if document is not None:
        events.record(
            session,
            DocumentExpiring(
                at=now,
                production_id=document.production_id,
                document_id=document.id,
                days=payload["days"],
            ),
        )


def covering(session: Session, production: Production, place: str, on: date) -> list[Document]:
    """Permits and agreements valid at `place` on `on`."""
    return list(
        session.scalars(
            select(Document).where(
                Document.production_id == production.id,
                Document.kind.in_(COVERS_A_LOCATION),
                func.lower(Document.covers) == place.lower(),
                Document.valid_from <= on,
                Document.expires >= on,
            )
        )
    )


def check_day(session: Session, production: Production, day: ShootDay, now: datetime) -> None:
    """A day at a location with no valid permit or agreement: the coordinators are to hear."""
    if day.location is None:
        return
    if covering(session, production, day.location.name, day.date):
        return
    events.record(
        session,
        DayUncovered(
            at=now,
            production_id=production.id,
            day_id=day.id,
            day=day.date,
            location=day.location.name,
        ),
    )


def listing(session: Session, production: Production, actor: str) -> list[DocumentInfo]:
    """/documents: every document, soonest expiry first."""
    permissions.require(session, production, actor, "documents.manage")
    return [
        info(document)
        for document in session.scalars(
            select(Document)
            .where(Document.production_id == production.id)
            .order_by(Document.expires)
        )
    ]
