"""Urgent answers: advice at once (issue 15.1), the clinic told at that moment, completed in place on Send."""

import pytest
from sqlalchemy import select

from rules.questions import STEPS
from screening import ConfigError, create_app
from screening.extensions import db
from screening.models import Submission
from tests.helpers import NEUTRAL, PATIENT, count, staff_login
from tests.patient_walk import post_step, send, step_fields

URGENT = {**NEUTRAL, "nerve_symptoms": ["weakness"]}


STEP = {step.slug: index for index, step in enumerate(STEPS)}
NERVES = STEP["legs-and-back"]


def answer_until_nerves(client, answers: dict):
    """Answer every step up to the nerves step (last); returns the nerves step's response."""
    for index in range(NERVES):
        post_step(client, index, step_fields(index, answers, PATIENT))
    return post_step(client, NERVES, step_fields(NERVES, answers, PATIENT))


def rows(app) -> list[Submission]:
    with app.app_context():
        found = db.session.scalars(select(Submission)).all()
        db.session.expunge_all()
        return found


def test_regression_issue_15_1_an_urgent_answer_interrupts_before_the_next_step(client, app):
    response = answer_until_nerves(client, URGENT)
    assert response.status_code == 303 and response.location.endswith("/urgent-advice")
    page = client.get("/urgent-advice").get_data(as_text=True)
    assert "Get emergency help now" in page and 'href="tel:112"' in page
    assert "Weakness in the legs" in page and "Finish the questions" in page
    assert 'href="/questions/treatments-and-medicines"' in page


def test_regression_issue_15_1_the_urgent_draft_is_stored_for_the_clinic_at_once(client, app):
    answer_until_nerves(client, URGENT)
    (row,) = rows(app)
    assert (row.urgent, row.complete, row.status, row.suggestion) == (True, False, "new", "")
    assert row.full_name == PATIENT["full_name"] and row.answers["nerve_symptoms"] == ["weakness"]
    assert row.result["urgent_reason"] and row.result["suggestion_label"].startswith("Not finished")
    assert f"{row.reference[:4]}-{row.reference[4:]}" in client.get("/urgent-advice").get_data(as_text=True)


def test_an_abandoned_urgent_draft_stays_in_the_queue_on_top(client, app):
    answer_until_nerves(client, URGENT)  # and the patient never comes back
    staff = app.test_client()
    staff_login(staff)
    (row,) = rows(app)
    queue = staff.get("/staff/").get_data(as_text=True)
    assert f"{row.reference[:4]}-{row.reference[4:]}" in queue and "Not finished" in queue
    page = staff.get(f"/staff/submissions/{row.reference}")
    assert page.status_code == 200 and "Not answered" in page.get_data(as_text=True)
    # Flags were never checked on an unfinished questionnaire: it must not read "No flags".
    assert "Not checked: the questionnaire was not finished." in page.get_data(as_text=True)
    assert staff.get(f"/staff/submissions/{row.reference}.pdf").status_code == 200


def test_later_steps_refresh_the_stored_answers_without_a_second_interruption(client, app):
    answer_until_nerves(client, URGENT)
    later = {**URGENT, "allergies": "Latex"}
    response = post_step(client, NERVES + 1, step_fields(NERVES + 1, later, PATIENT))
    assert response.status_code == 303 and response.location.endswith("/questions/health-now")
    (row,) = rows(app)
    assert row.answers["allergies"] == "Latex" and row.complete is False


def test_sending_completes_the_same_row_with_the_rules_result(client, app):
    answer_until_nerves(client, URGENT)
    (early,) = rows(app)
    for index in range(NERVES + 1, len(STEPS)):
        post_step(client, index, step_fields(index, URGENT, PATIENT))
    assert send(client).status_code == 303
    (row,) = rows(app)
    assert (row.id, row.reference, row.complete) == (early.id, early.reference, True)
    assert (row.suggestion, row.urgent) == ("neurology_referral", True)
    assert row.result["matched"] == ["R1-nerve"] and count(app, Submission) == 1
    page = client.get("/confirmation").get_data(as_text=True)
    assert "Seek emergency care today" in page and "Weakness in the legs" in page
    assert "call you to plan your visit" not in page


def test_a_non_urgent_nerve_answer_neither_interrupts_nor_stores(client, app):
    response = answer_until_nerves(client, {**NEUTRAL, "nerve_symptoms": ["numbness"]})
    assert response.location.endswith("/questions/treatments-and-medicines")
    assert count(app, Submission) == 0
    assert client.get("/urgent-advice").location.endswith("/")


def test_the_clinic_phone_and_emergency_number_are_settings(database_url):
    settings = {"TESTING": True, "SECRET_KEY": "k", "SQLALCHEMY_DATABASE_URI": database_url}
    clinic = {"EMERGENCY_NUMBER": "999", "CLINIC_PHONE": "+44 20 7946 0000"}
    app = create_app({**settings, "DATABASE_SCHEMA": "create_all", **clinic})
    client = app.test_client()
    answer_until_nerves(client, URGENT)
    page = client.get("/urgent-advice").get_data(as_text=True)
    assert 'href="tel:999"' in page and 'href="tel:+442079460000"' in page
    with app.app_context():
        db.engine.dispose()


@pytest.mark.parametrize(
    ("setting", "value", "words"),
    [
        ("EMERGENCY_NUMBER", "call 999", "EMERGENCY_NUMBER 'call 999' must be 2 to 6 digits"),
        ("EMERGENCY_NUMBER", "1", "must be 2 to 6 digits"),
        ("CLINIC_PHONE", "ring us", "CLINIC_PHONE 'ring us' must be at most 30 characters of digits"),
        ("CLINIC_NAME", " ", "CLINIC_NAME must be 1 to 80 characters"),
    ],
)
def test_a_bad_clinic_setting_stops_the_start_with_a_message(setting, value, words):
    with pytest.raises(ConfigError, match=words):
        create_app({"TESTING": True, "SECRET_KEY": "k", "DATABASE_SCHEMA": "none", setting: value})
