"""Per-production numbers (expense #7, problem #12) that two requests can never both get."""

from __future__ import annotations

from sqlalchemy import func, literal, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from bot.store.models import Counter


def next_number(session: Session, column: InstrumentedAttribute[int], production_id: int) -> int:
    """The next value of `column` for the production, taken in the session's transaction.

    The counter row is bumped with one UPDATE … RETURNING, so concurrent transactions queue on
    its row lock and each gets its own number; rolled-back numbers are simply skipped.
    """
    table = column.class_.__table__
    kind = f"{table.name}.{column.key}"
    bump = (
        update(Counter)
        .where(Counter.production_id == production_id, Counter.kind == kind)
        .values(value=Counter.value + 1)
        .returning(Counter.value)
        .execution_options(synchronize_session=False)
    )
    value = session.execute(bump).scalar()
    if value is None:
        _create(session, column, production_id, kind)
        value = session.execute(bump).scalar_one()
    return int(value)


def _create(
    session: Session, column: InstrumentedAttribute[int], production_id: int, kind: str
) -> None:
    """Create the counter at today's max; a concurrent creator's row wins, never an error."""
    table = column.class_.__table__
    seed = select(literal(production_id), literal(kind), func.coalesce(func.max(column), 0)).where(
        table.c.production_id == production_id
    )
    # The dialect in use only: importing both cost start-up ~20 ms (PostgreSQL's on SQLite).
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = (
        insert(Counter)
        .from_select(["production_id", "kind", "value"], seed)
        .on_conflict_do_nothing(index_elements=["production_id", "kind"])
    )
    session.execute(statement)
