"""Export of submissions as CSV (one row each, the schema's field names as columns) and as JSON lines."""

import csv
import io
import json

from rules.answers import FIELDS, PATIENT_FIELDS
from screening.models import Submission
from screening.staff import clinictime
from screening.submissions import format_reference

RESULT_FIELDS = ("suggestion", "urgent", "matched", "reasons", "flags", "rules_version")
COLUMNS = (
    "reference",
    "submitted_at",
    "status",
    "note",
    *(f"patient.{name}" for name in PATIENT_FIELDS),
    *FIELDS,
    *RESULT_FIELDS,
)
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """The cell's text: lists joined with ';', booleans as true/false, formulas defused with a leading '."""
    if isinstance(value, list):
        value = ";".join(str(item) for item in value)
    elif isinstance(value, bool):
        value = "true" if value else "false"
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _record(submission: Submission) -> dict:
    answers = submission.answers
    patient = answers.get("patient") or {}
    return {
        "reference": format_reference(submission.reference),
        "submitted_at": clinictime.local(submission.created_at).isoformat(timespec="seconds"),
        "status": submission.status,
        "note": submission.note or "",
        **{f"patient.{name}": patient.get(name, "") for name in PATIENT_FIELDS},
        **{name: answers.get(name, "") for name in FIELDS},
        **{name: getattr(submission, name) for name in RESULT_FIELDS},
    }


def as_csv(submissions: list[Submission]) -> str:
    """The CSV text, header first; UTF-8 with a BOM is left to the caller."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for submission in submissions:
        record = _record(submission)
        writer.writerow(safe_cell(record[column]) for column in COLUMNS)
    return out.getvalue()


def as_json_lines(submissions: list[Submission]) -> str:
    """One JSON object per line: reference, submitted_at, status, note, the answers object and the result."""
    lines = []
    for submission in submissions:
        record = {
            "reference": format_reference(submission.reference),
            "submitted_at": clinictime.local(submission.created_at).isoformat(timespec="seconds"),
            "status": submission.status,
            "note": submission.note or "",
            "answers": submission.answers,
            "result": {name: getattr(submission, name) for name in RESULT_FIELDS},
        }
        lines.append(json.dumps(record, ensure_ascii=False) + "\n")
    return "".join(lines)
