"""FHIR R4: the public Questionnaire and CodeSystems, and each submission as a Bundle that round-trips."""

import base64
import hashlib
import json
import subprocess
from datetime import UTC, date, datetime

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.codesystem import CodeSystem
from fhir.resources.R4B.documentreference import DocumentReference
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from fhir.resources.R4B.riskassessment import RiskAssessment
from sqlalchemy import select

from rules import SCHEMA_VERSION, evaluate, parse_answers
from rules.answers import FIELDS, PATIENT_FIELDS
from rules.questions import QUESTIONS, STEPS
from screening import create_app
from screening.extensions import db
from screening.fhir.codes import ANSWERS_SYSTEM, QUESTIONNAIRE_URL
from screening.fhir.questionnaire import ENABLE_WHEN, items_by_link_id, questionnaire
from screening.fhir.reading import answers_from_response
from screening.i18n.catalogues import translations_for
from screening.models import Submission, SummaryPdf
from screening.staff.audit.trail import AuditEntry
from screening.submissions import format_reference
from tests.helpers import KYPHOPLASTY, URGENT, VERTEBROPLASTY, staff_login, store
from tests.test_cli_evaluate import SCREENING

MODELS = {
    "QuestionnaireResponse": QuestionnaireResponse,
    "RiskAssessment": RiskAssessment,
    "DocumentReference": DocumentReference,
}
# item type -> the answer value it takes
ANSWER_KEYS = {"choice": "valueCoding", "integer": "valueInteger", "date": "valueDate"}
ANSWER_KEYS |= {"string": "valueString", "text": "valueString"}


def _json(response):
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/fhir+json"
    return json.loads(response.data)


def test_the_questionnaire_is_public_valid_and_names_every_schema_field(client):
    resource = _json(client.get("/fhir/Questionnaire/spine-screen"))
    Questionnaire.model_validate(resource)
    assert resource["url"] == QUESTIONNAIRE_URL and resource["version"] == SCHEMA_VERSION
    items = items_by_link_id(resource)
    questions = {link_id: item for link_id, item in items.items() if item["type"] not in ("group", "display")}
    assert set(questions) == set(FIELDS) | set(PATIENT_FIELDS)
    link_ids = [link_id for link_id in _all_link_ids(resource)]
    assert len(link_ids) == len(set(link_ids))
    codes = {c["code"] for c in _json(client.get("/fhir/CodeSystem/spine-screen-answers"))["concept"]}
    for item in questions.values():
        for option in item.get("answerOption", []):
            assert (
                option["valueCoding"]["system"] == ANSWERS_SYSTEM and option["valueCoding"]["code"] in codes
            )
        for condition in item.get("enableWhen", []):
            assert condition["question"] in questions
    assert questions["pain_score"].get("code") is None  # not LOINC 72514-3: see NOTES / README


def _all_link_ids(resource: dict) -> list[str]:
    found = []
    for item in resource.get("item", []):
        found += [item["linkId"], *_all_link_ids(item)]
    return found


def test_every_question_asked_only_sometimes_says_when_in_fhir():
    conditional = {name for name, question in QUESTIONS.items() if question.asked_when is not None}
    assert conditional == set(ENABLE_WHEN)
    # cause: asked unless the fracture was ruled out, as enableWhen "fracture_confirmed != no" says.
    (condition,) = ENABLE_WHEN["cause"]["enableWhen"]
    for value in ("yes", "no", "unsure"):
        fhir_says = value != condition["answerCoding"]["code"]
        assert QUESTIONS["cause"].applies({"fracture_confirmed": value}) is fhir_says


@pytest.mark.parametrize("system_id", ["spine-screen-answers", "spine-screen-results"])
def test_the_code_systems_are_public_and_valid(client, system_id):
    resource = _json(client.get(f"/fhir/CodeSystem/{system_id}"))
    CodeSystem.model_validate(resource)
    assert resource["url"].endswith(f"/CodeSystem/{system_id}") and resource["count"] == len(
        resource["concept"]
    )
    assert client.get("/fhir/CodeSystem/loinc").status_code == 404


def test_translations_plug_in_as_the_fhir_translation_extension():
    resource = questionnaire(("ar",), lambda lang, text: f"[{lang}] {text}" if text == "Yes" else None)
    Questionnaire.model_validate(resource)
    option = items_by_link_id(resource)["load_pain"]["answerOption"][0]["valueCoding"]
    (translation,) = option["_display"]["extension"]
    assert translation["url"] == "http://hl7.org/fhir/StructureDefinition/translation"
    assert translation["extension"] == [
        {"url": "lang", "valueCode": "ar"},
        {"url": "content", "valueString": "[ar] Yes"},
    ]


