"""The values one screening summary shows, as plain data: what the PDF (and any other view) prints."""

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from rules import Answers, Result, parse_answers
from rules.answers import age_on
from rules.questions import STEPS, value_words
from rules.table import CONSERVATIVE_CARE_QUOTE, FLAG_LINES, SUGGESTION_LABELS, URGENT_REASON

DISCLAIMER = "Screening suggestion only — not a diagnosis. The doctor decides."
NOT_SUBMITTED = "Not submitted"
# The patient's own details head the summary; the other steps are listed as question → answer.
HEADER_STEP = "about-you"
FREE_TEXT = frozenset({"allergies"})
LONG_ANSWER_CHARS = 60
LONG_ANSWER_LINES = 3
MAX_FREE_TEXT_LINES = 8
NO_RULE_MATCHED = f"No referral rule matched. The clinic page: “{CONSERVATIVE_CARE_QUOTE}.”"


def clinic_zone(timezone: str) -> ZoneInfo:
    """The clinic's time zone by IANA name (e.g. "Europe/London"), or ValueError naming what is allowed."""
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown time zone {timezone!r}; allowed: an IANA name such as UTC or Europe/London"
        ) from None


def summary_values(
    answers: Answers,
    result: Result,
    *,
    reference: str | None,
    submitted_at: datetime | None,
    timezone: str = "UTC",
    today: date | None = None,
) -> dict:
    """Everything one summary prints, as plain values; no reference or time means not stored (now)."""
    zone = clinic_zone(timezone)
    stored = submitted_at is not None
    moment = submitted_at.astimezone(zone) if stored else datetime.now(zone)
    today = today or moment.date()
    return {
        "reference": reference or NOT_SUBMITTED,
        "stored": reference is not None,
        "patient": _patient(answers, today),
        "submitted_at": moment.isoformat(timespec="minutes"),
        "submitted_label": "Submitted" if stored else "Not stored — printed",
        "submitted_text": f"{moment:%d %b %Y, %H:%M} ({zone.key})",
        "timezone": zone.key,
        "suggestion": result.suggestion,
        "suggestion_label": SUGGESTION_LABELS.get(result.suggestion, result.suggestion),
        "urgent": bool(result.urgent),
        "urgent_reason": URGENT_REASON if result.urgent else "",
        "matched": list(result.matched),
        "reasons": list(result.reasons),
        "no_rule_matched": "" if result.matched else NO_RULE_MATCHED,
        "flags": [{"id": flag, "line": FLAG_LINES.get(flag, flag)} for flag in result.flags],
        "disclaimer": DISCLAIMER,
        "rules_version": result.rules_version,
        "sections": _sections(answers),
    }


def summary_for_submission(submission, timezone: str) -> dict:
    """The summary of a stored Submission: its answers re-parsed, its result exactly as frozen in the row."""
    # Imported here: `screening pdf` prints from files and should not load the database layer.
    from screening.submissions import format_reference

    answers = parse_answers(submission.answers)
    result = Result(
        suggestion=submission.suggestion,
        urgent=bool(submission.urgent),
        matched=tuple(submission.matched),
        reasons=tuple(submission.reasons),
        flags=tuple(submission.flags),
        rules_version=submission.rules_version,
    )
    return summary_values(
        answers,
        result,
        reference=format_reference(submission.reference),
        submitted_at=submission.created_at,
        timezone=timezone,
    )


def _patient(answers: Answers, today: date) -> dict:
    patient = answers.patient
    if patient is None:
        return {"full_name": "Name not given", "date_of_birth": "", "age": None, "phone": ""}
    return {
        "full_name": patient.full_name,
        "date_of_birth": f"{patient.date_of_birth:%d %b %Y}",
        "age": age_on(patient.date_of_birth, today),
        "phone": patient.phone,
    }


def _sections(answers: Answers) -> list[dict]:
    return [
        {
            "title": step.title,
            "answers": [
                _answer(q.name, q.summary, _words(q.name, getattr(answers, q.name))) for q in step.questions
            ],
        }
        for step in STEPS
        if step.slug != HEADER_STEP
    ]


def _answer(name: str, question: str, words: str) -> dict:
    # Past this length free text reads badly in a half-width column: it is printed full width.
    free_text = name in FREE_TEXT
    long = free_text and (len(words) > LONG_ANSWER_CHARS or words.count("\n") >= LONG_ANSWER_LINES)
    return {"name": name, "question": question, "answer": words, "long": long}


def _words(name: str, value: object) -> str:
    # Numbers read better with their unit than bare; everything else is the questionnaire's own words.
    if name == "pain_weeks":
        return "Less than a week" if value == 0 else f"{value} week{'s' if value != 1 else ''}"
    if name == "pain_score":
        return f"{value} out of 10"
    if isinstance(value, list) and len(value) > 1:
        # One choice per line: a comma list of capitalised labels is hard to scan.
        return "\n".join(value_words(name, [item]) for item in value)
    if name == "allergies" and value:
        # Keep the patient's line breaks, but a list typed one word per line must not fill pages.
        lines = [line.strip() for line in value.splitlines() if line.strip()]
        return "\n".join(lines) if len(lines) <= MAX_FREE_TEXT_LINES else " / ".join(lines)
    return value_words(name, value)
