"""the full call sheet: meals, crew parking, scene details, cast table, contacts, phones switch

Revision ID: 0015
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

import bot.store.types

revision = "0015"
down_revision = "0013"
branch_labels = None
depends_on = None


def _moment(name: str) -> sa.Column:
    return sa.Column(name, bot.store.types.UTCDateTime(timezone=True), nullable=True)


def upgrade() -> None:
    # Plain ADD COLUMNs: a batch copy of these tables would trip SQLite's foreign keys.
    op.add_column("locations", sa.Column("crew_parking", sa.Text(), nullable=True))
    op.add_column("shoot_days", _moment("second_meal_at"))
    op.add_column("shoot_days", _moment("background_call"))
    op.add_column("shoot_days", sa.Column("safety_notes", sa.Text(), nullable=True))
    op.add_column("scenes", sa.Column("location", sa.String(length=200), nullable=True))
    op.add_column(
        "scenes", sa.Column("background", sa.Integer(), nullable=False, server_default="0")
    )
    op.add_column("scenes", sa.Column("requirements", sa.Text(), nullable=True))
    op.add_column("call_overrides", _moment("wardrobe_at"))
    op.add_column("call_overrides", _moment("on_set_at"))
    op.add_column("call_overrides", sa.Column("remarks", sa.Text(), nullable=True))
    op.create_table(
        "callsheet_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("production_id", sa.Integer(), nullable=False),
        sa.Column("company", sa.String(length=200), nullable=True),
        sa.Column("phones", sa.String(length=8), nullable=False),
        sa.Column("key_contacts", sa.JSON(), nullable=False),
        sa.Column("walkie_channels", sa.JSON(), nullable=False),
        sa.Column("standard_notes", sa.Text(), nullable=True),
        sa.Column("heads", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["production_id"], ["productions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("production_id"),
    )
    op.create_table(
        "cast_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("production_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=8), nullable=False),
        sa.Column("character", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(["production_id"], ["productions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("production_id", "number", name="uq_cast_number"),
        sa.UniqueConstraint("production_id", "person_id", name="uq_cast_person"),
    )


def downgrade() -> None:
    op.drop_table("cast_members")
    op.drop_table("callsheet_settings")
    drops = {
        "call_overrides": ("remarks", "on_set_at", "wardrobe_at"),
        "scenes": ("requirements", "background", "location"),
        "shoot_days": ("safety_notes", "background_call", "second_meal_at"),
        "locations": ("crew_parking",),
    }
    for table, columns in drops.items():
        for column in columns:
            op.drop_column(table, column)
