"""The staff commands: `flask --app screening create-staff / disable-staff / reset-staff-2fa`."""

import sys

import click
from flask.cli import with_appcontext

from screening.cli import BadInput
from screening.extensions import db
from screening.staff.audit.chain import verify_audit_command
from screening.staff.auth.accounts import ROLES, AccountError, create_staff, disable_staff
from screening.staff.auth.passwords import MIN_LENGTH
from screening.staff.auth.twofactor import reset_two_factor


def _fail(error: AccountError) -> BadInput:
    return BadInput([f"{field}: {message}" for field, message in error.problems])


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        # One line; only the line ending is removed, so spaces inside a passphrase are kept.
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt(
        f"Password (at least {MIN_LENGTH} characters)",
        hide_input=True,
        confirmation_prompt="Repeat the password",
    )


@click.command("create-staff")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice(ROLES), help="What the account may do.")
@click.option("--password-stdin", is_flag=True, help="Read the password from one line of standard input.")
@with_appcontext
def create_staff_command(email: str, role: str, password_stdin: bool) -> None:
    """Create a staff account; it sets up two-factor sign-in at its first sign-in."""
    password = _read_password(password_stdin)
    try:
        user = create_staff(email, role, password)
        db.session.commit()
    except AccountError as error:
        raise _fail(error) from None
    click.echo(f"Created {user.role} account {user.email}. Two-factor sign-in is set up at first sign-in.")


@click.command("disable-staff")
@click.argument("email")
@with_appcontext
def disable_staff_command(email: str) -> None:
    """Disable a staff account and end all of its sessions at once."""
    try:
        user = disable_staff(email)
        db.session.commit()
    except AccountError as error:
        raise _fail(error) from None
    click.echo(f"Disabled {user.email}; its sessions have ended.")


@click.command("reset-staff-2fa")
@click.argument("email")
@with_appcontext
def reset_two_factor_command(email: str) -> None:
    """Forget an account's authenticator app (lost phone): it enrols again at its next sign-in."""
    try:
        user = reset_two_factor(email)
        db.session.commit()
    except AccountError as error:
        raise _fail(error) from None
    click.echo(f"Two-factor sign-in reset for {user.email}; it is set up again at the next sign-in.")


COMMANDS = (create_staff_command, disable_staff_command, reset_two_factor_command, verify_audit_command)
