"""Versioned storage: each submission keeps its schema version and its result record, words included.

Today's rows were all evaluated by rules 2026.1 under answer schema 1, so the backfill words them
from that released table (which never changes). Drafts lose their unused `step` column.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

from rules import tables

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

submissions = sa.table(
    "submissions",
    sa.column("id", sa.Integer),
    sa.column("suggestion", sa.String),
    sa.column("urgent", sa.Boolean),
    sa.column("matched", sa.JSON),
    sa.column("reasons", sa.JSON),
    sa.column("flags", sa.JSON),
    sa.column("rules_version", sa.String),
    sa.column("schema_version", sa.String),
    sa.column("result", sa.JSON),
)


def _record(row) -> dict:
    table = tables.load(row.rules_version)
    lines = dict(table.FLAG_LINES)
    matched = list(row.matched or [])
    return {
        "suggestion": row.suggestion,
        "urgent": bool(row.urgent),
        "matched": matched,
        "reasons": list(row.reasons or []),
        "flags": [{"id": flag, "line": lines.get(flag, flag)} for flag in row.flags or []],
        "rules_version": row.rules_version,
        "suggestion_label": table.SUGGESTION_LABELS.get(row.suggestion, row.suggestion),
        "urgent_reason": table.URGENT_REASON if row.urgent else "",
        "no_rule_quote": "" if matched else table.CONSERVATIVE_CARE_QUOTE,
    }


def upgrade():
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("schema_version", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("result", sa.JSON(), nullable=True))
    connection = op.get_bind()
    rows = connection.execute(sa.select(submissions)).all()
    for row in rows:
        connection.execute(
            submissions.update()
            .where(submissions.c.id == row.id)
            .values(schema_version="1", result=_record(row))
        )
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.alter_column("schema_version", existing_type=sa.String(length=20), nullable=False)
        batch_op.alter_column("result", existing_type=sa.JSON(), nullable=False)
        batch_op.drop_column("matched")
        batch_op.drop_column("reasons")
        batch_op.drop_column("flags")
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.drop_column("step")


def downgrade():
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("step", sa.String(length=40), nullable=True))
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("matched", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("reasons", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("flags", sa.JSON(), nullable=True))
    connection = op.get_bind()
    for row in connection.execute(sa.select(submissions.c.id, submissions.c.result)).all():
        result = row.result or {}
        flags = [flag["id"] if isinstance(flag, dict) else flag for flag in result.get("flags", [])]
        connection.execute(
            submissions.update()
            .where(submissions.c.id == row.id)
            .values(matched=result.get("matched", []), reasons=result.get("reasons", []), flags=flags)
        )
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        for name in ("matched", "reasons", "flags"):
            batch_op.alter_column(name, existing_type=sa.JSON(), nullable=False)
        batch_op.drop_column("result")
        batch_op.drop_column("schema_version")
