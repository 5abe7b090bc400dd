"""Urgent alerts: acknowledgement on submissions, the alerts outbox, and the folded search text.

Rows already stored get their search text (folded name, phone digits, birth date) computed here.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

submissions = sa.table(
    "submissions",
    sa.column("id", sa.Integer),
    sa.column("answers", sa.JSON),
    sa.column("search_text", sa.Text),
)


def upgrade():
    from screening.search_text import for_answers

    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("acknowledged_by", sa.String(length=254), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("search_text", sa.Text(), server_default="", nullable=False))
    connection = op.get_bind()
    for row_id, answers in connection.execute(sa.select(submissions.c.id, submissions.c.answers)).all():
        connection.execute(
            submissions.update()
            .where(submissions.c.id == row_id)
            .values(search_text=for_answers(answers or {}))
        )
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_try_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(["submission_id"], ["submissions.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("submission_id", "round", "channel", name="uq_alerts_round"),
    )
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alerts_next_try_at"), ["next_try_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_alerts_submission_id"), ["submission_id"], unique=False)


def downgrade():
    op.drop_table("alerts")
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_column("search_text")
        batch_op.drop_column("acknowledged_by")
        batch_op.drop_column("acknowledged_at")
