"""Each wrong or missing answer re-shows its step with a plain message by the field, other answers kept."""

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from rules.questions import STEPS
from screening.extensions import db
from screening.models import Draft
from tests.helpers import NEUTRAL, PATIENT
from tests.patient_walk import STEP_URLS, post_step, step_fields

TOMORROW = date.today() + timedelta(days=1)
STEP = {step.slug: index for index, step in enumerate(STEPS)}
ABOUT_YOU = step_fields(STEP["about-you"], NEUTRAL, PATIENT)
BONE = step_fields(STEP["broken-bone"], NEUTRAL, PATIENT)
CAUSE = step_fields(STEP["cause"], NEUTRAL, PATIENT)
PAIN = step_fields(STEP["your-pain"], NEUTRAL, PATIENT)
NERVES = step_fields(STEP["legs-and-back"], NEUTRAL, PATIENT)
TREATMENTS = step_fields(STEP["treatments-and-medicines"], NEUTRAL, PATIENT)
HEALTH = step_fields(STEP["health-now"], NEUTRAL, PATIENT)


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
    (1, without(BONE, "fracture_confirmed"), "fracture_confirmed", "Choose Yes, No or I don't know"),
    (1, {**BONE, "fracture_confirmed": "perhaps"}, "fracture_confirmed", "Choose Yes, No or I don't know"),
    (2, without(CAUSE, "cause"), "cause", "Choose one of the answers"),
    (3, without(PAIN, "pain_weeks-amount"), "pain_weeks", "Enter a whole number from 0 to 520"),
    (3, {**PAIN, "pain_weeks-amount": "521"}, "pain_weeks", "Enter at most 520 weeks (120 months)"),
    (
        3,
        {**PAIN, "pain_weeks-amount": "121", "pain_weeks-unit": "months"},
        "pain_weeks",
        "Enter at most 520 weeks (120 months)",
    ),
    (3, {**PAIN, "pain_weeks-amount": "-1"}, "pain_weeks", "as a whole number of weeks or months"),
    (3, {**PAIN, "pain_weeks-amount": "two"}, "pain_weeks", "as a whole number of weeks or months"),
    (3, without(PAIN, "pain_score"), "pain_score", "Choose a number from 0 to 10"),
    (3, {**PAIN, "pain_score": "11"}, "pain_score", "Choose a number from 0 to 10"),
    (3, {**PAIN, "pain_score": "7.5"}, "pain_score", "Choose a number from 0 to 10"),
    (3, {**PAIN, "pain_score": "99999999999"}, "pain_score", "Choose a number from 0 to 10"),
    (3, without(PAIN, "load_pain"), "load_pain", "Choose Yes or No"),
    (
        4,
        without(NERVES, "nerve_symptoms"),
        "nerve_symptoms",
        "Choose the ones that apply, or “None of these”",
    ),
    (4, {**NERVES, "nerve_symptoms": ["none", "weakness"]}, "nerve_symptoms", "not both"),
    (4, {**NERVES, "nerve_symptoms": ["tingling"]}, "nerve_symptoms", "Choose the ones that apply"),
    (4, without(NERVES, "deformity"), "deformity", "Choose Yes, No or I don't know"),
    (5, {**TREATMENTS, "allergies": "a" * 501}, "allergies", "at most 500 characters"),
    (5, {**TREATMENTS, "treatments_tried": ["surgery"]}, "treatments_tried", "Choose the ones that apply"),
    (6, without(HEALTH, "fever_or_infection"), "fever_or_infection", "Choose Yes or No"),
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
    assert re.search(rf'<a href="#{field}(-[a-z_0-9]+)?">', page), "the summary links to the field"
    assert "<title>Error: " in page
    assert (
        'aria-invalid="true"' in page
        or f'aria-describedby="{field}-hint {field}-error"' in page
        or (f'aria-describedby="{field}-error"' in page)
    )


def test_the_other_answers_are_kept_when_one_is_wrong(client):
    for index in range(3):
        post_step(client, index, step_fields(index, NEUTRAL, PATIENT))
    fields = {**PAIN, "pain_score": "11", "load_pain": "yes", "pain_weeks-amount": "6"}
    page = post_step(client, 3, {**fields, "pain_weeks-unit": "months"}).text
    assert re.search(r'id="load_pain-yes"[^>]*checked', page)
    assert re.search(r'id="pain_weeks-months"[^>]*checked', page) and 'value="6"' in page
    assert error_by(page, "load_pain") == "" and error_by(page, "pain_weeks") == ""


def test_a_refused_step_saves_nothing_and_does_not_move_on(client, app):
    for index in range(3):
        post_step(client, index, step_fields(index, NEUTRAL, PATIENT))
    post_step(client, 3, {**PAIN, "pain_score": "11"})
    with app.app_context():
        draft = db.session.scalars(select(Draft)).one()
        assert "pain_score" not in draft.data and "load_pain" not in draft.data
    assert client.get(STEP_URLS[4]).headers["Location"] == STEP_URLS[3]


def test_treatments_may_be_left_empty_but_symptoms_may_not(client, app):
    for index in range(5):
        post_step(client, index, step_fields(index, NEUTRAL, PATIENT))
    response = post_step(client, 5, without(TREATMENTS, "treatments_tried"))
    assert response.status_code == 303
    with app.app_context():
        assert db.session.scalars(select(Draft)).one().data["treatments_tried"] == []


def test_inputs_carry_client_side_hints(client):
    post_step(client, 0, step_fields(0, NEUTRAL, PATIENT))
    about_you = client.get(STEP_URLS[0]).text
    assert re.search(r'<input[^>]*id="date_of_birth-day"[^>]*inputmode="numeric"', about_you, re.S)
    assert re.search(r'type="tel"[^>]*inputmode="tel"', about_you)
    assert "novalidate" in about_you and "maxlength" not in about_you
    for index in range(1, 3):
        post_step(client, index, step_fields(index, NEUTRAL, PATIENT))
    pain = client.get(STEP_URLS[3]).text
    # Regression (issue 15.3): no type=number box a mouse wheel can change.
    assert 'type="number"' not in pain
    assert re.search(r'id="pain_weeks-amount"[^>]*type="text" inputmode="numeric"', pain, re.S)
    assert len(re.findall(r'type="radio" id="pain_score-\d+"', pain)) == 11


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
