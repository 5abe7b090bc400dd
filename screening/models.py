"""Database tables for the patients' side: drafts in progress and submitted questionnaires."""

from datetime import UTC, datetime

from sqlalchemy import JSON, Boolean, Index, Integer, String, Text
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
    step: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class Submission(db.Model):
    """One submitted questionnaire with the rules result frozen at submission."""

    __tablename__ = "submissions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # 8 Crockford base32 characters, stored without the dash shown to people.
    reference: Mapped[str] = mapped_column(String(8), unique=True)
    # The draft this came from: unique, so a double POST of the final step makes one row.
    draft_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    full_name: Mapped[str] = mapped_column(String(120))
    answers: Mapped[dict] = mapped_column(JSON)
    suggestion: Mapped[str] = mapped_column(String(40))
    urgent: Mapped[bool] = mapped_column(Boolean)
    matched: Mapped[list] = mapped_column(JSON)
    reasons: Mapped[list] = mapped_column(JSON)
    flags: Mapped[list] = mapped_column(JSON)
    rules_version: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="new")
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("ix_submissions_queue", "status", "urgent", "created_at"),
        Index("ix_submissions_created_at", "created_at"),
        Index("ix_submissions_full_name", "full_name"),
    )
