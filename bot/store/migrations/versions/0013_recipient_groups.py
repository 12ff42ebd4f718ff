"""each recipient's department and name as published: group answers in one indexed query

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("callsheet_recipients") as batch:
        batch.add_column(sa.Column("department_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("name", sa.String(length=120), nullable=True))
    # Rows published before this revision: the crew list as it stands is the best copy there is.
    op.execute(
        "UPDATE callsheet_recipients SET "
        "department_id = (SELECT department_id FROM people "
        "WHERE people.id = callsheet_recipients.person_id), "
        "name = (SELECT name FROM people WHERE people.id = callsheet_recipients.person_id)"
    )
    op.create_index(
        "ix_recipient_day_calls",
        "callsheet_recipients",
        ["shoot_day_id", "working", "call_at", "name"],
    )
    op.create_index(
        "ix_recipient_day_department",
        "callsheet_recipients",
        ["shoot_day_id", "working", "department_id", "call_at", "name"],
    )


def downgrade() -> None:
    op.drop_index("ix_recipient_day_department", table_name="callsheet_recipients")
    op.drop_index("ix_recipient_day_calls", table_name="callsheet_recipients")
    with op.batch_alter_table("callsheet_recipients") as batch:
        batch.drop_column("name")
        batch.drop_column("department_id")
