"""Staff accounts: the StaffUser table, roles, password hashing, and creating or disabling an account."""

import re
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, Integer, String, select
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from screening.columns import UtcDateTime
from screening.extensions import db
from screening.models import utcnow
from screening.staff.auth.passwords import password_problem

ROLES = ("frontdesk", "doctor", "admin")
ROLE_LABELS = {"frontdesk": "Front desk", "doctor": "Doctor", "admin": "Administrator"}
EXPORT_ROLES = frozenset({"doctor", "admin"})
AUDIT_ROLES = frozenset({"admin"})
TABLET_ROLES = frozenset({"admin"})
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
# Checked against when the email is unknown, so a wrong email takes as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not a real password, only here for timing", method="scrypt")


class StaffUser(UserMixin, db.Model):
    """One member of the clinic staff who may sign in to the staff pages."""

    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Stored in each session; bumping it ends every session of this user at once (logout, disable).
    session_generation: Mapped[int] = mapped_column(Integer, default=0)
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_confirmed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # The last TOTP time step accepted: a code is never accepted twice (no replay).
    last_totp_step: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    disabled_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # The staff pages' language for this account; None: the clinic's (CLINIC_LANGUAGE).
    language: Mapped[str | None] = mapped_column(String(8))

    @property
    def is_active(self) -> bool:
        """Disabled accounts cannot sign in (Flask-Login checks this)."""
        return bool(self.active)

    @property
    def role_label(self) -> str:
        """The role in words, e.g. "Front desk"."""
        return ROLE_LABELS.get(self.role, self.role)

    @property
    def can_export(self) -> bool:
        """Doctors and administrators may export answers."""
        return self.role in EXPORT_ROLES

    @property
    def can_read_audit(self) -> bool:
        """Only administrators read the audit trail."""
        return self.role in AUDIT_ROLES

    @property
    def can_enrol_tablets(self) -> bool:
        """Only administrators enrol and revoke waiting-room tablets."""
        return self.role in TABLET_ROLES

    @property
    def enrolled(self) -> bool:
        """Two-factor sign-in has been set up and confirmed."""
        return self.totp_confirmed_at is not None


class AccountError(ValueError):
    """A staff account cannot be created or changed; each problem is (field, message)."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("; ".join(f"{field}: {message}" for field, message in problems))


def normalise_email(text: str) -> str:
    """The email as stored and compared: trimmed and lower-cased."""
    return text.strip().lower()


def find_staff(email: str) -> StaffUser | None:
    """The account with this email (any case), or None."""
    return db.session.scalar(select(StaffUser).where(StaffUser.email == normalise_email(email)))


def password_matches(user: StaffUser | None, password: str) -> bool:
    """Whether the password is the user's; takes as long when there is no such user."""
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return False
    return check_password_hash(user.password_hash, password)


def create_staff(email: str, role: str, password: str) -> StaffUser:
    """Create an account, or raise AccountError naming every problem (weak password, bad email...)."""
    email = normalise_email(email)
    problems = []
    if len(email) > 254 or not _EMAIL.fullmatch(email):
        problems.append(("email", "must be an email address such as name@clinic.example"))
    elif find_staff(email) is not None:
        problems.append(("email", f"an account for {email} already exists"))
    if role not in ROLES:
        problems.append(("role", f"must be one of {', '.join(ROLES)}"))
    weakness = password_problem(password, email)
    if weakness:
        problems.append(("password", weakness))
    if problems:
        raise AccountError(problems)
    user = StaffUser(
        email=email, role=role, password_hash=generate_password_hash(password, method="scrypt"), active=True
    )
    db.session.add(user)
    db.session.flush()
    return user


def existing_staff(email: str) -> StaffUser:
    """The account for this email, or AccountError naming the email when there is none."""
    user = find_staff(email)
    if user is None:
        raise AccountError([("email", f"no staff account for {normalise_email(email)}")])
    return user


def disable_staff(email: str) -> StaffUser:
    """Disable an account and end all its sessions, or raise AccountError if there is none."""
    user = existing_staff(email)
    user.active = False
    user.disabled_at = utcnow()
    user.session_generation += 1
    db.session.flush()
    return user
