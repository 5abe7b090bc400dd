"""The front desk's workflow on a submission: status changes and notes, each kept with who and when."""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, select, update
from sqlalchemy.orm import Mapped, mapped_column

from screening.columns import UtcDateTime
from screening.extensions import db
from screening.models import Submission, utcnow
from screening.staff import audit
from screening.staff.auth.accounts import StaffUser

STATUS_LABELS = {"new": "New", "contacted": "Contacted", "booked": "Booked", "closed": "Closed"}
STATUSES = tuple(STATUS_LABELS)
OPEN_STATUSES = ("new", "contacted", "booked")
# The next step forward from each status; closing (with a reason) is allowed from any open status,
# and reopening (with a reason) puts a closed one back to new.
NEXT_STEP = {"new": "contacted", "contacted": "booked", "booked": "closed"}
ACTION_LABELS = {"contacted": "Mark contacted", "booked": "Mark booked", "closed": "Close", "new": "Reopen"}
REASON_MAX = 200
NOTE_MAX = 500


class SubmissionEvent(db.Model):
    """One change to a submission: a status change (with its reason) or a new note."""

    __tablename__ = "submission_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    staff_email: Mapped[str] = mapped_column(String(254))
    kind: Mapped[str] = mapped_column(String(10))  # "status", "note" or "ack"
    from_status: Mapped[str] = mapped_column(String(20), default="")
    to_status: Mapped[str] = mapped_column(String(20), default="")
    text: Mapped[str] = mapped_column(Text, default="")


class WorkflowError(ValueError):
    """A change that is not allowed; `field` names the form field at fault."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


def allowed_changes(status: str) -> list[str]:
    """The statuses a submission in `status` may move to, the usual next step first."""
    if status == "closed":
        return ["new"]
    forward = NEXT_STEP[status]
    return [forward] if forward == "closed" else [forward, "closed"]


def needs_reason(from_status: str, to_status: str) -> bool:
    """Closing before the consult is booked, and reopening, need a reason."""
    return to_status == "new" or (to_status == "closed" and from_status != "booked")


def change_status(submission: Submission, to_status: str, reason: str, by: StaffUser, seen: str) -> None:
    """Move the submission on, refusing if someone else changed it since `seen` was shown; audited."""
    reason = reason.strip()
    if to_status not in STATUSES:
        raise WorkflowError("status", f"must be one of {', '.join(STATUSES)}")
    if seen != submission.status:
        raise WorkflowError(
            "status",
            f"was changed to {STATUS_LABELS.get(submission.status, submission.status).lower()} "
            "by someone else meanwhile; check the history and try again",
        )
    if to_status not in allowed_changes(submission.status):
        raise WorkflowError("status", f"cannot go from {submission.status} to {to_status}")
    if needs_reason(submission.status, to_status) and not reason:
        raise WorkflowError("reason", "is required: say why, in a few words")
    if len(reason) > REASON_MAX:
        raise WorkflowError("reason", f"must be at most {REASON_MAX} characters (it has {len(reason)})")
    # Whoever moves an urgent submission on has seen it: that acknowledges it too.
    if submission.urgent and submission.acknowledged_at is None:
        acknowledge(submission, by)
    # Compare-and-set: of two clicks at once, exactly one wins.
    moved = db.session.execute(
        update(Submission)
        .where(Submission.id == submission.id, Submission.status == seen)
        .values(status=to_status)
    ).rowcount
    if moved != 1:
        db.session.rollback()
        raise WorkflowError(
            "status", "was changed by someone else meanwhile; check the history and try again"
        )
    db.session.add(_event(submission, by, "status", from_status=seen, to_status=to_status, text=reason))
    audit.record("status", by.email, [submission.reference], detail=f"to {to_status}")


def acknowledge(submission: Submission, by: StaffUser) -> bool:
    """Record that `by` has seen this urgent submission (stops its alerts); False if someone already had."""
    if not submission.urgent:
        raise WorkflowError("acknowledge", "only urgent submissions need acknowledging")
    now = utcnow()
    # Conditional, so of two clicks at once one records it and the other learns who was first.
    done = db.session.execute(
        update(Submission)
        .where(Submission.id == submission.id, Submission.acknowledged_at.is_(None))
        .values(acknowledged_at=now, acknowledged_by=by.email)
    ).rowcount
    db.session.refresh(submission)
    if done != 1:
        return False
    waited = int((now - submission.created_at).total_seconds() // 60)
    db.session.add(_event(submission, by, "ack", text=""))
    audit.record("acknowledge", by.email, [submission.reference], detail=f"after {waited} min")
    return True


def set_note(submission: Submission, text: str, by: StaffUser) -> None:
    """Replace the submission's note (kept short); the old wording stays in the history; audited."""
    text = text.strip()
    if len(text) > NOTE_MAX:
        raise WorkflowError("note", f"must be at most {NOTE_MAX} characters (it has {len(text)})")
    if text == (submission.note or ""):
        raise WorkflowError("note", "is unchanged")
    submission.note = text
    db.session.add(_event(submission, by, "note", text=text))
    audit.record("note", by.email, [submission.reference])


def history(submission: Submission) -> list[SubmissionEvent]:
    """Every change to the submission, oldest first."""
    return list(
        db.session.scalars(
            select(SubmissionEvent)
            .where(SubmissionEvent.submission_id == submission.id)
            .order_by(SubmissionEvent.at, SubmissionEvent.id)
        )
    )


def _event(submission: Submission, by: StaffUser, kind: str, **values) -> SubmissionEvent:
    return SubmissionEvent(
        submission_id=submission.id, staff_id=by.id, staff_email=by.email, kind=kind, at=utcnow(), **values
    )
