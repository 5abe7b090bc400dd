"""UtcDateTime, the one column type for moments: stored as UTC, read back aware, on SQLite and PostgreSQL."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import DateTime, select, text
from sqlalchemy.exc import StatementError

from screening.columns import UtcDateTime
from screening.extensions import db
from screening.models import Submission
from screening.summary import summary_for_submission
from tests.helpers import store

NOON_UTC = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
TOKYO = timezone(timedelta(hours=9))


def _store_at(app, moment: datetime) -> str:
    reference = store(app)
    with app.app_context():
        row = db.session.scalar(select(Submission).where(Submission.reference == reference))
        row.created_at = moment
        db.session.commit()
    return reference


def _read(app, reference: str) -> Submission:
    with app.app_context():
        return db.session.scalar(select(Submission).where(Submission.reference == reference))


def test_a_stored_time_is_read_back_aware_in_utc(app):
    # Regression (issue 9.5): SQLite handed these back naive, and four helpers each patched that up.
    reference = _store_at(app, NOON_UTC.astimezone(TOKYO))
    created = _read(app, reference).created_at
    assert created.tzinfo is UTC
    assert created == NOON_UTC


def test_a_time_given_in_another_zone_is_stored_as_utc_and_compares_right(app):
    reference = _store_at(app, NOON_UTC.astimezone(TOKYO))
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            # SQLite keeps only the digits: they must be UTC's, or text comparison would mix zones.
            raw = db.session.execute(text("SELECT created_at FROM submissions")).scalar_one()
            assert raw.startswith("2026-07-01 12:00:00")
        one_minute_before_in_tokyo = (NOON_UTC - timedelta(minutes=1)).astimezone(TOKYO)
        found = db.session.scalars(
            select(Submission.reference).where(Submission.created_at > one_minute_before_in_tokyo)
        ).all()
    assert found == [reference]


def test_a_naive_time_is_refused_rather_than_guessed(app):
    reference = store(app)
    with app.app_context():
        row = db.session.scalar(select(Submission).where(Submission.reference == reference))
        row.created_at = NOON_UTC.replace(tzinfo=None)
        with pytest.raises(StatementError, match="must carry its time zone"):
            db.session.commit()


def test_the_summary_of_a_stored_row_shows_the_clinic_time(app):
    reference = _store_at(app, NOON_UTC)
    summary = summary_for_submission(_read(app, reference), "Asia/Tokyo")
    assert summary["submitted_text"] == "01 Jul 2026, 21:00 (Asia/Tokyo)"


def test_every_time_column_of_the_app_uses_the_one_type(app):
    columns = [column for table in db.metadata.sorted_tables for column in table.columns]
    times = [f"{c.table.name}.{c.name}" for c in columns if isinstance(c.type, UtcDateTime)]
    others = [
        f"{c.table.name}.{c.name}"
        for c in columns
        if isinstance(c.type, DateTime) and not isinstance(c.type, UtcDateTime)
    ]
    assert others == []
    assert {
        "submissions.created_at",
        "drafts.expires_at",
        "audit_log.at",
        "staff_sign_in_failures.at",
    } <= set(times)
