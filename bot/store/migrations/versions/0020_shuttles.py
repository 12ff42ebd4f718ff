"""logistics: shuttle runs; the gear a rental PO brings

Revision ID: 0020
Revises: 0019
"""

import sqlalchemy as sa
from alembic import op

import bot.store.types

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shuttle_runs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "production_id",
            sa.Integer(),
            sa.ForeignKey("productions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "shoot_day_id",
            sa.Integer(),
            sa.ForeignKey("shoot_days.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "driver_id",
            sa.Integer(),
            sa.ForeignKey("people.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("vehicle", sa.String(length=80), nullable=True),
        sa.Column("route", sa.String(length=400), nullable=False),
        sa.Column("first_at", bot.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_at", bot.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("every_minutes", sa.Integer(), nullable=False),
        sa.UniqueConstraint("shoot_day_id", "driver_id", "route", name="uq_shuttle_route"),
    )

    op.create_table(
        "rental_gear",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "production_id",
            sa.Integer(),
            sa.ForeignKey("productions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "rental_po_id",
            sa.Integer(),
            sa.ForeignKey("rental_pos.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "gear_item_id",
            sa.Integer(),
            sa.ForeignKey("gear_items.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.UniqueConstraint("rental_po_id", "gear_item_id", name="uq_rental_gear"),
    )


def downgrade() -> None:
    op.drop_table("rental_gear")
    op.drop_table("shuttle_runs")
