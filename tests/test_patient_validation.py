"""Each wrong or missing answer re-shows its step with a plain message by the field, other answers kept."""

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from screening.extensions import db
from screening.models import Draft
from tests.helpers import NEUTRAL, PATIENT
from tests.patient_walk import STEP_URLS, post_step, step_fields

TOMORROW = date.today() + timedelta(days=1)
ABOUT_YOU = step_fields(0, NEUTRAL, PATIENT)
PAIN = step_fields(1, NEUTRAL, PATIENT)
NERVES = step_fields(2, NEUTRAL, PATIENT)
TREATMENTS = step_fields(3, NEUTRAL, PATIENT)


def without(fields: dict, *names: str) -> dict:
    return {name: value for name, value in fields.items() if name not in names}


def error_by(page: str, field: str) -> str:
    """The message shown next to a field (inside its form group), without the hidden "Error:" prefix."""
    group = re.search(rf'id="{field}-group">(.*?)</div>\s*(?:<div class="form-group|<button)', page, re.S)
    assert group, f"no form group for {field}"
    found = re.search(r'class="error-message"[^>]*>.*?</span>\s*(.*?)</p>', group.group(1), re.S)
    return found.group(1).replace("&#39;", "'").replace("&#34;", '"') if found else ""


CASES = [
    # (step, posted fields, field with the problem, words of the message)
    (0, without(ABOUT_YOU, "full_name"), "full_name", "Enter your full name"),
    (0, {**ABOUT_YOU, "full_name": "   "}, "full_name", "Enter your full name"),
    (0, {**ABOUT_YOU, "full_name": "x" * 121}, "full_name", "1 to 120 characters"),
    (
        0,
        without(ABOUT_YOU, "date_of_birth-day", "date_of_birth-month", "date_of_birth-year"),
        "date_of_birth",
        "Enter your date of birth",
    ),
    (0, {**ABOUT_YOU, "date_of_birth-month": ""}, "date_of_birth", "must include a day, a month and a year"),
    (
        0,
        {**ABOUT_YOU, "date_of_birth-day": "31", "date_of_birth-month": "2"},
        "date_of_birth",
        "must be a real date",
    ),
    (0, {**ABOUT_YOU, "date_of_birth-day": "x"}, "date_of_birth", "must be written in numbers"),
    (0, {**ABOUT_YOU, "date_of_birth-year": "48"}, "date_of_birth", "Year must have 4 numbers"),
    (
        0,
        {
            **ABOUT_YOU,
            "date_of_birth-day": TOMORROW.day,
            "date_of_birth-month": TOMORROW.month,
            "date_of_birth-year": TOMORROW.year,
        },
        "date_of_birth",
        "Date of birth must not be in the future",
    ),
    (0, {**ABOUT_YOU, "date_of_birth-year": "1850"}, "date_of_birth", "age of at most 120 years"),
    (0, {**ABOUT_YOU, "phone": "call me maybe"}, "phone", "digits, spaces and + - ( )"),
    (1, without(PAIN, "fracture_confirmed"), "fracture_confirmed", "Choose Yes, No or I don't know"),
    (1, {**PAIN, "fracture_confirmed": "perhaps"}, "fracture_confirmed", "Choose Yes, No or I don't know"),
    (1, without(PAIN, "cause"), "cause", "Choose one of the answers"),
    (1, without(PAIN, "pain_weeks"), "pain_weeks", "Enter a whole number from 0 to 520"),
    (1, {**PAIN, "pain_weeks": "521"}, "pain_weeks", "Enter a whole number from 0 to 520"),
    (1, {**PAIN, "pain_weeks": "-1"}, "pain_weeks", "Enter a whole number from 0 to 520"),
    (1, {**PAIN, "pain_weeks": "two"}, "pain_weeks", "Enter a whole number from 0 to 520"),
    (1, {**PAIN, "pain_score": "11"}, "pain_score", "Enter a whole number from 0 to 10"),
    (1, {**PAIN, "pain_score": "7.5"}, "pain_score", "Enter a whole number from 0 to 10"),
    (1, {**PAIN, "pain_score": "99999999999"}, "pain_score", "Enter a whole number from 0 to 10"),
    (1, without(PAIN, "load_pain"), "load_pain", "Choose Yes or No"),
    (
        2,
        without(NERVES, "nerve_symptoms"),
        "nerve_symptoms",
        "Choose the ones that apply, or “None of these”",
    ),
    (2, {**NERVES, "nerve_symptoms": ["none", "weakness"]}, "nerve_symptoms", "not both"),
    (2, {**NERVES, "nerve_symptoms": ["tingling"]}, "nerve_symptoms", "Choose the ones that apply"),
    (2, without(NERVES, "deformity"), "deformity", "Choose Yes, No or I don't know"),
    (3, {**TREATMENTS, "allergies": "a" * 501}, "allergies", "at most 500 characters"),
    (3, {**TREATMENTS, "treatments_tried": ["surgery"]}, "treatments_tried", "Choose the ones that apply"),
    (3, without(TREATMENTS, "pregnant"), "pregnant", "Choose Yes, No or Does not apply to me"),
]


