"""The answer schema is the one source of truth: questions, widgets, messages and limits derive from it."""

from typing import Literal

import pytest
from pydantic import ValidationError, create_model

from rules import problems as kinds
from rules.answers import SPECS, Answers, problems_from
from rules.problems import ENGLISH, Problem
from rules.questions import QUESTIONS, STEPS, Step, ask
from rules.schema import OBJECT, field_specs
from screening.patient import flow, forms, pages, parts
from screening.patient.forms import step_form_class
from screening.patient.messages import BY_KIND, patient_message


def test_every_schema_field_has_exactly_one_question():
    asked = [q.spec.name for step in STEPS for q in step.questions]
    fields = [name for name, spec in SPECS.items() if spec.kind != OBJECT]
    assert sorted(asked) == sorted(fields)
    assert len(asked) == len(set(asked))


@pytest.mark.parametrize("question", QUESTIONS.values(), ids=lambda q: q.name)
def test_every_allowed_value_has_a_label_and_no_label_lacks_a_value(question):
    assert [value for value, _label in question.choices] == list(question.spec.choices)
    assert all(label.strip() for _value, label in question.choices)


def test_a_label_for_a_value_the_schema_does_not_allow_is_refused():
    with pytest.raises(ValueError, match="must match the schema's values"):
        ask("load_pain", "Text", "Summary", labels={"yes": "Yes", "no": "No", "maybe": "Maybe"})


def test_a_missing_label_is_refused():
    with pytest.raises(ValueError, match="must match the schema's values"):
        ask("load_pain", "Text", "Summary", labels={"yes": "Yes"})


def test_limits_are_read_off_the_schema():
    assert (SPECS["pain_score"].low, SPECS["pain_score"].high) == (0, 10)
    assert (SPECS["pain_weeks"].low, SPECS["pain_weeks"].high) == (0, 520)
    assert SPECS["patient.full_name"].max_length == 120
    assert SPECS["allergies"].max_length == 500 and SPECS["allergies"].kind == "long_text"
    assert SPECS["patient.phone"].required is False and SPECS["cause"].required is True


@pytest.mark.parametrize("kind", kinds.KINDS)
def test_every_kind_of_problem_has_english_words(kind):
    assert kind in ENGLISH


def test_form_only_problem_kinds_have_patient_words():
    for kind in (
        parts.DATE_INCOMPLETE,
        parts.DATE_NOT_NUMBERS,
        parts.YEAR_NOT_FOUR_DIGITS,
        forms.NONE_AND_OTHERS,
    ):
        assert kind in BY_KIND


@pytest.mark.parametrize("kind", kinds.KINDS)
def test_the_patient_message_is_picked_by_kind_for_every_question(kind):
    params = {"got": '"x"', "value": '"x"', "max_age": 120, "length": 3}
    for question in QUESTIONS.values():
        message = patient_message(question, kind, params)
        assert message and "{" not in message and "_" not in message.replace("__", "")


# A question added "in a temporary table": one schema field, one question entry with its labels.
Extended = create_model("Extended", __base__=Answers, walking_aid=(Literal["stick", "frame", "none"], ...))
EXTENDED_SPECS = field_specs(Extended)
WALKING_AID = ask(
    "walking_aid",
    "Do you use anything to help you walk?",
    "Walking aid",
    labels={"stick": "A walking stick", "frame": "A walking frame", "none": "Nothing"},
    specs=EXTENDED_SPECS,
)


def test_a_new_question_gets_its_kind_choices_and_requirement_from_the_schema_field():
    assert (WALKING_AID.kind, WALKING_AID.required, WALKING_AID.many) == ("choice", True, False)
    assert [value for value, _ in WALKING_AID.choices] == ["stick", "frame", "none"]
    assert EXTENDED_SPECS["walking_aid"].allowed() == "one of stick, frame, none"


def test_a_new_question_is_validated_and_worded_with_no_other_table_touched():
    with pytest.raises(ValidationError) as caught:
        Extended.model_validate({"walking_aid": "wheelchair"})
    found = {p.field: p for p in problems_from(caught.value, EXTENDED_SPECS)}
    assert found["walking_aid"].kind == kinds.NOT_ALLOWED
    assert found["walking_aid"].english() == 'got "wheelchair"; allowed: one of stick, frame, none'
    assert (
        patient_message(WALKING_AID, found["walking_aid"].kind)
        == "Choose A walking stick, A walking frame or Nothing"
    )


def test_a_new_question_renders_on_its_step_page(app, monkeypatch):
    step = Step("walking", "Walking", (WALKING_AID,))
    monkeypatch.setattr(flow, "STEPS", (*STEPS, step))
    with app.test_request_context("/questions/walking"):
        page, status = pages.render_step(step, step_form_class(step)(), {})
    assert status == 200
    for value, label in WALKING_AID.choices:
        assert f'id="walking_aid-{value}"' in page and label in page
    assert "Do you use anything to help you walk?" in page and f"Step {len(STEPS) + 1} of" in page


def test_problems_carry_a_kind_and_a_field_not_prose():
    problem = Problem("nerve_symptoms[1]", kinds.NOT_ALLOWED, {"got": '"x"', "allowed": "a list"})
    assert (problem.name, problem.flat) == ("nerve_symptoms", "nerve_symptoms")
    assert Problem("patient.full_name", kinds.TOO_LONG).flat == "full_name"
