"""The audit trail: an append-only table of who viewed, printed, exported or changed which submission."""

import logging
from datetime import datetime

from flask import has_request_context, request
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import DDL, Integer, String, event, select
from sqlalchemy.orm import Mapped, mapped_column

from screening.columns import UtcDateTime
from screening.extensions import db
from screening.models import utcnow
from screening.staff.audit.chain import chain

ACTIONS = {
    "view": "Viewed",
    "view_queue": "Viewed the queue",
    "view_pdf": "Viewed PDF",
    "view_audit": "Viewed the audit trail",
    "acknowledge": "Acknowledged urgent",
    "refused": "Refused (no permission)",
    "print": "Printed",
    "export": "Exported",
    "status": "Changed status",
    "note": "Changed note",
    "sign_in": "Signed in",
    "sign_in_failed": "Failed sign-in",
    "sign_in_locked": "Sign-in refused while locked",
    "sign_out": "Signed out",
    "enrol_tablet": "Enrolled a waiting-room tablet",
    "revoke_tablet": "Revoked a waiting-room tablet",
}
PAGE_SIZE = 100
# The application log gets reference codes and staff emails only: never a patient's name or answers.
log = logging.getLogger("screening.staff")


class AuditEntry(db.Model):
    """One thing a staff member did; rows are only ever added (the database refuses changes)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, index=True)
    # The email is copied, not only linked, so the row still says who even if the account changes.
    staff_email: Mapped[str] = mapped_column(String(254), index=True)
    action: Mapped[str] = mapped_column(String(20))
    reference: Mapped[str] = mapped_column(String(8), default="", index=True)
    detail: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(64), default="")
    # The hash chain (chain.py): the row's place, and a hash over it and the row before.
    sequence: Mapped[int | None] = mapped_column(Integer, unique=True)
    chain_hash: Mapped[str | None] = mapped_column(String(64))


# Append-only in the database itself, not only by convention in the code.
for _verb in ("UPDATE", "DELETE"):
    event.listen(
        AuditEntry.__table__,
        "after_create",
        DDL(
            f"CREATE TRIGGER audit_log_no_{_verb.lower()} BEFORE {_verb} ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
        ).execute_if(dialect="sqlite"),
    )
for _statement in (
    "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$",
    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()",
):
    event.listen(AuditEntry.__table__, "after_create", DDL(_statement).execute_if(dialect="postgresql"))


def client_address() -> str:
    """The address the request came from (ProxyFix, when configured, has already applied X-Forwarded-For)."""
    if not has_request_context():
        return "command line"  # `screening export` on the server itself
    return (request.remote_addr or "unknown")[:64]


def record(
    action: str, email: str, references: list[str] | tuple[str, ...] = ("",), detail: str = ""
) -> None:
    """Add one row per submission reference (one row with no reference for sign-ins); the caller commits."""
    now = utcnow()
    address = client_address()
    entries = [
        AuditEntry(
            at=now, staff_email=email, action=action, reference=ref, detail=detail[:200], address=address
        )
        for ref in references
    ]
    chain(entries)
    db.session.add_all(entries)
    db.session.flush()
    shown = [ref for ref in references if ref]
    codes = ", ".join(shown) if len(shown) <= 10 else f"{len(shown)} submissions"
    log.info("%s by %s from %s%s", action, email, address, f": {codes}" if codes else "")


def matching(reference: str = "", email: str = "", action: str = "", since=None, before=None):
    """SELECT of the trail's rows for the filters given (each optional), newest first."""
    query = select(AuditEntry)
    if reference:
        query = query.where(AuditEntry.reference == reference)
    if email:
        query = query.where(AuditEntry.staff_email == email)
    if action:
        query = query.where(AuditEntry.action == action)
    if since is not None:
        query = query.where(AuditEntry.at >= since)
    if before is not None:
        query = query.where(AuditEntry.at < before)
    return query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())


def entries(page: int, **filters) -> Pagination:
    """One page of the trail, newest first, for the filters of `matching`; with the total."""
    return db.paginate(matching(**filters), page=page, per_page=PAGE_SIZE, error_out=False)
