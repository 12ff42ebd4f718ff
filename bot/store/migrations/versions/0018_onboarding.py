"""start paperwork: packets, checklists, files, emergency contacts, person profiles

Revision ID: 0018
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

import bot.store.types

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def _at(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, bot.store.types.UTCDateTime(timezone=True), nullable=nullable)


def _owned(name: str, *columns: sa.Column | sa.Constraint) -> None:
    """A table with an id and a production_id, as every onboarding table has."""
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("production_id", sa.Integer(), nullable=False),
        *columns,
        sa.ForeignKeyConstraint(["production_id"], ["productions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )


def _person() -> tuple[sa.Column, sa.Constraint]:
    return (
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
    )


def upgrade() -> None:
    _owned(
        "onboarding_packets",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("items", sa.String(length=200), nullable=False),
        sa.UniqueConstraint("production_id", "kind", name="uq_packet_kind"),
    )
    _owned(
        "onboardings",
        *_person(),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=True),
        _at("started_at", nullable=False),
        sa.Column("started_by", sa.String(length=32), nullable=True),
        sa.UniqueConstraint("person_id", name="uq_onboarding_person"),
    )
    _owned(
        "onboarding_items",
        sa.Column("onboarding_id", sa.Integer(), nullable=False),
        sa.Column("item", sa.String(length=24), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        _at("received_at"),
        sa.Column("received_by", sa.String(length=32), nullable=True),
        _at("verified_at"),
        sa.Column("verified_by", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(["onboarding_id"], ["onboardings.id"], ondelete="CASCADE"),
        sa.UniqueConstraint("onboarding_id", "item", name="uq_onboarding_item"),
    )
    _owned(
        "onboarding_files",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("slack_file_id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=False),
        sa.Column("uploaded_by", sa.String(length=32), nullable=False),
        _at("uploaded_at", nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("size", sa.Integer(), nullable=True),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        _at("fetched_at"),
        sa.ForeignKeyConstraint(["item_id"], ["onboarding_items.id"], ondelete="CASCADE"),
        sa.UniqueConstraint("item_id", "slack_file_id", name="uq_onboarding_file"),
    )
    _owned(
        "emergency_contacts",
        *_person(),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("relation", sa.String(length=60), nullable=True),
        _at("updated_at", nullable=False),
        sa.UniqueConstraint("person_id", name="uq_emergency_person"),
    )
    _owned(
        "person_profiles",
        *_person(),
        sa.Column("diet", sa.String(length=16), nullable=False),
        sa.Column("gluten_free", sa.Boolean(), nullable=False),
        sa.Column("allergies", sa.Text(), nullable=True),
        sa.Column("sizes", sa.Text(), nullable=True),
        _at("updated_at", nullable=False),
        sa.UniqueConstraint("person_id", name="uq_profile_person"),
    )


def downgrade() -> None:
    for table in (
        "person_profiles",
        "emergency_contacts",
        "onboarding_files",
        "onboarding_items",
        "onboardings",
        "onboarding_packets",
    ):
        op.drop_table(table)
