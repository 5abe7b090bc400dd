"""The answer schema v1: strict validation, every problem reported with its field and what is allowed."""

from datetime import date, timedelta

import pytest

from rules import AnswersError, parse_answers
from rules.answers import FIELDS
from rules.checks import age_on
from tests.helpers import NEUTRAL, PATIENT, neutral


def problems(data, **kwargs):
    with pytest.raises(AnswersError) as caught:
        parse_answers(data, **kwargs)
    return caught.value.by_field()


def test_neutral_answers_are_valid_and_patient_is_optional_for_evaluate():
    answers = parse_answers(neutral())
    assert answers.patient is None
    assert answers.nerve_symptoms == []


def test_patient_is_required_when_a_questionnaire_is_submitted():
    assert "patient" in problems(neutral(), require_patient=True)
    answers = parse_answers({**neutral(), "patient": PATIENT}, require_patient=True)
    assert answers.patient.full_name == "Maria Lopez"
    assert answers.patient.date_of_birth == date(1948, 3, 27)


def test_optional_fields_default_to_empty():
    data = neutral()
    del data["treatments_tried"], data["allergies"]
    answers = parse_answers({**data, "patient": {"full_name": "A", "date_of_birth": "1950-01-01"}})
    assert (answers.treatments_tried, answers.allergies, answers.patient.phone) == ([], "", "")


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("pain_score", True, "a whole number from 0 to 10"),
        ("pain_score", 7.5, "a whole number from 0 to 10"),
        ("pain_score", 7.0, "a whole number from 0 to 10"),
        ("pain_score", "7", "a whole number from 0 to 10"),
        ("pain_score", 11, "from 0 to 10"),
        ("pain_score", -1, "from 0 to 10"),
        ("pain_weeks", 521, "from 0 to 520"),
        ("pain_weeks", None, "a whole number from 0 to 520"),
        ("load_pain", "Yes", "one of yes, no"),
        ("load_pain", True, "one of yes, no"),
        ("cause", "tumour", "one of osteoporosis, injury, cancer, unknown"),
        ("deformity", "maybe", "one of yes, no, unsure"),
        ("pregnant", "n/a", "one of yes, no, not_applicable"),
        ("nerve_symptoms", "weakness", "a list of numbness, weakness"),
        ("nerve_symptoms", ["weakness", "weakness"], "more than once"),
        ("treatments_tried", ["rest", "rest"], "more than once"),
        ("allergies", "x" * 501, "at most 500 characters"),
        ("allergies", 12, "text of at most 500 characters"),
    ],
)
def test_bad_values_name_the_field_and_what_is_allowed(field, value, words):
    found = problems(neutral(**{field: value}))
    assert list(found) == [field]
    assert words in found[field]


def test_bad_list_item_names_its_position():
    found = problems(neutral(nerve_symptoms=["numbness", "tingling"]))
    assert "tingling" in found["nerve_symptoms[1]"]


def test_unknown_field_is_an_error_not_ignored():
    assert problems(neutral(colour="blue")) == {"colour": "is not a known field"}


@pytest.mark.parametrize("field", FIELDS)
def test_each_missing_field_is_reported(field):
    data = dict(NEUTRAL)
    del data[field]
    if field in ("treatments_tried", "allergies"):
        parse_answers(data)
    else:
        assert problems(data)[field].startswith("is required")


def test_all_problems_are_reported_at_once_not_only_the_first():
    found = problems({"pain_score": 99, "cause": "x", "extra": 1})
    assert {"pain_score", "cause", "extra", "load_pain", "fracture_confirmed"} <= set(found)
    # 10 required fields missing, 2 bad values, 1 unknown field.
    assert len(found) == 13


@pytest.mark.parametrize("data", [[], "answers", 3, None])
def test_answers_must_be_an_object(data):
    assert problems(data) == {"answers": "must be a JSON object of answers"}


TODAY = date.today()


