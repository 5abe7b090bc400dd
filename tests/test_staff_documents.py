"""PDFs, the print-the-day batch, CSV / JSON-lines export, role rules and the audit trail."""

import csv
import io
import json
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from rules.answers import FIELDS
from screening.extensions import db
from screening.models import Submission
from screening.staff.audit.trail import AuditEntry
from screening.staff.triage.export import safe_cell
from screening.submissions import format_reference
from tests.helpers import KYPHOPLASTY, URGENT, staff_login, store


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _audit(app, action=None) -> list[tuple[str, str, str]]:
    with app.app_context():
        query = select(AuditEntry.staff_email, AuditEntry.action, AuditEntry.reference).order_by(
            AuditEntry.id
        )
        if action:
            query = query.where(AuditEntry.action == action)
        return [tuple(row) for row in db.session.execute(query)]


def test_the_pdf_route_returns_a_real_pdf_of_the_submission(app, client):
    reference = store(app, name="Maria Lopez", **URGENT)
    staff_login(client)
    response = client.get(f"/staff/submissions/{reference}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-") and response.headers["Cache-Control"] == "no-store"
    content = _pdf_text(response.data)
    assert format_reference(reference) in content and "URGENT" in content and "Maria Lopez" in content


@pytest.mark.parametrize("reference", ["ABCD1234", "nope", "ABCD-123", "ABCD12345"])
def test_the_pdf_route_is_404_for_an_unknown_or_malformed_reference(app, client, reference):
    staff_login(client)
    assert client.get(f"/staff/submissions/{reference}.pdf").status_code == 404


def test_print_the_day_puts_every_submission_of_that_clinic_day_in_one_pdf(app, client):
    today = [store(app, name=f"Today {n}", hours_ago=0) for n in range(3)]
    long_ago = store(app, name="Long Ago", hours_ago=24 * 40)
    staff_login(client, "doc@clinic.example", "doctor")
    day = datetime.now(UTC).date().isoformat()
    response = client.get(f"/staff/print?day={day}&status=all")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    content = _pdf_text(response.data)
    assert all(format_reference(ref) in content for ref in today)
    assert format_reference(long_ago) not in content
    assert sorted(r for _e, _a, r in _audit(app, "view_pdf")) == sorted(today)


def test_print_the_day_uses_the_clinic_time_zone(app, client):
    app.config["CLINIC_TIMEZONE"] = "Pacific/Kiritimati"  # UTC+14
    # 5 Jan 2026 at 11:00 UTC is already 6 Jan (01:00) at the clinic.
    moment = datetime(2026, 1, 5, 11, 0, tzinfo=UTC)
    reference = store(app, hours_ago=(datetime.now(UTC) - moment).total_seconds() / 3600)
    staff_login(client)
    found = client.get("/staff/print?status=all&day=2026-01-06")
    assert found.mimetype == "application/pdf" and format_reference(reference) in _pdf_text(found.data)
    utc_day = client.get("/staff/print?status=all&day=2026-01-05")
    assert utc_day.status_code == 400 and "nothing to print" in utc_day.get_data(as_text=True)


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("?day=2026-13-01", "Day submitted (day): must be a real date written YYYY-MM-DD"),
        ("?day=05/01/2026", "Day submitted (day): must be a real date written YYYY-MM-DD"),
        ("?day=2001-01-01&status=all", "Print: no submissions match this filter"),
        ("?status=every", "Status (status): must be one of"),
    ],
)
def test_print_with_bad_or_empty_input_explains_instead_of_failing(app, client, query, words):
    store(app)
    staff_login(client)
    response = client.get("/staff/print" + query)
    assert response.status_code == 400 and words in response.get_data(as_text=True)


def test_the_front_desk_cannot_export_or_read_the_audit_trail(app, client):
    store(app)
    staff_login(client, "desk@clinic.example", "frontdesk")
    for url in ("/staff/export.csv", "/staff/export.jsonl", "/staff/audit"):
        assert client.get(url).status_code == 403
    html = client.get("/staff/").get_data(as_text=True)
    assert "Export CSV" not in html and "Audit trail" not in html
    assert _audit(app, "export") == []


def test_a_doctor_exports_but_cannot_read_the_audit_trail(app, client):
    store(app)
    staff_login(client, "doc@clinic.example", "doctor")
    assert client.get("/staff/export.csv").status_code == 200
    assert client.get("/staff/audit").status_code == 403


