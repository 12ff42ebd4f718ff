"""Permits, insurance certificates, agreements: expiry reminders and shoot days left uncovered."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import outbox
from bot.blocks.common import day_title
from bot.blocks.escape import escape
from bot.errors import InvalidInput
from bot.scheduler import schedule
from bot.services.core.productions import require_coordinator
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
        require_coordinator(session, production, actor)
    if kind not in KINDS:
        raise InvalidInput("Pick what kind of document it is.", field="kind")
    covers = " ".join((covers or "").split())
    if not covers:
        raise InvalidInput("Say which location or vendor it covers.", field="covers")
    if valid_from is None or expires is None:
        raise InvalidInput("Give the dates it is valid from and until.", field="expires")
    if expires < valid_from:
        raise InvalidInput("It can't expire before it starts. Check the dates.", field="expires")
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


def label(document: Document) -> str:
    """ "Film permit for Rosa's Diner (Jun 1 to Jun 20)"."""
    return (
        f"{KINDS[document.kind]} for {escape(document.covers)} "
        f"({document.valid_from:%b %-d} to {document.expires:%b %-d})"
    )


def expiry_job(session: Session, payload: dict, now: datetime) -> None:
    """7 days and 1 day before expiry: tell the coordinators."""
    document = session.get(Document, payload["document_id"])
    production = session.get(Production, document.production_id) if document else None
    if document is None or production is None or not production.coordinators_channel_id:
        return
    when = "tomorrow" if payload["days"] == 1 else f"in {payload['days']} days"
    outbox.post_message(
        session,
        production.coordinators_channel_id,
        now=now,
        text=f":warning: {label(document)} expires {when}.",
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
    """A day at a location with no valid permit or agreement: tell the coordinators, once."""
    if day.location is None or not production.coordinators_channel_id:
        return
    if covering(session, production, day.location.name, day.date):
        return
    key = f"uncovered:{day.id}:{day.location.name.lower()}"
    outbox.post_message(
        session,
        production.coordinators_channel_id,
        now=now,
        dedupe_key=key,
        text=f":warning: {day_title(day.date)} shoots at "
        f"{escape(day.location.name)} with no valid film permit or "
        "location agreement on file for that date.",
    )


def listing(session: Session, production: Production, actor: str, today: date) -> list[str]:
    """/documents: every document, flagged when expired or expiring within 7 days."""
    require_coordinator(session, production, actor)
    lines = []
    for document in session.scalars(
        select(Document).where(Document.production_id == production.id).order_by(Document.expires)
    ):
        flag = (
            " :red_circle: expired"
            if document.expires < today
            else " :large_yellow_circle: expires soon"
            if document.expires <= today + timedelta(days=7)
            else ""
        )
        lines.append(label(document) + flag)
    return lines
