"""The triage forms (Flask-WTF, so each carries its CSRF token); every message names what is allowed."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length, Optional

from screening.staff.triage.workflow import NOTE_MAX, REASON_MAX


class StatusForm(FlaskForm):
    """Move a submission to another status; `seen` is the status the page showed."""

    to_status = HiddenField(validators=[DataRequired("Choose what to change the status to")])
    seen = HiddenField(validators=[DataRequired("The page did not say which status it showed; reload it")])
    reason = TextAreaField(
        "Reason",
        validators=[Length(max=REASON_MAX, message=f"Reason must be at most {REASON_MAX} characters")],
    )


class NoteForm(FlaskForm):
    """The front desk's short note on a submission."""

    note = TextAreaField(
        "Note for the team",
        validators=[Length(max=NOTE_MAX, message=f"Note must be at most {NOTE_MAX} characters")],
    )


class AcknowledgeForm(FlaskForm):
    """One click: "I have seen this urgent submission"; `back` says where the click came from."""

    back = HiddenField(validators=[Optional(), AnyOf(["queue", "submission"], "must be queue or submission")])
