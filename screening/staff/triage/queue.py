"""The triage queue: one query for the filter, in triage order, a page at a time, and its rows for display."""

from dataclasses import dataclass
from datetime import date

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, case, func, or_, select

from rules.table import SUGGESTION_LABELS, SUGGESTION_PRIORITY
from screening.extensions import db
from screening.models import Submission
from screening.staff import clinictime
from screening.staff.triage.filters import QueueFilter
from screening.staff.triage.workflow import OPEN_STATUSES, STATUS_LABELS
from screening.submissions import format_reference, parse_reference
from screening.summary_answers import patient_values

PAGE_SIZE = 50
# Triage order: urgent first, then the suggestion's priority as the rules table gives it, then oldest.
SUGGESTION_RANK = case(
    {suggestion: rank for rank, suggestion in enumerate(SUGGESTION_PRIORITY)},
    value=Submission.suggestion,
    else_=len(SUGGESTION_PRIORITY),
)
TRIAGE_ORDER = (Submission.urgent.desc(), SUGGESTION_RANK, Submission.created_at.asc(), Submission.id.asc())


def order_in_words() -> str:
    """TRIAGE_ORDER as the queue page explains it, the suggestions named as the rules table names them."""
    named = [SUGGESTION_LABELS[suggestion].lower() for suggestion in SUGGESTION_PRIORITY]
    return f"Urgent first, then {', '.join(named[:-1])} and {named[-1]}, then oldest first."


def matching(chosen: QueueFilter) -> Select:
    """SELECT of the submissions the filter picks (no order, no paging)."""
    query = select(Submission)
    if chosen.status == "open":
        query = query.where(Submission.status.in_(OPEN_STATUSES))
    elif chosen.status != "all":
        query = query.where(Submission.status == chosen.status)
    if chosen.suggestion:
        query = query.where(Submission.suggestion == chosen.suggestion)
    if chosen.day is not None:
        start, end = clinictime.day_bounds(chosen.day)
        query = query.where(Submission.created_at >= start, Submission.created_at < end)
    if chosen.q:
        escaped = chosen.q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        by_name = Submission.full_name.ilike(f"%{escaped}%", escape="\\")
        reference = parse_reference(chosen.q)
        query = query.where(or_(by_name, Submission.reference == reference) if reference else by_name)
    return query


def count(chosen: QueueFilter) -> int:
    """How many submissions the filter picks."""
    return db.session.scalar(select(func.count()).select_from(matching(chosen).subquery()))


def in_triage_order(chosen: QueueFilter, limit: int) -> list[Submission]:
    """The filter's submissions, most pressing first (at most `limit`)."""
    return list(db.session.scalars(matching(chosen).order_by(*TRIAGE_ORDER).limit(limit)))


def page_of(chosen: QueueFilter) -> Pagination:
    """One page (PAGE_SIZE rows) of the filter in triage order, with the total; empty past the end."""
    query = matching(chosen).order_by(*TRIAGE_ORDER)
    return db.paginate(query, page=chosen.page, per_page=PAGE_SIZE, error_out=False)


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
    flag_count: int
    status: str
    status_label: str


def row_for(submission: Submission, today: date) -> QueueRow:
    """The display values of one submission (age on the clinic's today)."""
    patient = patient_values(submission.answers, today)
    return QueueRow(
        reference=format_reference(submission.reference),
        code=submission.reference,
        name=submission.full_name,
        age=patient["age"],
        submitted_iso=clinictime.local(submission.created_at).isoformat(timespec="minutes"),
        submitted_absolute=clinictime.absolute_text(submission.created_at),
        submitted_relative=clinictime.relative_text(submission.created_at),
        suggestion=submission.suggestion,
        suggestion_label=(submission.result or {}).get("suggestion_label") or submission.suggestion,
        urgent=bool(submission.urgent),
        flag_count=len((submission.result or {}).get("flags", [])),
        status=submission.status,
        status_label=STATUS_LABELS.get(submission.status, submission.status),
    )
