"""The staff forms (Flask-WTF, so each carries its CSRF token); every message names what is allowed."""

from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from screening.staff.workflow import NOTE_MAX, REASON_MAX


class SignInForm(FlaskForm):
    """Step one: email and password."""

    email = EmailField(
        "Email address",
        validators=[
            DataRequired("Enter your email address"),
            Length(max=254, message="Email address must be at most 254 characters"),
        ],
    )
    password = PasswordField(
        "Password",
        validators=[
            DataRequired("Enter your password"),
            Length(max=256, message="Password must be at most 256 characters"),
        ],
    )


class CodeForm(FlaskForm):
    """Step two: the 6-digit code from the authenticator app, or a recovery code."""

    code = StringField(
        "Code",
        validators=[
            DataRequired("Enter the 6-digit code from your authenticator app"),
            Length(max=40, message="Code must be 6 digits, or a recovery code of 16 characters"),
        ],
    )


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


class SignOutForm(FlaskForm):
    """Sign out: a POST with its CSRF token, so no other site can sign a user out."""
