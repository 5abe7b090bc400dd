"""Export of submissions as CSV (one row each, the schema's field names as columns) and as JSON lines."""

import csv
import io
import json

from rules.answers import FIELDS, PATIENT_FIELDS
from screening.models import Submission
from screening.staff import clinictime
from screening.submissions import format_reference

RESULT_FIELDS = ("suggestion", "urgent", "matched", "reasons", "flags", "rules_version")
# Answers a row holds that today's schema no longer has go, as JSON, in the last column.
OTHER_ANSWERS = "other_answers"
COLUMNS = (
    "reference",
    "submitted_at",
    "status",
    "note",
    "schema_version",
    *(f"patient.{name}" for name in PATIENT_FIELDS),
    *FIELDS,
    *RESULT_FIELDS,
    OTHER_ANSWERS,
)
# JSON allows these raw, but a line-based reader splits a record at them.
_LINE_SEPARATORS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029"})
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
    # The row as stored, whatever schema it was saved under: absent answers are blank cells.
    answers = submission.answers
    patient = answers.get("patient") if isinstance(answers.get("patient"), dict) else {}
    result = submission.result or {}
    other = {name: v for name, v in answers.items() if name != "patient" and name not in FIELDS}
    return {
        "reference": format_reference(submission.reference),
        "submitted_at": clinictime.local(submission.created_at).isoformat(timespec="seconds"),
        "status": submission.status,
        "note": submission.note or "",
        "schema_version": submission.schema_version,
        **{f"patient.{name}": patient.get(name, "") for name in PATIENT_FIELDS},
        **{name: answers.get(name, "") for name in FIELDS},
        **{name: result.get(name, "") for name in RESULT_FIELDS},
        "flags": [_flag_id(flag) for flag in result.get("flags", [])],
        OTHER_ANSWERS: json.dumps(other, ensure_ascii=False, sort_keys=True) if other else "",
    }


def _flag_id(flag: object) -> str:
    return str(flag.get("id", "")) if isinstance(flag, dict) else str(flag)


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
            "schema_version": submission.schema_version,
            "answers": submission.answers,
            "result": submission.result,
        }
        lines.append(json.dumps(record, ensure_ascii=False).translate(_LINE_SEPARATORS) + "\n")
    return "".join(lines)
