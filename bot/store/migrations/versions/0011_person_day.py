"""a person's day on each call sheet recipient, read with one indexed query

Revision ID: 0011
Revises: 0010
"""

from datetime import datetime

import sqlalchemy as sa
from alembic import op

import bot.store.types

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# Day-wide keys a stored view gains from what the day and its location hold now: without them a
# later revision could not name a hospital, notes or weather change for people told before.
_FROM_DAY = ("notes", "weather")
_FROM_PLACE = ("hospital_name", "hospital_address", "hospital_phone")


def upgrade() -> None:
    with op.batch_alter_table("callsheet_recipients") as batch:
        batch.add_column(sa.Column("production_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("slack_user_id", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("date", sa.Date(), nullable=True))
        batch.add_column(
            sa.Column("call_at", bot.store.types.UTCDateTime(timezone=True), nullable=True)
        )
    op.create_index("ix_recipient_person_date", "callsheet_recipients", ["person_id", "date"])
    op.create_index(
        "ix_recipient_user_date",
        "callsheet_recipients",
        ["production_id", "slack_user_id", "date"],
    )
    _backfill(op.get_bind())


def _backfill(bind: sa.Connection) -> None:
    """Fill the new columns and the stored view from what is there; a key the old row did not
    hold is added only from the day as it stands, so the next publish compares it as unchanged."""
    meta = sa.MetaData()
    days = sa.Table("shoot_days", meta, sa.Column("published", sa.JSON()), autoload_with=bind)
    recipients = sa.Table(
        "callsheet_recipients",
        meta,
        sa.Column("call_at", bot.store.types.UTCDateTime(timezone=True)),
        sa.Column("told", sa.JSON()),
        autoload_with=bind,
    )
    people = sa.Table("people", meta, autoload_with=bind)
    departments = sa.Table("departments", meta, autoload_with=bind)
    places = sa.Table("locations", meta, autoload_with=bind)
    productions = sa.Table("productions", meta, autoload_with=bind)
    rows = bind.execute(
        sa.select(
            recipients.c.id,
            recipients.c.told,
            recipients.c.revision,
            days.c.production_id,
            days.c.date,
            days.c.notes,
            days.c.weather,
            days.c.published,
            people.c.slack_user_id,
            people.c.name,
            people.c.role,
            departments.c.name.label("department"),
            productions.c.name.label("production"),
            productions.c.timezone,
            *(places.c[key] for key in _FROM_PLACE),
        )
        .select_from(recipients)
        .join(days, days.c.id == recipients.c.shoot_day_id)
        .join(people, people.c.id == recipients.c.person_id)
        .join(productions, productions.c.id == days.c.production_id)
        .outerjoin(departments, departments.c.id == people.c.department_id)
        .outerjoin(places, places.c.id == days.c.location_id)
    ).all()
    for row in rows:
        told = dict(row.told or {})
        published = row.published or {}
        extra = {
            "production": row.production,
            "tz": row.timezone,
            "date": row.date.isoformat(),
            "revision": row.revision,
            "name": row.name,
            "role": row.role,
            "department": row.department,
            "estimated_wrap": published.get("estimated_wrap"),
        }
        extra |= {key: getattr(row, key) for key in (*_FROM_DAY, *_FROM_PLACE)}
        told = {key: value for key, value in extra.items() if key not in told} | told
        call = told.get("call")
        bind.execute(
            recipients.update()
            .where(recipients.c.id == row.id)
            .values(
                told=told,
                production_id=row.production_id,
                slack_user_id=row.slack_user_id,
                date=row.date,
                call_at=datetime.fromisoformat(call) if call else None,
            )
        )


def downgrade() -> None:
    op.drop_index("ix_recipient_user_date", table_name="callsheet_recipients")
    op.drop_index("ix_recipient_person_date", table_name="callsheet_recipients")
    with op.batch_alter_table("callsheet_recipients") as batch:
        for column in ("call_at", "date", "slack_user_id", "production_id"):
            batch.drop_column(column)
