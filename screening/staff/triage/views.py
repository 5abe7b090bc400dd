"""The staff pages that show patient data: the triage queue and one submission with its history."""

from datetime import timedelta
from urllib.parse import urlencode

from flask import abort, current_app, render_template, request, session
from flask_login import current_user
from sqlalchemy import select

from rules.table import SUGGESTION_LABELS, SUGGESTION_PRIORITY
from screening.alerts.outbox import undelivered_since
from screening.extensions import db
from screening.i18n import answering_language
from screening.models import Submission, utcnow
from screening.staff import audit, bp, clinictime
from screening.staff.triage import queue
from screening.staff.triage.filters import STATUS_FILTERS, QueueFilter, parse_filter
from screening.staff.triage.forms import NoteForm, StatusForm
from screening.staff.triage.rows import row_for, urgent_wait
from screening.staff.triage.workflow import (
    ACTION_LABELS,
    STATUS_LABELS,
    allowed_changes,
    history,
    needs_reason,
)
from screening.submissions import format_reference, parse_reference
from screening.summary import summary_for_submission

# The session key of the queue filter last shown, for "Back to the queue" and "Next submission".
LAST_FILTER = "staff_queue_args"
# The page after a post shows what was just changed; the post itself is in the audit trail.
JUST_CHANGED = "staff_just_changed"
# Alerts older than this still waiting to go out mean the sender is not running: the queue says so.
SENDER_SILENT = timedelta(minutes=2)


def find_submission(text: str) -> Submission:
    """The submission with this reference (dash and case optional); 404 when malformed or unknown."""
    code = parse_reference(text)
    submission = db.session.scalar(select(Submission).where(Submission.reference == code)) if code else None
    if submission is None:
        abort(404)
    return submission


def render_queue(chosen: QueueFilter, problems: list[tuple[str, str]]):
    """The queue page for a filter; with problems, the messages and no rows (400)."""
    found = queue.page_of(chosen) if not problems else None
    total, pages = (found.total, max(1, found.pages)) if found else (0, 1)
    if found and chosen.page > pages:
        problems = [("page", f"must be from 1 to {pages}: this filter has {total} submissions")]
    today = clinictime.today()
    escalate = current_app.config["URGENT_ESCALATE_MINUTES"]
    rows = [row_for(s, today, escalate) for s in found.items] if found and not problems else []
    if not problems:
        filter_text = urlencode(chosen.args()) or "status=open"
        audit.record("view_queue", current_user.email, detail=f"{filter_text}: {len(rows)} of {total} shown")
        db.session.commit()
    return render_template(
        "staff/queue.html",
        chosen=chosen,
        problems=problems,
        raw=request.args,
        rows=rows,
        total=total,
        pages=pages,
        status_filters=STATUS_FILTERS,
        suggestions=[(s, SUGGESTION_LABELS[s]) for s in SUGGESTION_PRIORITY],
        triage_order=queue.order_in_words(),
        today=today.isoformat(),
        closed_matches=queue.closed_matches(chosen) if not problems else 0,
        unacknowledged=queue.unacknowledged_urgent(),
        undelivered=undelivered_since(utcnow() - SENDER_SILENT),
        live_version=queue.live_version(),
    ), (400 if problems else 200)


@bp.get("/")
def show_queue():
    """The submissions not yet closed, most pressing first, 50 a page, with filters and a search."""
    chosen, problems = parse_filter(request.args)
    if not problems:
        session[LAST_FILTER] = chosen.args()
    return render_queue(chosen, problems)


def last_filter() -> QueueFilter:
    """The queue filter this person last looked at (the default one if none, or if it no longer parses)."""
    chosen, problems = parse_filter(session.get(LAST_FILTER) or {})
    return chosen if not problems else QueueFilter()


def render_submission(submission: Submission, problems=(), status_form=None, note_form=None, code=200):
    """The submission page: every answer, the result, the workflow and its history."""
    # In this staff member's language (the PDF stays in the clinic's).
    zone = current_app.config.get("CLINIC_TIMEZONE", "UTC")
    summary = summary_for_submission(submission, zone, language=answering_language())
    chosen = last_filter()
    wait_state, wait_text = urgent_wait(submission, current_app.config["URGENT_ESCALATE_MINUTES"])
    actions = [
        {"to": to, "label": ACTION_LABELS[to], "needs_reason": needs_reason(submission.status, to)}
        for to in allowed_changes(submission.status)
    ]
    return render_template(
        "staff/submission.html",
        submission=submission,
        reference=format_reference(submission.reference),
        summary=summary,
        status_label=STATUS_LABELS.get(submission.status, submission.status),
        status_labels=STATUS_LABELS,
        actions=actions,
        events=history(submission),
        problems=list(problems),
        status_form=status_form or StatusForm(formdata=None),
        note_form=note_form or NoteForm(formdata=None, note=submission.note),
        wait_state=wait_state,
        wait_text=wait_text,
        back_args=chosen.args(),
        next_reference=queue.next_after(chosen, submission.id),
        clinictime=clinictime,
    ), code


@bp.get("/submissions/<ref>")
def show_submission(ref: str):
    """One submission, in full; the view is written to the audit trail."""
    submission = find_submission(ref)
    if session.pop(JUST_CHANGED, None) != submission.reference:
        audit.record("view", current_user.email, [submission.reference])
        db.session.commit()
    return render_submission(submission)
