"""The audit trail's hash chain: each row commits to the one before, so a removed or altered row shows.

The append-only triggers stop the application's own connection from changing rows; a database owner
can drop them. The chain makes that visible: `flask --app screening verify-audit` recomputes every
link and names the first broken one.
"""

import hashlib
from datetime import UTC
from typing import NamedTuple

import click
from flask.cli import with_appcontext
from sqlalchemy import Integer, String, select, update
from sqlalchemy.orm import Mapped, mapped_column

from screening.extensions import db

GENESIS = "0" * 64


class AuditChainHead(db.Model):
    """The one row that holds the chain's end: the last sequence number and its hash."""

    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    hash: Mapped[str] = mapped_column(String(64), default=GENESIS)


def link(previous: str, sequence: int, entry) -> str:
    """The hash of one row: the previous row's hash, its sequence number and every field it records."""
    fields = (
        previous,
        str(sequence),
        entry.at.astimezone(UTC).isoformat(timespec="microseconds"),
        entry.staff_email,
        entry.action,
        entry.reference,
        entry.detail,
        entry.address,
    )
    return hashlib.sha256("\x1f".join(fields).encode()).hexdigest()


def chain(entries: list) -> None:
    """Give each new (unsaved) entry its sequence number and hash, moving the head on; the caller commits.

    The head's row is taken with an UPDATE first, so writers from every worker queue there (row lock
    on PostgreSQL, write lock on SQLite) and each sees the hash the one before it left.
    """
    if db.session.get(AuditChainHead, 1) is None:
        db.session.add(AuditChainHead(id=1, sequence=0, hash=GENESIS))
        db.session.flush()
    sequence, previous = db.session.execute(
        update(AuditChainHead)
        .where(AuditChainHead.id == 1)
        .values(sequence=AuditChainHead.sequence)
        .returning(AuditChainHead.sequence, AuditChainHead.hash)
    ).one()
    for entry in entries:
        sequence += 1
        entry.sequence, entry.chain_hash = sequence, link(previous, sequence, entry)
        previous = entry.chain_hash
    db.session.execute(
        update(AuditChainHead).where(AuditChainHead.id == 1).values(sequence=sequence, hash=previous)
    )


class Verdict(NamedTuple):
    """What verify found: how many rows were checked, and the first broken link (None when intact)."""

    rows: int
    broken: str | None


def verify() -> Verdict:
    """Recompute the chain from the first row to the head."""
    from screening.staff.audit.trail import AuditEntry

    previous, expected, rows = GENESIS, 1, 0
    for entry in db.session.scalars(select(AuditEntry).order_by(AuditEntry.sequence, AuditEntry.id)):
        rows += 1
        if entry.sequence != expected:
            return Verdict(
                rows, f"row id {entry.id}: sequence {entry.sequence}, expected {expected} (rows missing)"
            )
        if entry.chain_hash != link(previous, entry.sequence, entry):
            return Verdict(
                rows, f"row id {entry.id} (sequence {entry.sequence}): its contents or an earlier row changed"
            )
        previous, expected = entry.chain_hash, expected + 1
    head = db.session.get(AuditChainHead, 1)
    if head is not None and (head.sequence, head.hash) != (expected - 1, previous):
        return Verdict(
            rows, f"the end: the head says {head.sequence} rows, {expected - 1} remain (rows removed)"
        )
    return Verdict(rows, None)


@click.command("verify-audit")
@with_appcontext
def verify_audit_command() -> None:
    """Check the audit trail's hash chain; exit 1 naming the first broken link."""
    verdict = verify()
    if verdict.broken is not None:
        click.echo(f"The audit trail is broken at {verdict.broken}.", err=True)
        raise SystemExit(1)
    click.echo(f"The audit trail is intact: {verdict.rows} rows.")
