"""What one row of the queue shows: patient, times, suggestion, named flags, status and the urgent wait."""

from dataclasses import dataclass
from datetime import date, datetime

from screening.models import Submission, utcnow
from screening.staff import clinictime
from screening.staff.triage.workflow import STATUS_LABELS
from screening.submissions import format_reference
from screening.summary import stored_flag
from screening.summary_answers import patient_values


@dataclass(frozen=True)
class QueueRow:
    """What one row of the queue shows."""

    reference: str
    code: str
    name: str
    age: int | None
    submitted_iso: str
    submitted_absolute: str
    submitted_relative: str
    suggestion: str
    suggestion_label: str
    urgent: bool
    flags: list[tuple[str, str]]
    status: str
    status_label: str
    # For urgent rows: "waiting" (nobody acknowledged yet), "overdue" (past the escalation time) or
    # "acknowledged"; with the wait in words.
    wait_state: str
    wait_text: str


def flag_name(flag_id: str) -> str:
    """A flag's short name for the queue: "F-blood-thinners" is "blood thinners"."""
    return flag_id.removeprefix("F-").replace("-", " ")


def duration_text(seconds: float) -> str:
    """A wait in words: "under 1 min", "12 min", "2 h 5 min", "3 days 4 h"."""
    minutes = int(seconds // 60)
    if minutes < 1:
        return "under 1 min"
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    return (
        f"{days} day{'s' if days != 1 else ''} {hours} h"
        if hours
        else f"{days} day{'s' if days != 1 else ''}"
    )


def urgent_wait(
    submission: Submission, escalate_minutes: int, now: datetime | None = None
) -> tuple[str, str]:
    """How an urgent submission stands: ("waiting" | "overdue" | "acknowledged" | "", words)."""
    if not submission.urgent:
        return "", ""
    now = now or utcnow()
    if submission.acknowledged_at is not None:
        waited = duration_text((submission.acknowledged_at - submission.created_at).total_seconds())
        return "acknowledged", f"Acknowledged after {waited}"
    if submission.status != "new":
        return "", ""
    seconds = (now - submission.created_at).total_seconds()
    state = "overdue" if seconds >= escalate_minutes * 60 else "waiting"
    return state, f"Unacknowledged for {duration_text(seconds)}"


def row_for(submission: Submission, today: date, escalate_minutes: int) -> QueueRow:
    """The display values of one submission (age on the clinic's today)."""
    patient = patient_values(submission.answers, today)
    result = submission.result or {}
    wait_state, wait_text = urgent_wait(submission, escalate_minutes)
    return QueueRow(
        reference=format_reference(submission.reference),
        code=submission.reference,
        name=submission.full_name,
        age=patient["age"],
        submitted_iso=clinictime.local(submission.created_at).isoformat(timespec="minutes"),
        submitted_absolute=clinictime.absolute_text(submission.created_at),
        submitted_relative=clinictime.relative_text(submission.created_at),
        suggestion=submission.suggestion,
        suggestion_label=result.get("suggestion_label") or submission.suggestion,
        urgent=bool(submission.urgent),
        flags=[(flag_name(flag["id"]), flag["line"]) for flag in map(stored_flag, result.get("flags", []))],
        status=submission.status,
        status_label=STATUS_LABELS.get(submission.status, submission.status),
        wait_state=wait_state,
        wait_text=wait_text,
    )
