"""Two-factor sign-in: TOTP secrets, the enrolment QR code drawn by the app, and one-time recovery codes."""

import hashlib
import hmac
import secrets
from datetime import datetime

import pyotp
import segno
from markupsafe import Markup
from sqlalchemy import ForeignKey, Integer, String, delete, func, select
from sqlalchemy.orm import Mapped, mapped_column

from screening.columns import UtcDateTime
from screening.extensions import db
from screening.models import utcnow
from screening.staff.auth.accounts import StaffUser
from screening.submissions import CROCKFORD

ISSUER = "Spine clinic staff"
RECOVERY_CODE_COUNT = 10
# 16 Crockford base32 characters = 80 random bits: a plain SHA-256 is enough to store them.
RECOVERY_CODE_LENGTH = 16


class RecoveryCode(db.Model):
    """A one-time code that replaces the authenticator once (lost phone); only its hash is kept."""

    __tablename__ = "staff_recovery_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


def start_enrolment(user: StaffUser) -> str:
    """The secret being enrolled: kept in the database (never in the cookie) until a code confirms it."""
    if user.totp_secret is None or user.enrolled:
        user.totp_secret = pyotp.random_base32()
        user.totp_confirmed_at = None
        # The no-replay mark belongs to the old secret; keeping it would refuse the new app's first code.
        user.last_totp_step = 0
        db.session.commit()
    return user.totp_secret


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


def _digits(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace() and ch != "-")


def accept_totp(user: StaffUser, code: str, now: datetime | None = None) -> bool:
    """Whether the 6-digit code is right (30 s either side allowed) and has not been used before."""
    code = _digits(code)
    if user.totp_secret is None or len(code) != 6 or not code.isdigit():
        return False
    totp = pyotp.TOTP(user.totp_secret)
    now = now or utcnow()
    for drift in (-1, 0, 1):
        step = totp.timecode(now) + drift
        if step > user.last_totp_step and hmac.compare_digest(totp.generate_otp(step), code):
            user.last_totp_step = step
            db.session.commit()
            return True
    return False


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def normalise_recovery_code(text: str) -> str:
    """A recovery code as typed (any case, dashes and spaces optional) in its stored form."""
    return _digits(text).upper().translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))


def issue_recovery_codes(user: StaffUser) -> list[str]:
    """Ten new one-time codes (any older ones stop working), shown once as XXXX-XXXX-XXXX-XXXX."""
    delete_recovery_codes(user)
    codes = ["".join(secrets.choice(CROCKFORD) for _ in range(RECOVERY_CODE_LENGTH)) for _ in range(10)]
    db.session.add_all(RecoveryCode(staff_id=user.id, code_hash=_hash(code)) for code in codes)
    db.session.commit()
    return ["-".join(code[i : i + 4] for i in range(0, RECOVERY_CODE_LENGTH, 4)) for code in codes]


def use_recovery_code(user: StaffUser, text: str) -> bool:
    """Spend one unused recovery code; False if it is wrong or already used."""
    code = normalise_recovery_code(text)
    if len(code) != RECOVERY_CODE_LENGTH:
        return False
    row = db.session.scalar(
        select(RecoveryCode).where(
            RecoveryCode.staff_id == user.id,
            RecoveryCode.code_hash == _hash(code),
            RecoveryCode.used_at.is_(None),
        )
    )
    if row is None:
        return False
    row.used_at = utcnow()
    db.session.commit()
    return True


def recovery_codes_left(user: StaffUser) -> int:
    """How many unused recovery codes the account still has."""
    return db.session.scalar(
        select(func.count()).where(RecoveryCode.staff_id == user.id, RecoveryCode.used_at.is_(None))
    )


def delete_recovery_codes(user: StaffUser) -> None:
    """Remove every recovery code of the account (the caller commits)."""
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.staff_id == user.id))
