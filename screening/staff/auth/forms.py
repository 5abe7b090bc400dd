"""The sign-in forms (Flask-WTF, so each carries its CSRF token); every message names what is allowed."""

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Length


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


class SignOutForm(FlaskForm):
    """Sign out: a POST with its CSRF token, so no other site can sign a user out."""
