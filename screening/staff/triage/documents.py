"""Documents for the doctor and the records: one PDF summary, a printed batch, and CSV / JSON-lines export.

PDFs are the kept ones (screening/stored_pdfs.py), rendered only when what they print has changed.
"""

from datetime import datetime

from flask import Response, request
from flask_login import current_user

from screening.extensions import db
from screening.staff import audit, bp, clinictime
from screening.staff.auth.access import requires
from screening.staff.auth.accounts import EXPORT_ROLES
from screening.staff.triage import export, queue
from screening.staff.triage.filters import parse_filter
from screening.staff.triage.views import find_submission, render_queue
from screening.stored_pdfs import combined, summary_pdfs

# A batch bigger than this takes too long to render in one request; the message says to narrow it.
PRINT_MAX = 200
EXPORT_MAX = 100_000


def _pdf(pdf: bytes, filename: str) -> Response:
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@bp.get("/submissions/<ref>.pdf")
def submission_pdf(ref: str):
    """One submission's PDF summary for the doctor; written to the audit trail as printed."""
    submission = find_submission(ref)
    pdf = summary_pdfs([submission])[0]  # a PDF rendered now is kept by the commit below
    audit.record("view_pdf", current_user.email, [submission.reference], detail="summary PDF")
    db.session.commit()
    return _pdf(pdf, f"summary-{submission.reference}.pdf")


@bp.get("/print")
def print_batch():
    """All submissions of the filter (e.g. one day's), in triage order, as one PDF."""
    chosen, problems = parse_filter(request.args)
    if problems:
        return render_queue(chosen, problems)
    total = queue.count(chosen)
    if total == 0:
        return render_queue(
            chosen, [("print", "no submissions match this filter, so there is nothing to print")]
        )
    if total > PRINT_MAX:
        message = f"the filter matches {total} submissions; print at most {PRINT_MAX} at once (choose a day)"
        return render_queue(chosen, [("print", message)])
    submissions = queue.in_triage_order(chosen, PRINT_MAX)
    pdf = combined(summary_pdfs(submissions))
    audit.record("view_pdf", current_user.email, [s.reference for s in submissions], detail="batch PDF")
    db.session.commit()
    label = chosen.day.isoformat() if chosen.day else f"{datetime.now(clinictime.zone()):%Y-%m-%d-%H%M}"
    return _pdf(pdf, f"summaries-{label}.pdf")


def _export(kind: str):
    chosen, problems = parse_filter(request.args)
    if problems:
        return render_queue(chosen, problems)
    submissions = queue.in_triage_order(chosen, EXPORT_MAX)
    audit.record("export", current_user.email, [s.reference for s in submissions], detail=kind)
    db.session.commit()
    stamp = f"{datetime.now(clinictime.zone()):%Y%m%d-%H%M}"
    if kind == "csv":
        # The BOM makes spreadsheet programs read the file as UTF-8 (names with accents).
        body, mimetype = "\ufeff" + export.as_csv(submissions), "text/csv"
    else:
        body, mimetype = export.as_json_lines(submissions), "application/x-ndjson"
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="submissions-{stamp}.{kind}"'
    return response


@bp.get("/export.csv")
@requires(*EXPORT_ROLES)
def export_csv():
    """The current filter as CSV, one row per submission (doctors and administrators only)."""
    return _export("csv")


@bp.get("/export.jsonl")
@requires(*EXPORT_ROLES)
def export_jsonl():
    """The current filter as JSON lines: answers and result (doctors and administrators only)."""
    return _export("jsonl")
