"""Database tables for the patients' side: drafts in progress and submitted questionnaires."""

from datetime import UTC, datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, LargeBinary, String, Text, true
from sqlalchemy.orm import Mapped, mapped_column

from screening.columns import UtcDateTime
from screening.extensions import db


def utcnow() -> datetime:
    """The current time in UTC, timezone-aware."""
    return datetime.now(UTC)


class Draft(db.Model):
    """Answers in progress, kept server-side (never in the cookie) under an opaque random id."""

    __tablename__ = "drafts"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    # The return code's keyed hash (screening/patient/return_codes.py), once one was shown: the code
    # itself is never stored. A new code replaces the old one.
    return_code_hash: Mapped[str | None] = mapped_column(String(64), unique=True, index=True)


class Submission(db.Model):
    """One submitted questionnaire, stored as it was: its answers, their schema version, and the result
    (with its words) as the rules of that day gave it. Reading a row never re-validates it."""

    __tablename__ = "submissions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # 8 Crockford base32 characters, stored without the dash shown to people.
    reference: Mapped[str] = mapped_column(String(8), unique=True)
    # The draft this came from: unique, so a double POST of the final step makes one row.
    draft_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    full_name: Mapped[str] = mapped_column(String(120))
    answers: Mapped[dict] = mapped_column(JSON)
    schema_version: Mapped[str] = mapped_column(String(20))
    # Result.to_record(): suggestion, urgent, matched, reasons, flags with their lines, and labels.
    result: Mapped[dict] = mapped_column(JSON)
    # Copied out of the result so the queue can filter and order by them.
    suggestion: Mapped[str] = mapped_column(String(40))
    urgent: Mapped[bool] = mapped_column(Boolean)
    rules_version: Mapped[str] = mapped_column(String(20))
    # False while the patient has not sent it: stored early because an answer was urgent (the
    # clinic must hear of it even if the patient never finishes); completed in place on sending.
    complete: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # The language the patient answered in, and its catalogue's version and review status then
    # ("2026.12-1, not yet reviewed"): the doctor's PDF says so (issue 11.5, 11.6).
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")
    translation_version: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), default="new")
    note: Mapped[str] = mapped_column(Text, default="")
    # Who first confirmed seeing an urgent submission, and when: it stops the escalating alerts.
    acknowledged_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    acknowledged_by: Mapped[str] = mapped_column(String(254), default="", server_default="")
    # Name, phone digits and date of birth, folded (screening/search_text.py) for the queue's search.
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")

    __table_args__ = (
        Index("ix_submissions_queue", "status", "urgent", "created_at"),
        Index("ix_submissions_created_at", "created_at"),
        Index("ix_submissions_full_name", "full_name"),
    )


class SummaryPdf(db.Model):
    """The doctor's PDF of one submission, kept once rendered, with a fingerprint of what it prints.

    In a table of its own so the queue's queries never carry the PDFs along.
    """

    __tablename__ = "summary_pdfs"

    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), primary_key=True)
    # sha256 over the summary's printed values and the renderer (template, stylesheet, WeasyPrint):
    # when either changes, the kept PDF no longer matches and is rendered again.
    fingerprint: Mapped[str] = mapped_column(String(64))
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    rendered_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
