"""logistics: caterer, visitors, catering orders, vehicles, pickups

Revision ID: 0019
Revises: 0018
"""

import sqlalchemy as sa
from alembic import op

import bot.store.types

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def _production() -> sa.Column:
    return sa.Column(
        "production_id",
        sa.Integer(),
        sa.ForeignKey("productions.id", ondelete="CASCADE"),
        nullable=False,
    )


def _day() -> sa.Column:
    return sa.Column(
        "shoot_day_id",
        sa.Integer(),
        sa.ForeignKey("shoot_days.id", ondelete="CASCADE"),
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "catering_setups",
        sa.Column("id", sa.Integer(), primary_key=True),
        _production(),
        sa.Column("caterer_user", sa.String(length=32), nullable=True),
        sa.Column("caterer_name", sa.String(length=120), nullable=True),
        sa.Column("caterer_contact", sa.String(length=200), nullable=True),
        sa.Column("send_at", sa.String(length=5), nullable=False),
        sa.Column("threshold", sa.Integer(), nullable=False),
        sa.UniqueConstraint("production_id", name="uq_catering_production"),
    )
    op.create_table(
        "catering_visitors",
        sa.Column("id", sa.Integer(), primary_key=True),
        _production(),
        _day(),
        sa.Column("label", sa.String(length=120), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("diet", sa.String(length=20), nullable=False),
        sa.Column("added_by", sa.String(length=32), nullable=False),
    )
    op.create_table(
        "catering_orders",
        sa.Column("id", sa.Integer(), primary_key=True),
        _production(),
        _day(),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("order", sa.JSON(), nullable=False),
        sa.Column("sent_at", bot.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("shoot_day_id", "version", name="uq_catering_version"),
    )

    op.create_table(
        "vehicles",
        sa.Column("id", sa.Integer(), primary_key=True),
        _production(),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column(
            "driver_id",
            sa.Integer(),
            sa.ForeignKey("people.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.UniqueConstraint("production_id", "name", name="uq_vehicle_name"),
    )
    op.create_table(
        "pickups",
        sa.Column("id", sa.Integer(), primary_key=True),
        _production(),
        _day(),
        sa.Column(
            "rider_id", sa.Integer(), sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column(
            "driver_id",
            sa.Integer(),
            sa.ForeignKey("people.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("vehicle", sa.String(length=80), nullable=True),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("pickup_at", bot.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("late_minutes", sa.Integer(), nullable=True),
        sa.Column("status_at", bot.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("shoot_day_id", "rider_id", name="uq_pickup_rider"),
    )

    op.create_table(
        "rental_pos",
        sa.Column("id", sa.Integer(), primary_key=True),
        _production(),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("vendor", sa.String(length=120), nullable=False),
        sa.Column("items", sa.Text(), nullable=False),
        sa.Column("budget_line_id", sa.Integer(), sa.ForeignKey("budget_lines.id"), nullable=False),
        sa.Column("cost", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("pickup_on", sa.Date(), nullable=False),
        sa.Column("return_on", sa.Date(), nullable=False),
        sa.Column("coi_required", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(length=32), nullable=False),
        sa.Column("created_at", bot.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("production_id", "number", name="uq_rental_number"),
    )

    op.create_table(
        "travel_items",
        sa.Column("id", sa.Integer(), primary_key=True),
        _production(),
        sa.Column(
            "person_id",
            sa.Integer(),
            sa.ForeignKey("people.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("starts_at", bot.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("ends_at", bot.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("start_on", sa.Date(), nullable=True),
        sa.Column("end_on", sa.Date(), nullable=True),
        sa.Column("origin", sa.String(length=120), nullable=True),
        sa.Column("destination", sa.String(length=120), nullable=True),
        sa.Column("details", sa.String(length=200), nullable=True),
        sa.Column("confirmation", sa.String(length=60), nullable=True),
        sa.Column("per_diem", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("budget_line_id", sa.Integer(), sa.ForeignKey("budget_lines.id"), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("travel_items")
    op.drop_table("rental_pos")
    for table in ("pickups", "vehicles"):
        op.drop_table(table)
    for table in ("catering_orders", "catering_visitors", "catering_setups"):
        op.drop_table(table)
