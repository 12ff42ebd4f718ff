"""a day's own copy of a location keeps the name the crew read

Revision ID: 0024
Revises: 0023
"""

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("locations", sa.Column("shown_name", sa.String(120), nullable=True))


def downgrade() -> None:
    # In place (SQLite >= 3.35 drops a column itself): rebuilding locations would cascade.
    op.drop_column("locations", "shown_name")