def check_response_against_questionnaire(response: dict, questionnaire_items: dict) -> None:
    """Every linkId exists in the Questionnaire, under the same group, and each answer has the item's type."""
    for group in response["item"]:
        assert questionnaire_items[group["linkId"]]["type"] == "group"
        for entry in group["item"]:
            item = questionnaire_items[entry["linkId"]]
            assert item in questionnaire_items[group["linkId"]]["item"]
            assert entry["answer"] and (item.get("repeats") or len(entry["answer"]) == 1)
            for answer in entry["answer"]:
                assert list(answer) == [ANSWER_KEYS[item["type"]]]
                if item["type"] == "choice":
                    assert answer["valueCoding"] in [o["valueCoding"] for o in item["answerOption"]]


CASES = {
    "urgent": URGENT,
    "kyphoplasty": KYPHOPLASTY,
    "vertebroplasty": {**VERTEBROPLASTY, "pain_weeks": 3, "pain_score": 8},
    "no fracture, cause not asked": {"fracture_confirmed": "no", "cause": "unknown"},
    "young, pregnancy asked": {"born": "1995-06-01", "pregnant": "no"},
    "nothing tried, allergies written": {"treatments_tried": [], "allergies": "Latex\nPenicillin"},
}


@pytest.mark.parametrize("changes", CASES.values(), ids=CASES.keys())
def test_a_submission_bundle_validates_and_round_trips_to_its_stored_result(app, client, changes):
    reference = store(app, name="Amira Haddad", **changes)
    staff_login(client, "doc@clinic.example", "doctor")
    response = client.get(f"/staff/submissions/{reference}.fhir.json")
    assert f'filename="submission-{reference}.fhir.json"' in response.headers["Content-Disposition"]
    bundle = _json(response)
    Bundle.model_validate(bundle)
    resources = {entry["resource"]["resourceType"]: entry for entry in bundle["entry"]}
    assert list(resources) == list(MODELS)
    for kind, model in MODELS.items():
        model.model_validate(resources[kind]["resource"])
    answers_entry = resources["QuestionnaireResponse"]
    answers = answers_entry["resource"]
    assert (
        answers["questionnaire"] == f"{QUESTIONNAIRE_URL}|{SCHEMA_VERSION}"
        and answers["status"] == "completed"
    )
    assert answers["identifier"]["value"] == format_reference(reference)
    (patient,) = answers["contained"]
    assert (
        patient["name"] == [{"text": "Amira Haddad"}] and patient["telecom"][0]["value"] == "+44 20 7946 0958"
    )
    check_response_against_questionnaire(answers, items_by_link_id(questionnaire()))

    with app.app_context():
        stored = db.session.scalar(select(Submission).where(Submission.reference == reference))
        kept = db.session.get(SummaryPdf, stored.id).pdf
        parsed = parse_answers(answers_from_response(answers), require_patient=True)
        assert parsed.model_dump(mode="json") == stored.answers
        assert evaluate(parsed, stored.rules_version).to_record() == stored.result
        assert patient["birthDate"] == stored.answers["patient"]["date_of_birth"]

    risk = resources["RiskAssessment"]["resource"]
    assert risk["basis"] == [{"reference": answers_entry["fullUrl"]}]
    assert risk["prediction"][0]["outcome"]["coding"][0]["code"] == stored.result["suggestion"]
    assert (
        any(p["outcome"]["coding"][0]["code"] == "urgent" for p in risk["prediction"])
        is stored.result["urgent"]
    )
    attachment = resources["DocumentReference"]["resource"]["content"][0]["attachment"]
    pdf = base64.b64decode(attachment["data"])
    assert pdf == kept == client.get(f"/staff/submissions/{reference}.pdf").data
    assert (
        attachment["size"] == len(pdf) and base64.b64decode(attachment["hash"]) == hashlib.sha1(pdf).digest()  # noqa: S324 - FHIR's hash
    )
    again = _json(client.get(f"/staff/submissions/{reference}.fhir.json"))
    assert [e["fullUrl"] for e in again["entry"]] == [e["fullUrl"] for e in bundle["entry"]]


