"""Stored submissions for the staff tests: real answers through store_submission, with a chosen age."""

from datetime import UTC, datetime, timedelta

from rules import parse_answers
from screening.extensions import db
from screening.submissions import store_submission
from tests.conftest import PATIENT, neutral


def submit(
    app, *, name: str = "Maria Lopez", hours_ago: float = 0, born: str = "1948-03-27", **changes
) -> str:
    """Store one submission made `hours_ago` hours ago; returns its reference (8 characters, no dash)."""
    patient = {**PATIENT, "full_name": name, "date_of_birth": born}
    answers = parse_answers({**neutral(**changes), "patient": patient}, require_patient=True)
    with app.app_context():
        submission = store_submission(answers)
        submission.created_at = datetime.now(UTC) - timedelta(hours=hours_ago)
        db.session.commit()
        return submission.reference


# Answer changes that give each suggestion (spec §4) and the urgent mark.
URGENT = {"nerve_symptoms": ["weakness"]}
NEUROLOGY = {"nerve_symptoms": ["numbness"]}
KYPHOPLASTY = {"deformity": "yes"}
VERTEBROPLASTY = {"load_pain": "yes"}
CONSERVATIVE: dict = {}
