"""Stored rows stay readable forever: schema and rules versions recorded, results kept with their words."""

import csv
import io
import json
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from flask_migrate import upgrade
from pypdf import PdfReader
from sqlalchemy import text

from rules import RULES_VERSION, SCHEMA_VERSION, evaluate, parse_answers, tables
from rules.tables import UnknownRulesVersion
from screening import create_app
from screening.extensions import db
from screening.models import Submission
from screening.submissions import format_reference, store_submission
from tests.helpers import PATIENT, neutral, staff_login

SCREENING = str(Path(sys.executable).with_name("screening"))
MIGRATIONS = str(Path(__file__).resolve().parent.parent / "migrations")
OLD_FLAG_WORDS = "Anticoagulants — as worded in an older release"
# As a row stored under an imagined older questionnaire: a retired question, a required one missing.
OLDER_ROW = {
    "reference": "9KDR0W00",
    "full_name": "Ada Older",
    "answers": {
        "patient": {"full_name": "Ada Older", "date_of_birth": "1940-05-06"},
        "fracture_confirmed": "yes",
        "cause": "osteoporosis",
        "pain_weeks": 4,
        "walking_aid": "frame",
        "nerve_symptoms": [],
        "blood_thinners": "yes",
    },
    "schema_version": "0",
    "result": {
        "suggestion": "conservative_care",
        "urgent": False,
        "matched": [],
        "reasons": [],
        "flags": [{"id": "F-blood-thinners", "line": OLD_FLAG_WORDS}],
        "rules_version": "2025.2",
        "suggestion_label": "Conservative treatment",
        "urgent_reason": "",
        "no_rule_quote": "Fractures can be treated without surgical intervention",
    },
    "suggestion": "conservative_care",
    "urgent": False,
    "rules_version": "2025.2",
}


def store_older_row(app) -> None:
    with app.app_context():
        db.session.add(Submission(**OLDER_ROW))
        db.session.commit()


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def test_a_new_row_records_its_schema_version_and_the_result_with_its_words(app):
    with app.app_context():
        answers = parse_answers({**neutral(blood_thinners="yes"), "patient": PATIENT})
        row = store_submission(answers)
        assert (row.schema_version, row.rules_version) == (SCHEMA_VERSION, RULES_VERSION)
        assert row.result == evaluate(answers).to_record()
        assert row.result["flags"] == [
            {
                "id": "F-blood-thinners",
                "line": "Takes blood thinners (or is unsure) — check before the procedure",
            }
        ]


def test_an_older_row_renders_on_the_staff_page_exactly_as_stored(app, client):
    store_older_row(app)
    staff_login(client)
    page = client.get(f"/staff/submissions/{OLDER_ROW['reference']}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert OLD_FLAG_WORDS in html and "Conservative treatment" in html and "2025.2" in html
    assert "Walking aid" in html and "frame" in html
    assert "Not answered" in html  # pain_score and others were never asked then


def test_an_older_row_prints_as_a_pdf(app, client):
    store_older_row(app)
    staff_login(client)
    response = client.get(f"/staff/submissions/{OLDER_ROW['reference']}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    printed = pdf_text(response.data)
    for words in ("Ada Older", "Conservative treatment", "Not answered", "Walking aid", "2025.2"):
        assert words in printed
    assert "Anticoagulants" in printed


def test_an_older_row_exports_to_csv_and_json_lines(app, client):
    store_older_row(app)
    staff_login(client, "doc@clinic.example", "doctor")
    rows = list(
        csv.DictReader(io.StringIO(client.get("/staff/export.csv").get_data(as_text=True).lstrip("\ufeff")))
    )
    (row,) = rows
    assert row["schema_version"] == "0" and row["pain_score"] == "" and row["flags"] == "F-blood-thinners"
    assert json.loads(row["other_answers"]) == {"walking_aid": "frame"}
    (line,) = client.get("/staff/export.jsonl").get_data(as_text=True).splitlines()
    record = json.loads(line)
    assert record["answers"] == OLDER_ROW["answers"] and record["result"] == OLDER_ROW["result"]
    assert record["schema_version"] == "0"


def test_evaluate_selects_a_released_rules_version_and_refuses_an_unknown_one():
    answers = parse_answers(neutral(load_pain="yes"))
    assert evaluate(answers, tables.NEWEST) == evaluate(answers)
    assert evaluate(answers, "2026.1").rules_version == "2026.1"
    with pytest.raises(UnknownRulesVersion, match=r"allowed: 2026\.1"):
        evaluate(answers, "1999.9")


def test_the_newest_table_is_the_one_rules_table_names():
    assert tables.NEWEST == RULES_VERSION == list(tables.VERSIONS)[-1]


@pytest.mark.parametrize(("version", "status"), [("2026.1", 0), ("1999.9", 2)])
def test_screening_evaluate_takes_a_rules_version(version, status):
    done = subprocess.run(
        [SCREENING, "evaluate", "--rules", version, "-"],
        input=json.dumps(neutral()),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == status, done.stderr
    if status:
        assert done.stdout == "" and "--rules: unknown rules version '1999.9'; allowed: 2026.1" in done.stderr
        assert "Traceback" not in done.stderr
    else:
        assert json.loads(done.stdout)["rules_version"] == "2026.1"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_at_0001(request, tmp_path):
    """An empty database migrated only as far as revision 0001 (before versioned storage)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'old.sqlite'}"
    return request.getfixturevalue("postgres").create_database(f"v_{uuid.uuid4().hex[:10]}")


def test_the_migration_backfills_rows_stored_before_it(database_at_0001):
    config = {"TESTING": True, "SECRET_KEY": "k", "SQLALCHEMY_DATABASE_URI": database_at_0001}
    app = create_app({**config, "DATABASE_SCHEMA": "none"})
    answers = parse_answers(
        {**neutral(allergies="Latex", treatments_tried=[], load_pain="yes"), "patient": PATIENT}
    )
    result = evaluate(answers)
    with app.app_context():
        upgrade(directory=MIGRATIONS, revision="0001")
        db.session.execute(
            text(
                "INSERT INTO submissions (reference, draft_id, created_at, full_name, answers, suggestion, "
                "urgent, matched, reasons, flags, rules_version, status, note) VALUES ('B4CKF1LL', NULL, "
                ":at, 'Maria Lopez', :answers, :suggestion, :urgent, :matched, :reasons, :flags, '2026.1', "
                "'new', '')"
            ),
            {
                "at": "2026-11-20 10:00:00+00:00",
                "answers": json.dumps(answers.model_dump(mode="json")),
                "suggestion": result.suggestion,
                "urgent": result.urgent,
                "matched": json.dumps(list(result.matched)),
                "reasons": json.dumps(list(result.reasons)),
                "flags": json.dumps(list(result.flags)),
            },
        )
        db.session.commit()
        upgrade(directory=MIGRATIONS)
        row = db.session.query(Submission).one()
        assert (row.schema_version, format_reference(row.reference)) == ("1", "B4CK-F1LL")
        assert row.result == result.to_record()
    with app.app_context():
        db.engine.dispose()
