"""an index PostgreSQL can use for a ref prefix (every copy of a message about one object)

Revision ID: 0012
Revises: 0011
"""

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite reads the plain ref index for GLOB 'prefix*'; PostgreSQL only uses an index for
    # LIKE 'prefix%' under the C collation or with pattern ops, so every copy lookup scanned.
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_outbox_ref_prefix ON outbox (ref varchar_pattern_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_outbox_ref_prefix")
