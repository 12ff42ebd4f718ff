"""Documents: files a person sends (by DM or in the form), fetched from Slack with a SHA-256,
and verified by a coordinator. Files are kept here, never posted to a channel."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import datetime
from itertools import pairwise
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import events, permissions
from bot.errors import InvalidInput
from bot.events import Answered
from bot.scheduler import schedule as schedule_job
from bot.services.onboarding import checklists, packets, status
from bot.services.onboarding.events import (
    DocumentReceived,
    DocumentRequested,
    DocumentVerified,
    OnboardingChanged,
    UploadFailed,
)
from bot.store.models import Production
from bot.store.models_onboarding import OnboardingFile, OnboardingItem

MAX_BYTES = 20 * 1024 * 1024


class FetchFailed(Exception):
    """Slack did not hand over the file (gone, too big, refused)."""


def named_item(text: str, files: list[dict[str, Any]]) -> str | None:
    """The document a DM names: in its words (`my W-9`, `deal memo`), else in a file's name."""
    names = [str(f.get("name") or "").rsplit(".", 1)[0] for f in files]
    for source in (text, *names):
        words = [w for w in re.split(r"[^A-Za-z0-9-]+", source) if w]
        pairs = [a + b for a, b in pairwise(words)]
        for word in [*pairs, *words]:
            item = packets.read_item(word)
            if item is not None and packets.is_file(item):
                return item
    return None


def from_dm(
    session: Session,
    production: Production,
    actor: str,
    text: str,
    files: list[dict[str, Any]],
    now: datetime,
) -> str | None:
    """A file in a DM that names a document of the actor's checklist is that document (its
    label returned); anything else is not paperwork (None: a receipt, as before)."""
    key = named_item(text, files)
    me = permissions.member(session, production, actor)
    onboarding = status.of_person(session, me) if me is not None and key else None
    item = onboarding and session.scalar(
        select(OnboardingItem).where(
            OnboardingItem.onboarding_id == onboarding.id, OnboardingItem.item == key
        )
    )
    if item is None:
        return None
    take(session, production.team_id, item.id, actor, files[:1], now)
    text = f"Got your {packets.label(item.item)}: your checklist shows it once it's checked in."
    events.record(session, Answered(at=now, user=actor, channel=None, text=text))
    return packets.label(item.item)


def take(
    session: Session,
    team_id: str,
    item_id: int,
    actor: str,
    files: list[dict[str, Any]],
    now: datetime,
) -> OnboardingItem:
    """Note an uploaded file for the actor's own checklist line; a job fetches it."""
    _, onboarding, item = checklists.own_item(session, team_id, item_id, actor)
    if not packets.is_file(item.item):
        raise InvalidInput(f"{packets.label(item.item)} is a form: use Fill in.")
    if item.status == "verified":
        raise InvalidInput(f"Your {packets.label(item.item)} is already verified.")
    if not files:
        raise InvalidInput("Attach the file (a PDF or a photo).", field="file")
    file = files[0]
    url = file.get("url_private_download") or file.get("url_private")
    if not url:
        raise InvalidInput("Slack sent no link to that file: upload it again.", field="file")
    row = session.scalar(
        select(OnboardingFile).where(
            OnboardingFile.item_id == item.id, OnboardingFile.slack_file_id == file["id"]
        )
    )
    if row is None:
        row = OnboardingFile(
            production_id=item.production_id,
            item_id=item.id,
            slack_file_id=file["id"],
            name=str(file.get("name") or file["id"])[:200],
            url=url[:500],
            uploaded_by=actor,
            uploaded_at=now,
        )
        session.add(row)
        session.flush()
        item.status = "fetching"
        schedule_job(
            session, "onboarding.fetch", f"onboarding:file:{row.id}", now, {"file_id": row.id}
        )
        events.record(session, OnboardingChanged(at=now, onboarding_id=onboarding.id))
    return item


def fetch_job(
    session: Session, payload: dict, now: datetime, *, fetch: Callable[[str, str], bytes]
) -> None:
    """Fetch the file's bytes from Slack (no transaction open meanwhile), keep its SHA-256."""
    row = session.get(OnboardingFile, payload["file_id"])
    if row is None or row.sha256 is not None:
        return
    file_id, url, user = row.id, row.url, row.uploaded_by
    team_id = session.get(Production, row.production_id).team_id  # its workspace's token
    session.commit()  # nothing held open while Slack sends the file
    try:
        data = fetch(url, team_id)
        if len(data) > MAX_BYTES:
            raise FetchFailed("that file is over 20 MB")
    except FetchFailed as error:
        row = session.get(OnboardingFile, file_id)
        item = row and session.get(OnboardingItem, row.item_id)
        if item is not None and item.status == "fetching":
            item.status = "open"
            events.record(session, UploadFailed(now, item.id, user, str(error)))
        return
    row = session.get(OnboardingFile, file_id)
    item = row and session.get(OnboardingItem, row.item_id)
    if row is None or item is None or row.sha256 is not None:
        return
    row.content, row.size, row.fetched_at = data, len(data), now
    row.sha256 = hashlib.sha256(data).hexdigest()
    if item.status != "verified":
        item.status, item.received_at, item.received_by = "received", now, user
    events.record(session, DocumentReceived(at=now, item_id=item.id))
    events.record(session, OnboardingChanged(at=now, onboarding_id=item.onboarding_id))


def verify(
    session: Session, team_id: str, item_id: int, actor: str, now: datetime
) -> OnboardingItem:
    """A coordinator marks a received document verified (once; again changes nothing)."""
    production, onboarding, item = checklists.item_for(session, team_id, item_id, actor)
    permissions.require(session, production, actor, "onboarding.verify")
    if item.status == "verified":
        return item
    if item.status != "received":
        raise InvalidInput(f"There's no {packets.label(item.item)} to verify yet.")
    item.status, item.verified_at, item.verified_by = "verified", now, actor
    session.flush()
    events.record(session, DocumentVerified(at=now, item_id=item.id))
    events.record(session, OnboardingChanged(at=now, onboarding_id=onboarding.id))
    return item


def send_copy(session: Session, team_id: str, item_id: int, actor: str, now: datetime) -> None:
    """A coordinator gets the latest file of a document in their DM (never a channel)."""
    production, _, item = checklists.item_for(session, team_id, item_id, actor)
    permissions.require(session, production, actor, "onboarding.verify")
    if latest_file(session, item) is None:
        raise InvalidInput(f"There's no {packets.label(item.item)} file yet.")
    events.record(session, DocumentRequested(at=now, item_id=item.id, user=actor))


def latest_file(session: Session, item: OnboardingItem) -> OnboardingFile | None:
    """The newest fetched file of a document."""
    return session.scalar(
        select(OnboardingFile)
        .where(OnboardingFile.item_id == item.id, OnboardingFile.sha256.is_not(None))
        .order_by(OnboardingFile.id.desc())
        .limit(1)
    )
