"""Every copy of a message about one object: found by its ref, so a change edits them all."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.models import OutboxMessage


def refs(session: Session, prefix: str) -> list[str]:
    """The refs of every message posted under `prefix` (e.g. `problem:12:`), oldest first."""
    assert not set(prefix) & set("*?[]%_\\"), prefix  # refs are ids and words
    if session.get_bind().dialect.name == "sqlite":
        # GLOB is case-sensitive, so SQLite reads the ref index; LIKE would scan the table.
        matches = OutboxMessage.ref.op("GLOB")(prefix + "*")
    else:
        matches = OutboxMessage.ref.startswith(prefix)
    rows = session.execute(
        select(OutboxMessage.ref, OutboxMessage.id)
        .where(OutboxMessage.method == "chat.postMessage", matches)
        .order_by(OutboxMessage.id)
    )
    seen: dict[str, None] = {}
    for ref, _ in rows:
        seen.setdefault(ref, None)
    return list(seen)
