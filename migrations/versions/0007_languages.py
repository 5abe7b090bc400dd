"""Languages: the language each submission was answered in, and each staff member's own language.

Every row before this one was answered in English, the only language then; a staff account
without a language of its own sees the clinic's (CLINIC_LANGUAGE).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(length=8), server_default="en", nullable=False))
        batch_op.add_column(sa.Column("translation_version", sa.String(length=40), nullable=True))
    with op.batch_alter_table("staff_users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(length=8), nullable=True))


def downgrade():
    with op.batch_alter_table("staff_users", schema=None) as batch_op:
        batch_op.drop_column("language")
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_column("translation_version")
        batch_op.drop_column("language")
