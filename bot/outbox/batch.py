"""The outbox worker's database side: load a claimed batch, record its outcomes, prune."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, delete, func, or_, select, update
from sqlalchemy.orm import Session

from bot.store.models import OutboxMessage

# What a worker may change on a row it holds; written back once per batch.
OUTCOME = (
    "status",
    "attempts",
    "claimed_by",
    "claimed_until",
    "next_attempt_at",
    "sent_at",
    "result_channel",
    "result_ts",
    "last_error",
)
DONE = ("sent", "superseded")


def load(
    session: Session, ids: list[int], worker_id: str
) -> tuple[list[OutboxMessage], dict[str, OutboxMessage | None], set[int]]:
    """The claimed rows, the latest row under each ref they act on, and the superseded edits."""
    mine = (OutboxMessage.id.in_(ids), OutboxMessage.claimed_by == worker_id)
    rows = list(session.scalars(select(OutboxMessage).where(*mine).order_by(OutboxMessage.id)))
    targets = {
        ref: session.scalar(
            select(OutboxMessage)
            .where(OutboxMessage.ref == ref)
            .order_by(OutboxMessage.id.desc())
            .limit(1)
        )
        for ref in {r.target_ref for r in rows if r.target_ref}
    }
    superseded = {r.id for r in rows if r.method == "chat.update" and _superseded(session, r)}
    return rows, targets, superseded


def _superseded(session: Session, row: OutboxMessage) -> bool:
    """Whether a newer edit of the same message is waiting: only the latest need go out."""
    newer = session.scalar(
        select(OutboxMessage.id).where(
            OutboxMessage.method == "chat.update",
            OutboxMessage.target_ref == row.target_ref,
            OutboxMessage.status == "pending",
            OutboxMessage.id > row.id,
        )
    )
    return newer is not None


def record(session: Session, rows: list[OutboxMessage], worker_id: str) -> None:
    """Write back the outcomes of detached rows, skipping any another worker has taken since."""
    if not rows:
        return
    table = OutboxMessage.__table__
    statement = (
        update(table)
        .where(table.c.id == bindparam("_id"), table.c.claimed_by == bindparam("_holder"))
        .values({name: bindparam(name) for name in OUTCOME})
    )
    params = [
        {"_id": row.id, "_holder": worker_id, **{name: getattr(row, name) for name in OUTCOME}}
        for row in rows
    ]
    session.connection().execute(statement, params)


def prune(session: Session, now: datetime, retention: timedelta, limit: int = 5000) -> int:
    """Delete delivered rows older than `retention`; the latest row under each ref stays.

    Later edits and thread replies find their message by ref (its channel and ts), so that row
    is kept however old; everything else delivered is history. Returns how many were deleted.
    """
    cutoff = now - retention
    latest_per_ref = (
        select(func.max(OutboxMessage.id))
        .where(OutboxMessage.ref.is_not(None))
        .group_by(OutboxMessage.ref)
    )
    old = (
        select(OutboxMessage.id)
        .where(
            OutboxMessage.status.in_(DONE),
            or_(
                OutboxMessage.sent_at < cutoff,
                and_(OutboxMessage.sent_at.is_(None), OutboxMessage.created_at < cutoff),
            ),
            OutboxMessage.id.not_in(latest_per_ref),
        )
        .limit(limit)
    )
    result: Any = session.execute(delete(OutboxMessage).where(OutboxMessage.id.in_(old)))
    return int(result.rowcount or 0)
