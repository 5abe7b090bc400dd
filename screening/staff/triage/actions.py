"""The front desk's changes to a submission: acknowledge, move the status on, save the note."""

from flask import flash, redirect, session, url_for
from flask_login import current_user

from screening.extensions import db
from screening.staff import bp
from screening.staff.triage.forms import AcknowledgeForm, NoteForm, StatusForm
from screening.staff.triage.views import JUST_CHANGED, find_submission, render_submission
from screening.staff.triage.workflow import STATUS_LABELS, WorkflowError, acknowledge, change_status, set_note
from screening.submissions import format_reference


def _form_problems(form) -> list[tuple[str, str]]:
    return [(name, messages[0]) for name, messages in form.errors.items()]


def _back_to(submission):
    session[JUST_CHANGED] = submission.reference
    return redirect(url_for("staff.show_submission", ref=submission.reference))


@bp.post("/submissions/<ref>/acknowledge")
def acknowledge_submission(ref: str):
    """Record that this person has seen the urgent submission; back to where they clicked."""
    submission = find_submission(ref)
    form = AcknowledgeForm()
    if not form.validate_on_submit():
        return render_submission(submission, _form_problems(form), code=400)
    try:
        first = acknowledge(submission, current_user)
    except WorkflowError as error:
        return render_submission(submission, [(error.field, error.message)], code=400)
    db.session.commit()
    shown = format_reference(submission.reference)
    if first:
        flash(f"{shown} acknowledged: its alerts stop. Call the patient as soon as you can.")
    else:
        flash(f"{shown} was already acknowledged by {submission.acknowledged_by}.")
    if form.back.data == "queue":
        return redirect(url_for("staff.show_queue", **session.get("staff_queue_args", {})))
    return _back_to(submission)


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
    return _back_to(submission)


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
    return _back_to(submission)
