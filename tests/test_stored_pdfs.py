"""The doctor's PDF rendered once and kept: byte-identical re-downloads, re-rendered only when it changes."""

import io
from datetime import UTC, datetime

from pypdf import PdfReader
from sqlalchemy import func, select

from screening.extensions import db
from screening.models import Submission, SummaryPdf
from screening.stored_pdfs import wait_for_background
from screening.submissions import format_reference
from tests.helpers import NEUTRAL, PATIENT, URGENT, csrf_token, staff_login, store
from tests.patient_walk import walk


def _kept(app, reference: str) -> SummaryPdf | None:
    with app.app_context():
        submission = db.session.scalar(select(Submission).where(Submission.reference == reference))
        row = db.session.get(SummaryPdf, submission.id)
        if row is not None:
            db.session.expunge(row)
        return row


def _kept_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(SummaryPdf))


def test_a_sent_questionnaire_has_its_pdf_kept_by_the_background_step_and_served_as_kept(app, client):
    assert walk(client, NEUTRAL, PATIENT).status_code == 303
    wait_for_background()
    with app.app_context():
        reference = db.session.scalar(select(Submission.reference))
    kept = _kept(app, reference)
    assert kept is not None and kept.pdf.startswith(b"%PDF-")
    staff = app.test_client()
    staff_login(staff)
    first = staff.get(f"/staff/submissions/{reference}.pdf").data
    second = staff.get(f"/staff/submissions/{reference}.pdf").data
    assert first == second == kept.pdf
    assert _kept(app, reference).rendered_at == kept.rendered_at


def test_a_row_stored_without_a_pdf_is_rendered_on_first_download_and_kept(app, client):
    reference = store(app, name="Ada Stored", **URGENT)
    assert _kept(app, reference) is None
    staff_login(client)
    pdf = client.get(f"/staff/submissions/{reference}.pdf").data
    assert "Ada Stored" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert _kept(app, reference).pdf == pdf


def test_a_new_status_or_note_renders_the_pdf_again_and_then_it_is_kept(app, client):
    # The PDF prints the status and the latest note (issue 10.5), so they are part of its fingerprint.
    reference = store(app)
    staff_login(client, "desk@clinic.example")
    before = client.get(f"/staff/submissions/{reference}.pdf").data
    assert client.get(f"/staff/submissions/{reference}.pdf").data == before
    token = csrf_token(client, f"/staff/submissions/{reference}")
    client.post(f"/staff/submissions/{reference}/note", data={"csrf_token": token, "note": "Call after 3pm"})
    token = csrf_token(client, f"/staff/submissions/{reference}")
    client.post(
        f"/staff/submissions/{reference}/status",
        data={"csrf_token": token, "to_status": "contacted", "seen": "new", "reason": ""},
    )
    with app.app_context():
        row = db.session.scalar(select(Submission).where(Submission.reference == reference))
        assert (row.status, row.note) == ("contacted", "Call after 3pm")
    after = client.get(f"/staff/submissions/{reference}.pdf").data
    assert after != before and _kept(app, reference).pdf == after
    text = PdfReader(io.BytesIO(after)).pages[0].extract_text()
    assert "Status Contacted" in text and "Call after 3pm" in text
    assert client.get(f"/staff/submissions/{reference}.pdf").data == after


def test_a_change_to_what_the_pdf_prints_renders_it_again(app, client):
    reference = store(app)
    staff_login(client)
    before = client.get(f"/staff/submissions/{reference}.pdf").data
    old_fingerprint = _kept(app, reference).fingerprint
    app.config["CLINIC_TIMEZONE"] = "Pacific/Kiritimati"  # the printed time changes
    after = client.get(f"/staff/submissions/{reference}.pdf").data
    assert after != before and "Pacific/Kiritimati" in PdfReader(io.BytesIO(after)).pages[0].extract_text()
    kept = _kept(app, reference)
    assert kept.pdf == after and kept.fingerprint != old_fingerprint


def test_a_kept_pdf_from_another_renderer_is_replaced(app, client):
    reference = store(app)
    staff_login(client)
    client.get(f"/staff/submissions/{reference}.pdf")
    with app.app_context():
        row = db.session.scalar(select(SummaryPdf))
        row.fingerprint, row.pdf = "0" * 64, b"%PDF-1.7 rendered by an older template"
        db.session.commit()
    fresh = client.get(f"/staff/submissions/{reference}.pdf").data
    assert fresh.startswith(b"%PDF-") and b"older template" not in fresh
    assert _kept(app, reference).pdf == fresh


def test_print_the_day_joins_the_kept_pdfs_and_keeps_the_missing_ones(app, client):
    references = [store(app, name=f"Patient {n}") for n in range(3)]
    staff_login(client)
    client.get(f"/staff/submissions/{references[0]}.pdf")  # one kept already
    assert _kept_count(app) == 1
    day = datetime.now(UTC).date().isoformat()
    response = client.get(f"/staff/print?day={day}&status=all")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 3 and reader.metadata.title == "Screening summaries (3 patients)"
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert all(format_reference(ref) in text for ref in references)
    assert _kept_count(app) == 3
    again = client.get(f"/staff/print?day={day}&status=all")
    assert len(PdfReader(io.BytesIO(again.data)).pages) == 3
