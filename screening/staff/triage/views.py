"""The staff pages: the triage queue, one submission with its history, status changes and the note."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from rules.table import SUGGESTION_LABELS, SUGGESTION_PRIORITY
from screening.extensions import db
from screening.i18n import answering_language
from screening.models import Submission
from screening.staff import audit, bp, clinictime
from screening.staff.triage import queue
from screening.staff.triage.filters import STATUS_FILTERS, QueueFilter, parse_filter
from screening.staff.triage.forms import NoteForm, StatusForm
from screening.staff.triage.workflow import (
    ACTION_LABELS,
    STATUS_LABELS,
    WorkflowError,
    allowed_changes,
    change_status,
    history,
    needs_reason,
    set_note,
)
from screening.submissions import format_reference, parse_reference
from screening.summary import summary_for_submission


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
    rows = [queue.row_for(s, today) for s in found.items] if found and not problems else []
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
    ), (400 if problems else 200)


@bp.get("/")
def show_queue():
    """The submissions not yet closed, most pressing first, 50 a page, with filters and a search."""
    chosen, problems = parse_filter(request.args)
    return render_queue(chosen, problems)


def render_submission(submission: Submission, problems=(), status_form=None, note_form=None, code=200):
    """The submission page: every answer, the result, the workflow and its history."""
    # In this staff member's language (the PDF stays in the clinic's).
    zone = current_app.config.get("CLINIC_TIMEZONE", "UTC")
    summary = summary_for_submission(submission, zone, language=answering_language())
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
        clinictime=clinictime,
    ), code


@bp.get("/submissions/<ref>")
def show_submission(ref: str):
    """One submission, in full; the view is written to the audit trail."""
    submission = find_submission(ref)
    audit.record("view", current_user.email, [submission.reference])
    db.session.commit()
    return render_submission(submission)


def _form_problems(form) -> list[tuple[str, str]]:
    return [(name, messages[0]) for name, messages in form.errors.items()]


@bp.post("/submissions/<ref>/status")
def update_status(ref: str):
    """Move the submission to the status chosen, stored with who and when."""
    submission = find_submission(ref)
    form = StatusForm()
    if not form.validate_on_submit():
        return render_submission(submission, _form_problems(form), status_form=form, code=400)
    try:
        change_status(submission, form.to_status.data, form.reason.data or "", current_user, form.seen.data)
    except WorkflowError as error:
        return render_submission(submission, [(error.field, error.message)], status_form=form, code=400)
    db.session.commit()
    flash(f"{format_reference(submission.reference)} is now {STATUS_LABELS[submission.status].lower()}.")
    return redirect(url_for("staff.show_submission", ref=submission.reference))


@bp.post("/submissions/<ref>/note")
def update_note(ref: str):
    """Save the front desk's short note; the earlier wording stays in the history."""
    submission = find_submission(ref)
    form = NoteForm()
    if not form.validate_on_submit():
        return render_submission(submission, _form_problems(form), note_form=form, code=400)
    try:
        set_note(submission, form.note.data or "", current_user)
    except WorkflowError as error:
        return render_submission(submission, [(error.field, error.message)], note_form=form, code=400)
    db.session.commit()
    flash("Note saved.")
    return redirect(url_for("staff.show_submission", ref=submission.reference))
