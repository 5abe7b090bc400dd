"""Two-factor sign-in: TOTP secrets, the enrolment QR code drawn by the app, and passing the second step."""

import hmac
from datetime import datetime

import pyotp
import segno
from markupsafe import Markup
from sqlalchemy import update

from screening.extensions import db
from screening.models import utcnow
from screening.staff.auth.accounts import StaffUser, existing_staff
from screening.staff.auth.recovery import delete_recovery_codes, issue_recovery_codes, use_recovery_code

ISSUER = "Spine clinic staff"
# How a sign-in's second step was passed, as the audit trail words it.
AUTHENTICATOR = "authenticator"
RECOVERY_CODE = "recovery code"


def start_enrolment(user: StaffUser) -> str:
    """The secret being enrolled: kept in the database (never in the cookie) until a code confirms it."""
    if user.totp_secret is None or user.enrolled:
        user.totp_secret = pyotp.random_base32()
        user.totp_confirmed_at = None
        # The no-replay mark belongs to the old secret; keeping it would refuse the new app's first code.
        user.last_totp_step = 0
        db.session.flush()
    return user.totp_secret


def confirm_enrolment(user: StaffUser) -> list[str]:
    """The code matched: the authenticator counts from now on; returns the new recovery codes to show once."""
    user.totp_confirmed_at = utcnow()
    return issue_recovery_codes(user)


def reset_two_factor(email: str) -> StaffUser:
    """Forget the account's authenticator and recovery codes: it enrols again at its next sign-in."""
    user = existing_staff(email)
    user.totp_secret = None
    user.totp_confirmed_at = None
    user.session_generation += 1
    delete_recovery_codes(user)
    db.session.flush()
    return user


def provisioning_uri(user: StaffUser) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_svg(uri: str) -> Markup:
    """The QR code as inline SVG, drawn here: the secret never goes to an outside service."""
    qr = segno.make(uri, error="m", micro=False)
    # A viewBox instead of a fixed size, so CSS scales the whole code (quiet zone included) to fit.
    svg = qr.svg_inline(
        border=4, dark="#0b0c0c", light="#ffffff", svgclass="qr-code", omitsize=True, title="QR code to scan"
    )
    return Markup(svg)  # noqa: S704  (segno's own markup; the URI inside is encoded as a path, not text)


def grouped_secret(secret: str) -> str:
    """The secret in groups of four, for typing into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def accept_totp(user: StaffUser, code: str, now: datetime | None = None) -> bool:
    """Whether the 6-digit code is right (30 s either side allowed) and has not been used before."""
    code = "".join(ch for ch in code if not ch.isspace() and ch != "-")
    if user.totp_secret is None or len(code) != 6 or not code.isdigit():
        return False
    totp = pyotp.TOTP(user.totp_secret)
    now = now or utcnow()
    for drift in (-1, 0, 1):
        step = totp.timecode(now) + drift
        if step > user.last_totp_step and hmac.compare_digest(totp.generate_otp(step), code):
            return _claim_step(user, step)
    return False


def _claim_step(user: StaffUser, step: int) -> bool:
    # One conditional UPDATE: of several sign-ins racing with the same code, exactly one moves the
    # step forward; the others match no row (issue 13.3).
    claimed = db.session.execute(
        update(StaffUser)
        .where(StaffUser.id == user.id, StaffUser.last_totp_step < step)
        .values(last_totp_step=step)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.expire(user, ["last_totp_step"])
    return claimed == 1


def second_factor(user: StaffUser, code: str) -> str | None:
    """How the code passes the second step (AUTHENTICATOR, RECOVERY_CODE), spending it; None if wrong."""
    if accept_totp(user, code):
        return AUTHENTICATOR
    if use_recovery_code(user, code):
        return RECOVERY_CODE
    return None
