"""One stored submission in FHIR R4: a QuestionnaireResponse, a RiskAssessment and the PDF, in a Bundle.

The screening result is a RiskAssessment, not an Observation: it is a prediction (which consult to book
first) drawn from other data, and RiskAssessment says so itself: its `basis` points at the answers, its
`prediction` carries the outcome with the rules' reasons as `rationale`, and `method` names the rules
version. An Observation would need a code for "what was measured", and nothing was.
"""

import base64
import hashlib
import uuid
from datetime import datetime

from rules.evaluate import UNFINISHED_LABEL
from rules.questions import STEPS, Question
from rules.schema import CHOICE, DATE, MANY, NUMBER
from screening.fhir.codes import (
    ANSWERS_SYSTEM,
    NONE_CODE,
    NONE_DISPLAY,
    QUESTIONNAIRE_URL,
    REFERENCE_SYSTEM,
    RESULTS_SYSTEM,
    URGENT_CODE,
    URGENT_DISPLAY,
)
from screening.fhir.questionnaire import group_link_id
from screening.summary import DISCLAIMER

# Entry ids are name-based UUIDs: the same submission exports with the same ids every time.
NAMESPACE = uuid.UUID("7b0d6c1e-3f0a-5c4e-9a51-2f6f0e4d8c11")
PATIENT = {"reference": "#patient"}


def full_url(reference: str, kind: str) -> str:
    """The Bundle entry's fullUrl of one resource of a submission."""
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{kind}/{reference}')}"


def flat_answers(answers: dict) -> dict:
    """The stored answers with the patient's fields beside the others (how questions read them)."""
    patient = answers.get("patient") if isinstance(answers.get("patient"), dict) else {}
    return {**{k: v for k, v in answers.items() if k != "patient"}, **patient}


def contained_patient(answers: dict) -> dict:
    """The patient as the answers give them: name, birth date and phone (contained: no record id)."""
    patient = answers.get("patient") if isinstance(answers.get("patient"), dict) else {}
    resource: dict = {"resourceType": "Patient", "id": "patient"}
    if patient.get("full_name"):
        resource["name"] = [{"text": patient["full_name"]}]
    if patient.get("date_of_birth"):
        resource["birthDate"] = patient["date_of_birth"]
    if patient.get("phone"):
        resource["telecom"] = [{"system": "phone", "value": patient["phone"], "use": "mobile"}]
    return resource


def _coding(question: Question, code: str) -> dict:
    labels = dict(question.choices)
    return {"system": ANSWERS_SYSTEM, "code": code, "display": labels.get(code, code)}


def answer_values(question: Question, value: object) -> list[dict]:
    """A stored answer as QuestionnaireResponse answers of the item's type (none for an empty one)."""
    if question.kind == CHOICE:
        return [{"valueCoding": _coding(question, str(value))}]
    if question.kind == MANY:
        if not value:
            none = {"system": ANSWERS_SYSTEM, "code": NONE_CODE, "display": NONE_DISPLAY}
            return [{"valueCoding": none}] if question.required else []
        return [{"valueCoding": _coding(question, str(v))} for v in value]
    if question.kind == NUMBER:
        return [{"valueInteger": value}]
    if question.kind == DATE:
        return [{"valueDate": str(value)}]
    return [{"valueString": str(value)}] if value not in ("", None) else []


def response_items(answers: dict) -> list[dict]:
    """The answers as the Questionnaire's groups and items; a question not asked (skipped) is left out."""
    flat = flat_answers(answers)
    groups = []
    for step in STEPS:
        items = []
        for question in step.questions:
            if question.name not in flat:
                continue
            value = flat[question.name]
            if not question.applies(flat) and value == question.skipped_value:
                continue
            values = answer_values(question, value)
            if values:
                items.append({"linkId": question.name, "text": question.text, "answer": values})
        if items:
            groups.append({"linkId": group_link_id(step), "text": step.title, "item": items})
    return groups


