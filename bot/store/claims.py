"""Claiming due rows atomically, so several workers never take the same one."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session


def claim_due(
    session: Session,
    model: Any,
    *,
    worker_id: str,
    now: datetime,
    lease_seconds: float,
    limit: int,
    where: tuple[Any, ...] = (),
) -> list[int]:
    """Take up to `limit` pending, due, unleased rows of `model` (and matching `where`);
    returns their ids in order."""
    due = (
        select(model.id)
        .where(
            *where,
            model.status == "pending",
            model.next_attempt_at <= now,
            or_(model.claimed_until.is_(None), model.claimed_until < now),
        )
        .order_by(model.next_attempt_at, model.id)
        .limit(limit)
        # PostgreSQL: concurrent workers skip each other's rows; SQLite serialises writers.
        .with_for_update(skip_locked=True)
    )
    claimed = session.execute(
        update(model)
        .where(
            model.id.in_(due.scalar_subquery()),
            or_(model.claimed_until.is_(None), model.claimed_until < now),
        )
        .values(
            claimed_by=worker_id,
            claimed_until=now + timedelta(seconds=lease_seconds),
            attempts=model.attempts + 1,
        )
        .returning(model.id)
        .execution_options(synchronize_session=False)
    )
    ids = sorted(claimed.scalars().all())
    session.commit()
    return ids


def release(row: Any, *, retry_at: datetime, error: str | None = None) -> None:
    """Give a claimed row back to the queue, to be tried again at `retry_at`."""
    row.claimed_by = None
    row.claimed_until = None
    row.next_attempt_at = retry_at
    if error is not None:
        row.last_error = error[:2000]
