"""callsheet recipients keep their day drawn as blocks (read by /calltime)

Revision ID: 0021
Revises: 0020
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("callsheet_recipients", sa.Column("view_blocks", sa.Text(), nullable=True))


def downgrade() -> None:
    # In place (SQLite >= 3.35 drops a column itself): no table rebuild.
    op.drop_column("callsheet_recipients", "view_blocks")