def questionnaire_response(submission, reference: str, authored: str) -> dict:
    """The submission's answers as a QuestionnaireResponse with the patient contained."""
    patient = contained_patient(submission.answers)
    return {
        "resourceType": "QuestionnaireResponse",
        "contained": [patient],
        "identifier": {"system": REFERENCE_SYSTEM, "value": reference},
        "questionnaire": f"{QUESTIONNAIRE_URL}|{submission.schema_version}",
        "status": "completed" if submission.complete else "in-progress",
        "subject": PATIENT,
        "authored": authored,
        "source": PATIENT,
        "item": response_items(submission.answers),
    }


def risk_assessment(submission, reference: str, authored: str) -> dict:
    """The screening result as a RiskAssessment based on the QuestionnaireResponse."""
    record = submission.result or {}
    suggestion = record.get("suggestion", "")
    label = record.get("suggestion_label") or suggestion or UNFINISHED_LABEL
    outcome: dict = {"text": label}
    if suggestion:
        outcome["coding"] = [{"system": RESULTS_SYSTEM, "code": suggestion, "display": label}]
    reasons = " ".join(record.get("reasons", [])) or record.get("no_rule_quote", "")
    predictions = [{"outcome": outcome, **({"rationale": reasons} if reasons else {})}]
    if record.get("urgent"):
        urgent = {"coding": [{"system": RESULTS_SYSTEM, "code": URGENT_CODE, "display": URGENT_DISPLAY}]}
        high = {
            "coding": [{"system": "http://terminology.hl7.org/CodeSystem/risk-probability", "code": "high"}]
        }
        predictions.append(
            {
                "outcome": {**urgent, "text": URGENT_DISPLAY},
                "qualitativeRisk": high,
                "rationale": record.get("urgent_reason") or URGENT_DISPLAY,
            }
        )
    flags = [flag.get("line") or flag.get("id") for flag in record.get("flags", []) if isinstance(flag, dict)]
    return {
        "resourceType": "RiskAssessment",
        "contained": [contained_patient(submission.answers)],
        "identifier": [{"system": REFERENCE_SYSTEM, "value": reference}],
        "status": "final" if submission.complete else "preliminary",
        "code": {"text": "Spine screening suggestion: which consult to book first"},
        "method": {"text": f"spine-screen screening rules, version {record.get('rules_version', '')}"},
        "subject": PATIENT,
        "occurrenceDateTime": authored,
        "basis": [{"reference": full_url(submission.reference, "QuestionnaireResponse")}],
        "prediction": predictions,
        "note": [{"text": DISCLAIMER}, *({"text": f"For the doctor: {line}"} for line in flags)],
    }


def document_reference(submission, reference: str, authored: str, pdf: bytes) -> dict:
    """The doctor's PDF summary (as kept) as a DocumentReference to the QuestionnaireResponse."""
    return {
        "resourceType": "DocumentReference",
        "contained": [contained_patient(submission.answers)],
        "identifier": [{"system": REFERENCE_SYSTEM, "value": reference}],
        "status": "current",
        "docStatus": "final" if submission.complete else "preliminary",
        "type": {"text": "Pre-visit screening summary for the doctor"},
        "subject": PATIENT,
        "date": authored,
        "description": DISCLAIMER,
        "content": [
            {
                "attachment": {
                    "contentType": "application/pdf",
                    "data": base64.b64encode(pdf).decode("ascii"),
                    "size": len(pdf),
                    "hash": base64.b64encode(hashlib.sha1(pdf).digest()).decode("ascii"),  # noqa: S324 - FHIR's hash is SHA-1
                    "title": f"summary-{submission.reference}.pdf",
                    "creation": authored,
                }
            }
        ],
        "context": {"related": [{"reference": full_url(submission.reference, "QuestionnaireResponse")}]},
    }


def submission_entries(submission, reference: str, submitted_at: datetime, pdf: bytes) -> list[dict]:
    """The three Bundle entries of one submission: its answers, its result, its PDF."""
    authored = submitted_at.isoformat(timespec="seconds")
    resources = (
        questionnaire_response(submission, reference, authored),
        risk_assessment(submission, reference, authored),
        document_reference(submission, reference, authored, pdf),
    )
    return [
        {"fullUrl": full_url(submission.reference, resource["resourceType"]), "resource": resource}
        for resource in resources
    ]


def bundle(entries: list[dict], timestamp: datetime) -> dict:
    """A collection Bundle of the entries."""
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": timestamp.isoformat(timespec="seconds"),
        "entry": entries,
    }
