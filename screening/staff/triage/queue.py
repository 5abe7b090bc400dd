"""The triage queue: one query for the filter, in triage order (what needs a human first), page by page."""

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, and_, case, func, or_, select

from rules.table import SUGGESTION_LABELS, SUGGESTION_PRIORITY
from screening import search_text
from screening.alerts.outbox import waiting_for_acknowledgement
from screening.extensions import db
from screening.models import Submission
from screening.staff import clinictime
from screening.staff.triage.filters import QueueFilter
from screening.staff.triage.workflow import OPEN_STATUSES, SubmissionEvent
from screening.submissions import parse_reference

PAGE_SIZE = 50
SUGGESTION_RANK = case(
    {suggestion: rank for rank, suggestion in enumerate(SUGGESTION_PRIORITY)},
    value=Submission.suggestion,
    else_=len(SUGGESTION_PRIORITY),
)
UNACKNOWLEDGED = and_(*waiting_for_acknowledgement())
# Urgent ones nobody has acknowledged, then the other new ones, then work in progress, then closed.
GROUP = case(
    (UNACKNOWLEDGED, 0), (Submission.status == "new", 1), (Submission.status.in_(OPEN_STATUSES), 2), else_=3
)
# Within the first group the longest waiting comes first; within the others, urgent and the rules'
# priority first, then oldest. Only group 0 rows have a value here, so the key orders nothing else.
LONGEST_WAITING = case((UNACKNOWLEDGED, Submission.created_at))
TRIAGE_ORDER = (
    GROUP,
    LONGEST_WAITING,
    Submission.urgent.desc(),
    SUGGESTION_RANK,
    Submission.created_at.asc(),
    Submission.id.asc(),
)


def order_in_words() -> str:
    """TRIAGE_ORDER as the queue page explains it, the suggestions named as the rules table names them."""
    named = [SUGGESTION_LABELS[suggestion].lower() for suggestion in SUGGESTION_PRIORITY]
    return (
        "Urgent submissions nobody has acknowledged first (longest waiting first); then the other new ones: "
        f"urgent, {', '.join(named[:-1])} and {named[-1]}; then contacted and booked; "
        "oldest first within each."
    )


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
        on_the_day = and_(Submission.created_at >= start, Submission.created_at < end)
        # "Print the day" also takes earlier submissions nobody has dealt with yet.
        still_new = and_(Submission.status == "new", Submission.created_at < start)
        query = query.where(or_(on_the_day, still_new) if chosen.earlier_new else on_the_day)
    if chosen.q:
        query = query.where(searched(chosen.q))
    return query


def searched(text: str):
    """The condition for a search: reference, or name, phone or date of birth, ignoring case and accents."""
    found = [
        Submission.search_text.like(f"%{_escaped(term)}%", escape="\\")
        for term in search_text.search_terms(text)
    ]
    reference = parse_reference(text)
    if reference:
        found.append(Submission.reference == reference)
    return or_(*found)


def _escaped(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def closed_matches(chosen: QueueFilter) -> int:
    """How many closed submissions the search also finds, when the filter shows only open ones."""
    if not chosen.q or chosen.status != "open":
        return 0
    query = (
        select(func.count()).select_from(Submission).where(Submission.status == "closed", searched(chosen.q))
    )
    return db.session.scalar(query)


def unacknowledged_urgent() -> int:
    """How many urgent submissions nobody has acknowledged (the tab title shows it)."""
    return db.session.scalar(select(func.count()).select_from(Submission).where(UNACKNOWLEDGED))


def next_after(chosen: QueueFilter, submission_id: int) -> str | None:
    """The reference after this submission in the filter's triage order (the first if it is not in it)."""
    ids = db.session.execute(
        matching(chosen)
        .with_only_columns(Submission.id, Submission.reference)
        .order_by(*TRIAGE_ORDER)
        .limit(5000)
    ).all()
    position = next((index for index, (row_id, _ref) in enumerate(ids) if row_id == submission_id), -1)
    following = [ref for row_id, ref in ids[position + 1 :] if row_id != submission_id]
    return following[0] if following else None


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


def live_version() -> str:
    """A string that changes when any submission arrives, is completed, acknowledged or moved on."""
    counts = db.session.execute(
        select(
            func.count(),
            func.max(Submission.id),
            func.count(Submission.acknowledged_at),
            func.sum(case((Submission.complete.is_(True), 1), else_=0)),
        )
    ).one()
    last_event = db.session.scalar(select(func.max(SubmissionEvent.id)))
    return "-".join(str(value or 0) for value in (*counts, last_event))
