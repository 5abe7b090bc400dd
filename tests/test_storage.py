"""Storing submissions: reference codes, the frozen result, one row per draft, on every database."""

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from rules import RULES_VERSION, SCHEMA_VERSION, parse_answers
from screening.extensions import db
from screening.models import Submission
from screening.submissions import CROCKFORD, format_reference, parse_reference, store_submission
from tests.helpers import PATIENT, neutral


def answers(**changes):
    return parse_answers({**neutral(**changes), "patient": PATIENT}, require_patient=True)


def count_rows() -> int:
    return db.session.scalar(select(func.count()).select_from(Submission))


def test_a_submission_freezes_the_rules_result_and_starts_new(app):
    with app.app_context():
        row = store_submission(answers(nerve_symptoms=["weakness"], treatments_tried=[]))
        stored = db.session.get(Submission, row.id)
        assert (stored.suggestion, stored.urgent, stored.status) == ("neurology_referral", True, "new")
        assert stored.result["matched"] == ["R1-nerve"]
        assert stored.result["flags"] == [
            {"id": "F-no-conservative-care", "line": "No conservative treatment tried yet"}
        ]
        assert stored.result["suggestion_label"] == "Neurology referral"
        assert (stored.rules_version, stored.schema_version) == (RULES_VERSION, SCHEMA_VERSION)
        assert stored.full_name == "Maria Lopez"
        assert stored.answers["patient"]["date_of_birth"] == "1948-03-27"
        assert parse_answers(stored.answers, require_patient=True) == answers(
            nerve_symptoms=["weakness"], treatments_tried=[]
        )


def test_created_time_is_utc_now(app):
    before = datetime.now(UTC)
    with app.app_context():
        created = store_submission(answers()).created_at
    created = created if created.tzinfo else created.replace(tzinfo=UTC)
    assert before.replace(microsecond=0) <= created <= datetime.now(UTC)


def test_the_same_draft_stored_twice_makes_one_row(app):
    with app.app_context():
        first = store_submission(answers(), draft_id="draft-1")
        second = store_submission(answers(), draft_id="draft-1")
        assert first.reference == second.reference
        store_submission(answers(), draft_id="draft-2")
        assert count_rows() == 2


def test_references_are_8_crockford_characters_and_distinct(app):
    with app.app_context():
        codes = {store_submission(answers()).reference for _ in range(200)}
    assert len(codes) == 200
    assert all(re.fullmatch(f"[{CROCKFORD}]{{8}}", code) for code in codes)
    # Not in sequence: consecutive codes share no common prefix pattern worth guessing.
    assert len({code[:2] for code in codes}) > 100


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("ABCD-EFGH", "ABCDEFGH"),
        ("abcd efgh", "ABCDEFGH"),
        ("O1IL-2345", "0111" + "2345"),
        ("ABCD-EFG", None),
        ("ABCD-EFGU", None),
        ("../../etc", None),
        ("", None),
    ],
)
def test_typed_references_are_read_as_people_write_them(typed, stored):
    assert parse_reference(typed) == stored


def test_references_are_shown_with_a_dash():
    assert format_reference("ABCDEFGH") == "ABCD-EFGH"
