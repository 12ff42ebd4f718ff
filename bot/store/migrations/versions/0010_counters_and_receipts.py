"""counters and request receipts

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

import bot.store.types

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# The numbered columns (kind "table.column", as bot/store/sequences.py names them).
_NUMBERED = (("expenses", "number"), ("problems", "number"), ("tasks", "group_id"))


def upgrade() -> None:
    op.create_table(
        "counters",
        sa.Column("production_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["production_id"], ["productions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("production_id", "kind"),
    )
    op.create_table(
        "request_receipts",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("expires_at", bot.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_index(
        op.f("ix_request_receipts_expires_at"), "request_receipts", ["expires_at"], unique=False
    )
    for table, column in _NUMBERED:
        # Today's numbers continue where they are: each counter starts at the current max.
        op.execute(
            f"INSERT INTO counters (production_id, kind, value) SELECT production_id, "
            f"'{table}.{column}', MAX({column}) FROM {table} GROUP BY production_id"
        )


def downgrade() -> None:
    op.drop_index(op.f("ix_request_receipts_expires_at"), table_name="request_receipts")
    op.drop_table("request_receipts")
    op.drop_table("counters")
