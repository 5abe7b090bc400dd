"""The sign-in forms (Flask-WTF, so each carries its CSRF token); every message names what is allowed."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Length


class SignInForm(FlaskForm):
    """Step one: email and password."""

    email = EmailField(
        _l("Email address"),
        validators=[
            DataRequired(_l("Enter your email address")),
            Length(max=254, message=_l("Email address must be at most 254 characters")),
        ],
    )
    password = PasswordField(
        _l("Password"),
        validators=[
            DataRequired(_l("Enter your password")),
            Length(max=256, message=_l("Password must be at most 256 characters")),
        ],
    )


class CodeForm(FlaskForm):
    """Step two: the 6-digit code from the authenticator app, or a recovery code."""

    code = StringField(
        _l("Code"),
        validators=[
            DataRequired(_l("Enter the 6-digit code from your authenticator app")),
            Length(max=40, message=_l("Code must be 6 digits, or a recovery code of 16 characters")),
        ],
    )


class SignOutForm(FlaskForm):
    """Sign out: a POST with its CSRF token, so no other site can sign a user out."""