def test_csv_has_the_schema_field_names_lists_joined_and_formulas_defused(app, client):
    reference = store(
        app,
        name='=HYPERLINK("http://evil.example","click")',
        allergies="@SUM(1+1)",
        treatments_tried=["rest", "brace"],
        **KYPHOPLASTY,
    )
    staff_login(client, "doc@clinic.example", "doctor")
    response = client.get("/staff/export.csv")
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == 1
    row = rows[0]
    assert set(FIELDS) <= set(row) and {"patient.full_name", "patient.date_of_birth", "suggestion"} <= set(
        row
    )
    assert row["reference"] == format_reference(reference)
    assert row["patient.full_name"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["allergies"] == "'@SUM(1+1)"
    assert row["patient.phone"] == "'+44 20 7946 0958"
    assert row["treatments_tried"] == "rest;brace" and row["matched"] == "R2-deformity"
    assert row["suggestion"] == "kyphoplasty_consult" and row["urgent"] == "false"


@pytest.mark.parametrize(
    ("value", "cell"),
    [("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"), ("\t=1", "'\t=1"), ("plain", "plain")],
)
def test_every_formula_start_is_prefixed(value, cell):
    assert safe_cell(value) == cell


def test_json_lines_hold_the_answers_object_and_the_result(app, client):
    reference = store(app, **URGENT)
    staff_login(client, "admin@clinic.example", "admin")
    response = client.get("/staff/export.jsonl")
    lines = response.get_data(as_text=True).splitlines()
    record = json.loads(lines[0])
    assert len(lines) == 1 and record["reference"] == format_reference(reference)
    assert record["answers"]["nerve_symptoms"] == ["weakness"] and record["answers"]["patient"]["full_name"]
    assert record["result"]["urgent"] is True and record["result"]["suggestion"] == "neurology_referral"


def test_export_follows_the_current_filter(app, client):
    store(app, **KYPHOPLASTY)
    store(app)
    staff_login(client, "doc@clinic.example", "doctor")
    lines = (
        client.get("/staff/export.jsonl?suggestion=kyphoplasty_consult").get_data(as_text=True).splitlines()
    )
    assert [json.loads(line)["result"]["suggestion"] for line in lines] == ["kyphoplasty_consult"]
    bad = client.get("/staff/export.csv?page=abc")
    assert bad.status_code == 400 and "Page number (page)" in bad.get_data(as_text=True)


def test_views_prints_and_exports_are_written_to_the_audit_trail(app, client):
    reference = store(app)
    staff_login(client, "doc@clinic.example", "doctor")
    client.get(f"/staff/submissions/{reference}")
    client.get(f"/staff/submissions/{reference}.pdf")
    client.get("/staff/export.csv")
    assert _audit(app)[1:] == [
        ("doc@clinic.example", "view", reference),
        # Opening a PDF is a display of it; whether it was then printed, nobody can know (issue 10.6).
        ("doc@clinic.example", "view_pdf", reference),
        ("doc@clinic.example", "export", reference),
    ]
    with app.app_context():
        addresses = db.session.scalars(select(AuditEntry.address)).all()
    assert set(addresses) == {"127.0.0.1"}


def test_the_audit_table_refuses_changes_and_deletions(app, client):
    reference = store(app)
    staff_login(client, "doc@clinic.example", "doctor")
    client.get(f"/staff/submissions/{reference}")
    with app.app_context():
        for statement in ("UPDATE audit_log SET staff_email = 'someone@else'", "DELETE FROM audit_log"):
            with pytest.raises(DatabaseError, match="append-only"):
                db.session.execute(text(statement))
            db.session.rollback()
        assert db.session.scalar(text("SELECT count(*) FROM audit_log")) == 2


def test_the_admin_reads_the_audit_trail_filtered_by_reference(app, client):
    seen = store(app)
    other = store(app)
    staff_login(client, "doc@clinic.example", "doctor")
    client.get(f"/staff/submissions/{seen}")
    client.get(f"/staff/submissions/{other}")
    admin = client.application.test_client()
    staff_login(admin, "admin@clinic.example", "admin")
    html = admin.get(f"/staff/audit?reference={format_reference(seen)}").get_data(as_text=True)
    assert (
        format_reference(seen) in html
        and format_reference(other) not in html
        and "doc@clinic.example" in html
    )
    bad = admin.get("/staff/audit?reference=nope!&page=x")
    assert bad.status_code == 400 and "Reference (reference)" in bad.get_data(as_text=True)


def test_logs_never_contain_names_or_answers(app, client, caplog):
    reference = store(app, name="Secretname Patient", allergies="Latexallergy")
    caplog.set_level("DEBUG")
    staff_login(client, "doc@clinic.example", "doctor")
    for url in ("/staff/", f"/staff/submissions/{reference}", f"/staff/submissions/{reference}.pdf"):
        client.get(url)
    client.get("/staff/export.csv")
    logged = caplog.text
    assert f"view by doc@clinic.example from 127.0.0.1: {reference}" in logged
    assert "Secretname" not in logged and "Latexallergy" not in logged
    with app.app_context():
        assert db.session.scalar(select(Submission.full_name)) == "Secretname Patient"


def test_regression_issue_13_7_json_lines_escape_line_and_paragraph_separators(app, client):
    """Regression (issue 13.7): U+2028/U+2029 were written raw, so 16 records read as 18 lines."""
    store(app, allergies="Latex\u2028Penicillin\u2029Iodine")
    staff_login(client, "doc@clinic.example", "doctor")
    body = client.get("/staff/export.jsonl").get_data(as_text=True)
    assert "\u2028" not in body and "\u2029" not in body
    (line,) = body.splitlines()
    assert json.loads(line)["answers"]["allergies"] == "Latex\u2028Penicillin\u2029Iodine"
