"""many workspaces: installations, OAuth states, and the team of rows not under a production

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

# Rows not reached through a production carry their workspace (README: what belongs to a team).
_TEAM_TABLES = ("outbox", "scheduled_jobs", "request_receipts")


def _bot_columns() -> list[sa.Column]:
    # Copied from slack_sdk's SQLAlchemyInstallationStore.build_bots_table (v3.48).
    return [
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("client_id", sa.String(32), nullable=False),
        sa.Column("app_id", sa.String(32), nullable=False),
        sa.Column("enterprise_id", sa.String(32)),
        sa.Column("enterprise_name", sa.String(200)),
        sa.Column("team_id", sa.String(32)),
        sa.Column("team_name", sa.String(200)),
        sa.Column("bot_token", sa.String(200)),
        sa.Column("bot_id", sa.String(32)),
        sa.Column("bot_user_id", sa.String(32)),
        sa.Column("bot_scopes", sa.String(1000)),
        sa.Column("bot_refresh_token", sa.String(200)),
        sa.Column("bot_token_expires_at", sa.DateTime()),
    ]


def _tail_columns() -> list[sa.Column]:
    return [
        sa.Column("is_enterprise_install", sa.Boolean(), nullable=False),
        sa.Column("installed_at", sa.DateTime(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table("slack_bots", *_bot_columns(), *_tail_columns())
    op.create_index(
        "slack_bots_idx",
        "slack_bots",
        ["client_id", "enterprise_id", "team_id", "installed_at"],
    )
    # Copied from build_installations_table: the bot's columns, then the installing user's.
    op.create_table(
        "slack_installations",
        *_bot_columns(),
        sa.Column("enterprise_url", sa.String(200)),
        sa.Column("user_id", sa.String(32), nullable=False),
        sa.Column("user_token", sa.String(200)),
        sa.Column("user_scopes", sa.String(1000)),
        sa.Column("user_refresh_token", sa.String(200)),
        sa.Column("user_token_expires_at", sa.DateTime()),
        sa.Column("incoming_webhook_url", sa.String(200)),
        sa.Column("incoming_webhook_channel", sa.String(200)),
        sa.Column("incoming_webhook_channel_id", sa.String(200)),
        sa.Column("incoming_webhook_configuration_url", sa.String(200)),
        sa.Column("token_type", sa.String(32)),
        *_tail_columns(),
    )
    op.create_index(
        "slack_installations_idx",
        "slack_installations",
        ["client_id", "enterprise_id", "team_id", "user_id", "installed_at"],
    )
    # Copied from SQLAlchemyOAuthStateStore.build_oauth_states_table.
    op.create_table(
        "slack_oauth_states",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("state", sa.String(200), nullable=False),
        sa.Column("expire_at", sa.DateTime(), nullable=False),
    )
    op.add_column("productions", sa.Column("enterprise_id", sa.String(32), nullable=True))
    for table in _TEAM_TABLES:
        op.add_column(table, sa.Column("team_id", sa.String(32), nullable=True))
        op.create_index(f"ix_{table}_team_id", table, ["team_id"])


def downgrade() -> None:
    for table in _TEAM_TABLES:
        op.drop_index(f"ix_{table}_team_id", table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column("team_id")
    # Not batch mode: on SQLite it rebuilds the table, and dropping the old productions table
    # cascades to every production's rows. SQLite ≥ 3.35 and PostgreSQL drop a column in place.
    op.execute("ALTER TABLE productions DROP COLUMN enterprise_id")
    op.drop_table("slack_oauth_states")
    op.drop_table("slack_installations")
    op.drop_table("slack_bots")
