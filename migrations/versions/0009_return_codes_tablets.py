"""Return codes (a keyed hash on each draft) and the waiting-room tablets enrolled by an administrator.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("drafts") as batch:
        batch.add_column(sa.Column("return_code_hash", sa.String(length=64), nullable=True))
        batch.create_index("ix_drafts_return_code_hash", ["return_code_hash"], unique=True)
    op.create_table(
        "tablet_devices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("enrolled_by", sa.String(length=254), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_by", sa.String(length=254), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )


def downgrade():
    op.drop_table("tablet_devices")
    with op.batch_alter_table("drafts") as batch:
        batch.drop_index("ix_drafts_return_code_hash")
        batch.drop_column("return_code_hash")
