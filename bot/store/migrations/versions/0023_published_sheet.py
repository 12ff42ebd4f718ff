"""shoot days keep the whole sheet as last published (a person's PDF is drawn from it)

Revision ID: 0023
Revises: 0022
"""

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("shoot_days", sa.Column("published_sheet", sa.JSON(), nullable=True))


def downgrade() -> None:
    # In place (SQLite >= 3.35 drops a column itself): rebuilding shoot_days would cascade.
    op.drop_column("shoot_days", "published_sheet")
