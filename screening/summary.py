"""The values one screening summary shows, as plain data: what the PDF (and any other view) prints."""

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from rules import Answers, Result
from screening.summary_answers import answer_sections, patient_values

DISCLAIMER = "Screening suggestion only — not a diagnosis. The doctor decides."
NOT_SUBMITTED = "Not submitted"
NO_RULE_MATCHED = "No referral rule matched. The clinic page: “{quote}.”"
NO_FLAGS = "No flags."
# An unfinished (urgent) questionnaire was never checked for flags: "No flags" would mislead.
FLAGS_NOT_CHECKED = "Not checked: the questionnaire was not finished."


def clinic_zone(timezone: str) -> ZoneInfo:
    """The clinic's time zone by IANA name (e.g. "Europe/London"), or ValueError naming what is allowed."""
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown time zone {timezone!r}; allowed: an IANA name such as UTC or Europe/London"
        ) from None


def summary_values(
    answers: Answers | dict,
    result: Result | dict,
    *,
    reference: str | None,
    submitted_at: datetime | None,
    timezone: str = "UTC",
    today: date | None = None,
) -> dict:
    """Everything one summary prints, as plain values; no reference or time means not stored (now).

    `answers` and `result` are fresh (Answers, Result) or as stored (their JSON and the result record).
    """
    if isinstance(answers, Answers):
        answers = answers.model_dump(mode="json")
    record = result.to_record() if isinstance(result, Result) else result
    zone = clinic_zone(timezone)
    stored = submitted_at is not None
    moment = submitted_at.astimezone(zone) if stored else datetime.now(zone)
    matched = list(record.get("matched", []))
    quote = record.get("no_rule_quote", "")
    return {
        "reference": reference or NOT_SUBMITTED,
        "patient": patient_values(answers, today or moment.date()),
        "submitted_label": "Submitted" if stored else "Not stored — printed",
        "submitted_text": f"{moment:%d %b %Y, %H:%M} ({zone.key})",
        "suggestion": record.get("suggestion", ""),
        "suggestion_label": record.get("suggestion_label") or record.get("suggestion", ""),
        "urgent": bool(record.get("urgent")),
        "urgent_reason": record.get("urgent_reason", ""),
        "matched": matched,
        "reasons": list(record.get("reasons", [])),
        "no_rule_matched": NO_RULE_MATCHED.format(quote=quote) if quote and not matched else "",
        "flags": [stored_flag(flag) for flag in record.get("flags", [])],
        "no_flags": FLAGS_NOT_CHECKED if record.get("suggestion") == "" else NO_FLAGS,
        "disclaimer": DISCLAIMER,
        "rules_version": record.get("rules_version", ""),
        "sections": answer_sections(answers),
    }


def summary_for_submission(submission, timezone: str) -> dict:
    """The summary of a stored Submission exactly as stored: answers and result never re-validated."""
    # Imported here: `screening pdf` prints from files and should not load the database layer.
    from screening.staff.triage.workflow import STATUS_LABELS
    from screening.submissions import format_reference

    values = summary_values(
        submission.answers,
        submission.result,
        reference=format_reference(submission.reference),
        submitted_at=submission.created_at,
        timezone=timezone,
    )
    # Printed, so a closed submission never looks like live work and the desk's note travels with it.
    values["workflow"] = {
        "status": submission.status,
        "status_label": STATUS_LABELS.get(submission.status, submission.status),
        "note": submission.note or "",
    }
    return values


def stored_flag(flag: object) -> dict:
    """A stored flag as {id, line}, whatever form the record keeps it in."""
    # A record stores each flag with its words; a bare id (hand-made or very old data) shows as itself.
    if isinstance(flag, dict):
        return {"id": str(flag.get("id", "")), "line": str(flag.get("line") or flag.get("id", ""))}
    return {"id": str(flag), "line": str(flag)}