@pytest.mark.parametrize(("index", "fields", "field", "message"), CASES)
def test_a_wrong_answer_is_shown_by_its_field_and_in_the_summary(client, index, fields, field, message):
    for earlier in range(index):
        post_step(client, earlier, step_fields(earlier, NEUTRAL, PATIENT))
    response = post_step(client, index, fields)
    assert response.status_code == 200
    page = response.text
    assert message in error_by(page, field)
    assert 'class="error-summary" role="alert"' in page and "autofocus" in page
    assert re.search(rf'<a href="#{field}(-[a-z_]+)?">', page), "the summary links to the field"
    assert "<title>Error: " in page
    assert (
        'aria-invalid="true"' in page
        or f'aria-describedby="{field}-hint {field}-error"' in page
        or (f'aria-describedby="{field}-error"' in page)
    )


def test_the_other_answers_are_kept_when_one_is_wrong(client):
    post_step(client, 0, step_fields(0, NEUTRAL, PATIENT))
    page = post_step(client, 1, {**PAIN, "pain_score": "11", "cause": "injury", "pain_weeks": "6"}).text
    assert re.search(r'id="cause-injury"[^>]*checked', page)
    assert 'value="6"' in page and 'value="11"' in page
    assert error_by(page, "cause") == "" and error_by(page, "pain_weeks") == ""


def test_a_refused_step_saves_nothing_and_does_not_move_on(client, app):
    post_step(client, 0, step_fields(0, NEUTRAL, PATIENT))
    post_step(client, 1, {**PAIN, "pain_score": "11"})
    with app.app_context():
        draft = db.session.scalars(select(Draft)).one()
        assert "pain_score" not in draft.data and "fracture_confirmed" not in draft.data
    assert client.get(STEP_URLS[2]).headers["Location"] == STEP_URLS[1]


def test_treatments_may_be_left_empty_but_symptoms_may_not(client, app):
    for index in range(3):
        post_step(client, index, step_fields(index, NEUTRAL, PATIENT))
    response = post_step(client, 3, without(TREATMENTS, "treatments_tried"))
    assert response.status_code == 303
    with app.app_context():
        assert db.session.scalars(select(Draft)).one().data["treatments_tried"] == []


def test_inputs_carry_client_side_hints(client):
    post_step(client, 0, step_fields(0, NEUTRAL, PATIENT))
    about_you = client.get(STEP_URLS[0]).text
    assert re.search(
        r'<input[^>]*id="date_of_birth-day"[^>]*inputmode="numeric"[^>]*required', about_you, re.S
    )
    assert re.search(r'type="tel"[^>]*inputmode="tel"', about_you)
    pain = client.get(STEP_URLS[1]).text
    assert re.search(r'inputmode="numeric" step="1" min="0" max="10" id="pain_score"[^>]*required', pain)
    assert re.search(r'<label class="label" for="pain_score">', pain)


def test_regression_issue_13_1_two_line_allergies_from_a_browser_are_stored_with_lf(client):
    """Regression (issue 13.1): "Penicillin", Enter, "Latex" arrives as CRLF and was refused."""
    from screening.models import Submission
    from tests.patient_walk import walk

    response = walk(client, {**NEUTRAL, "allergies": "Penicillin\r\nLatex"}, PATIENT)
    assert response.status_code == 303 and response.location.endswith("/confirmation")
    with client.application.app_context():
        stored = db.session.scalar(select(Submission))
        assert stored.answers["allergies"] == "Penicillin\nLatex"
        assert "F-allergies" in [flag["id"] for flag in stored.result["flags"]]