@pytest.mark.parametrize(
    ("patient", "field", "words"),
    [
        ({"full_name": "   ", "date_of_birth": "1950-01-01"}, "patient.full_name", "1 to 120"),
        ({"full_name": "x" * 121, "date_of_birth": "1950-01-01"}, "patient.full_name", "1 to 120"),
        ({"full_name": "A\x00B", "date_of_birth": "1950-01-01"}, "patient.full_name", "control"),
        ({"full_name": "A", "date_of_birth": "1950-02-30"}, "patient.date_of_birth", "real date"),
        ({"full_name": "A", "date_of_birth": "27/03/1948"}, "patient.date_of_birth", "YYYY-MM-DD"),
        ({"full_name": "A", "date_of_birth": 19480327}, "patient.date_of_birth", "YYYY-MM-DD"),
        (
            {"full_name": "A", "date_of_birth": (TODAY + timedelta(days=1)).isoformat()},
            "patient.date_of_birth",
            "future",
        ),
        ({"full_name": "A", "date_of_birth": "1850-01-01"}, "patient.date_of_birth", "at most 120"),
        ({"full_name": "A", "date_of_birth": "1950-01-01", "phone": "call me"}, "patient.phone", "digits"),
        ({"full_name": "A", "date_of_birth": "1950-01-01", "phone": "1" * 31}, "patient.phone", "30"),
        ({"full_name": "A"}, "patient.date_of_birth", "required"),
        ({"full_name": "A", "date_of_birth": "1950-01-01", "email": "a@b"}, "patient.email", "known"),
    ],
)
def test_bad_patient_details_name_the_nested_field(patient, field, words):
    found = problems({**neutral(), "patient": patient})
    assert list(found) == [field]
    assert words in found[field]


def test_names_are_trimmed_and_any_script_is_accepted():
    patient = {"full_name": "  محمد 李雷 Zoë ", "date_of_birth": "1950-01-01"}
    answers = parse_answers({**neutral(), "patient": patient})
    assert answers.patient.full_name == "محمد 李雷 Zoë"


def test_age_on_counts_whole_years():
    assert age_on(date(1948, 3, 27), date(2026, 3, 26)) == 77
    assert age_on(date(1948, 3, 27), date(2026, 3, 27)) == 78


def test_validated_answers_round_trip_through_json_storage():
    answers = parse_answers({**neutral(nerve_symptoms=["weakness"]), "patient": PATIENT})
    assert parse_answers(answers.model_dump(mode="json")) == answers


@pytest.mark.parametrize("typed", ["Penicillin\r\nLatex", "Penicillin\nLatex", "Penicillin\rLatex"])
def test_regression_issue_13_1_two_line_allergies_are_accepted_and_stored_with_lf(typed):
    """Regression (issue 13.1): a browser posts a textarea's Enter as CRLF, which was refused."""
    answers = parse_answers(neutral(allergies=typed))
    assert answers.allergies == "Penicillin\nLatex"


def test_regression_issue_13_1_allergies_count_crlf_as_one_character():
    """Regression (issue 13.1): 250 lines of one letter is 499 characters as the patient typed them."""
    assert len(parse_answers(neutral(allergies="\r\n".join("a" * 250))).allergies) == 499


@pytest.mark.parametrize("control", ["\x00", "\x07", "\x0b", "\x1b", "\x7f", "\x85"])
def test_allergies_still_refuse_other_control_characters(control):
    with pytest.raises(AnswersError, match="allergies"):
        parse_answers(neutral(allergies=f"Penicillin{control}Latex"))


@pytest.mark.parametrize(
    "control", ["\u202e", "\u202a", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u200f"]
)
def test_regression_issue_13_7_direction_controls_are_refused_in_names(control):
    """Regression (issue 13.7): "Ann\u202egnp.exe" showed reversed ("nnA exe.png") in the queue and PDF."""
    patient = {"full_name": f"Ann{control}gnp.exe", "date_of_birth": "1950-01-01"}
    found = problems({**neutral(), "patient": patient})
    assert list(found) == ["patient.full_name"] and "text-direction" in found["patient.full_name"]


@pytest.mark.parametrize("name", ["محمد عبد الله", "שרה לוי", "Zoë O'Brien-Łukasik"])
def test_names_in_right_to_left_scripts_are_accepted(name):
    answers = parse_answers({**neutral(), "patient": {"full_name": name, "date_of_birth": "1950-01-01"}})
    assert answers.patient.full_name == name
