"""callsheet call counts: a day's calls counted by department and time at publish

Revision ID: 0022
Revises: 0021
"""

import sqlalchemy as sa
from alembic import op

import bot.store.types

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

# The days already published, counted as publishing now counts them.
BACKFILL = """
INSERT INTO callsheet_call_counts (shoot_day_id, department_id, call_at, people)
SELECT shoot_day_id, department_id, call_at, COUNT(*)
FROM callsheet_recipients
WHERE working = :working AND call_at IS NOT NULL
GROUP BY shoot_day_id, department_id, call_at
"""


def upgrade() -> None:
    op.create_table(
        "callsheet_call_counts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "shoot_day_id",
            sa.Integer(),
            sa.ForeignKey("shoot_days.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.Column("call_at", bot.store.types.UTCDateTime(), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
    )
    op.create_index(
        "ix_call_counts_day",
        "callsheet_call_counts",
        ["shoot_day_id", "department_id", "call_at"],
    )
    op.get_bind().execute(sa.text(BACKFILL), {"working": True})


def downgrade() -> None:
    op.drop_index("ix_call_counts_day", table_name="callsheet_call_counts")
    op.drop_table("callsheet_call_counts")
