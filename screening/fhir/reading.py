"""A QuestionnaireResponse read back into an answers object: what another system would reconstruct."""

from rules.answers import PATIENT_FIELDS
from rules.questions import QUESTIONS
from rules.schema import MANY
from screening.fhir.codes import NONE_CODE
from screening.fhir.questionnaire import items_by_link_id

VALUE_KEYS = ("valueCoding", "valueInteger", "valueDate", "valueString")


def _value(answer: dict) -> object:
    key = next(key for key in VALUE_KEYS if key in answer)
    return answer[key]["code"] if key == "valueCoding" else answer[key]


def answers_from_response(response: dict) -> dict:
    """The answers (spec §1 shape, patient nested) a QuestionnaireResponse holds.

    A question left out because it was not asked gets its skipped value back, as the form stores it.
    """
    flat: dict = {}
    for link_id, entry in items_by_link_id(response).items():
        question = QUESTIONS.get(link_id)
        if question is None or not entry.get("answer"):
            continue
        values = [_value(answer) for answer in entry["answer"]]
        flat[link_id] = [v for v in values if v != NONE_CODE] if question.kind == MANY else values[0]
    for name, question in QUESTIONS.items():
        if name not in flat and not question.applies(flat):
            flat[name] = question.skipped_value
    patient = {name: flat.pop(name) for name in PATIENT_FIELDS if name in flat}
    return {**flat, "patient": patient} if patient else flat
