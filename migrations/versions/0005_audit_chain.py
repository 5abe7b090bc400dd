"""The audit trail's hash chain: a sequence number and a hash on every row, and the chain's head.

Rows already stored are chained in the order they were written (by id); the append-only triggers
are lifted for that one backfill and put back at once.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# The append-only triggers as revision 0001 creates them: lifted for the backfill, then restored.
TRIGGERS = {
    "sqlite": (
        ["DROP TRIGGER IF EXISTS audit_log_no_update", "DROP TRIGGER IF EXISTS audit_log_no_delete"],
        [
            f"CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
            for verb in ("UPDATE", "DELETE")
        ],
    ),
    "postgresql": (
        ["DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log"],
        [
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()"
        ],
    ),
}
audit_log = sa.table(
    "audit_log",
    sa.column("id", sa.Integer),
    sa.column("at", sa.DateTime(timezone=True)),
    sa.column("staff_email", sa.String),
    sa.column("action", sa.String),
    sa.column("reference", sa.String),
    sa.column("detail", sa.String),
    sa.column("address", sa.String),
    sa.column("sequence", sa.Integer),
    sa.column("chain_hash", sa.String),
)


def upgrade():
    from screening.staff.audit.chain import GENESIS, link

    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sequence", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("chain_hash", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_audit_log_sequence"), ["sequence"])
    op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    connection = op.get_bind()
    lift, restore = TRIGGERS.get(connection.dialect.name, ([], []))
    for statement in lift:
        op.execute(statement)
    previous, sequence = GENESIS, 0
    for row in connection.execute(sa.select(audit_log).order_by(audit_log.c.id)).all():
        sequence += 1
        previous = link(previous, sequence, row)
        connection.execute(
            audit_log.update().where(audit_log.c.id == row.id).values(sequence=sequence, chain_hash=previous)
        )
    for statement in restore:
        op.execute(statement)
    connection.execute(
        sa.table("audit_chain_head", sa.column("id"), sa.column("sequence"), sa.column("hash"))
        .insert()
        .values(id=1, sequence=sequence, hash=previous)
    )


def downgrade():
    op.drop_table("audit_chain_head")
    connection = op.get_bind()
    lift, restore = TRIGGERS.get(connection.dialect.name, ([], []))
    for statement in lift:
        op.execute(statement)
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_audit_log_sequence"), type_="unique")
        batch_op.drop_column("chain_hash")
        batch_op.drop_column("sequence")
    for statement in restore:
        op.execute(statement)