def test_the_day_bundle_holds_that_day_only_and_every_download_is_audited(app, client):
    today = [store(app, name=f"Today {n}") for n in range(2)]
    store(app, name="Long Ago", hours_ago=24 * 40)
    staff_login(client, "admin@clinic.example", "admin")
    day = datetime.now(UTC).date().isoformat()
    bundle = _json(client.get(f"/staff/export.fhir.json?day={day}"))
    Bundle.model_validate(bundle)
    shown = [
        e["resource"]["identifier"]["value"] for e in bundle["entry"] if "questionnaire" in e["resource"]
    ]
    assert sorted(shown) == sorted(format_reference(ref) for ref in today)
    queue_page = client.get(f"/staff/?day={day}&status=all").get_data(as_text=True)
    assert f"FHIR Bundle of {day}" in queue_page
    missing = client.get("/staff/export.fhir.json")
    assert missing.status_code == 400 and "choose a day" in missing.get_data(as_text=True)
    with app.app_context():
        rows = db.session.execute(
            select(AuditEntry.action, AuditEntry.reference, AuditEntry.detail).where(
                AuditEntry.action == "export"
            )
        ).all()
    assert sorted(rows) == sorted(("export", ref, f"FHIR bundle of {day}") for ref in today)


def test_the_front_desk_cannot_download_fhir_and_sees_no_link(app, client):
    reference = store(app)
    staff_login(client, "desk@clinic.example", "frontdesk")
    day = datetime.now(UTC).date().isoformat()
    assert client.get(f"/staff/submissions/{reference}.fhir.json").status_code == 403
    assert client.get(f"/staff/export.fhir.json?day={day}").status_code == 403
    assert "FHIR" not in client.get(f"/staff/submissions/{reference}").get_data(as_text=True)
    assert "FHIR" not in client.get("/staff/").get_data(as_text=True)


def test_the_export_command_writes_the_day_bundle_and_audits_it(database_url, tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "k", "SQLALCHEMY_DATABASE_URI": database_url})
    reference = store(app, **URGENT)
    out = tmp_path / "day.fhir.json"
    day = datetime.now(UTC).date().isoformat()
    done = subprocess.run(
        [SCREENING, "export", "--fhir", "--day", day, "-o", str(out)],
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": database_url},
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.decode().strip() == f"Wrote a FHIR Bundle of 1 submission of {day} to {out}"
    bundle = json.loads(out.read_text(encoding="utf-8"))
    Bundle.model_validate(bundle)
    assert bundle["entry"][0]["resource"]["identifier"]["value"] == format_reference(reference)
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "export"))
        assert (entry.reference, entry.address) == (reference, "command line")
        assert entry.staff_email.endswith("(command line)")
    with app.app_context():
        db.engine.dispose()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["--day", "2026-11-25", "-o", "x.json"],
            ["--fhir: required; the export's one format is a FHIR R4 Bundle"],
        ),
        (
            ["--fhir", "--day", "25/11/2026", "-o", "/no/such/folder/x.json"],
            [
                "--day: must be a real date written YYYY-MM-DD (got '25/11/2026')",
                "-o /no/such/folder/x.json: folder /no/such/folder does not exist",
            ],
        ),
    ],
)
def test_the_export_command_names_every_bad_option(args, expected, tmp_path):
    done = subprocess.run([SCREENING, "export", *args], capture_output=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr.decode().splitlines() == expected


def test_an_unfinished_urgent_submission_exports_as_in_progress(app, client):
    from screening.submissions import store_unfinished

    with app.app_context():
        partial = {
            "patient": {"full_name": "Half Done", "date_of_birth": "1950-01-01"},
            "nerve_symptoms": ["weakness"],
        }
        reference = store_unfinished(partial, draft_id="d" * 32).reference
    staff_login(client, "doc@clinic.example", "doctor")
    bundle = _json(client.get(f"/staff/submissions/{reference}.fhir.json"))
    Bundle.model_validate(bundle)
    answers, risk = bundle["entry"][0]["resource"], bundle["entry"][1]["resource"]
    assert answers["status"] == "in-progress" and risk["status"] == "preliminary"
    assert date.fromisoformat(answers["contained"][0]["birthDate"]) == date(1950, 1, 1)


def test_the_public_questionnaire_carries_the_arabic_of_every_question(client):
    resource = client.get("/fhir/Questionnaire/spine-screen").get_json()
    Questionnaire.model_validate(resource)
    items = items_by_link_id(resource)
    for step in STEPS:
        for question in step.questions:
            extensions = items[question.name]["_text"]["extension"]
            (arabic,) = [e for e in extensions if e["extension"][0]["valueCode"] == "ar"]
            words = arabic["extension"][1]["valueString"]
            assert words == translations_for("ar").gettext(question.text) and words != question.text
