"""Sign-in lockout: failed attempts kept in the database, so every worker process sees the same counts."""

from datetime import datetime, timedelta

from sqlalchemy import Integer, String, delete, or_, select
from sqlalchemy.orm import Mapped, mapped_column

from screening.columns import UtcDateTime
from screening.extensions import db
from screening.models import utcnow

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
LOCK = timedelta(minutes=15)


class SignInFailure(db.Model):
    """One failed password or code, by the email typed (known or not) and the address it came from."""

    __tablename__ = "staff_sign_in_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, index=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)


def _lock_end(times: list[datetime]) -> datetime | None:
    # Locked for LOCK after any MAX_FAILURES failures that fall within one WINDOW.
    end = None
    for i in range(MAX_FAILURES - 1, len(times)):
        if times[i] - times[i - MAX_FAILURES + 1] <= WINDOW:
            end = times[i] + LOCK
    return end


def locked_until(email: str, address: str, now: datetime | None = None) -> datetime | None:
    """When sign-in opens again for this email from this address, or None if it is open now.

    An address that has failed too often is locked. An account that has failed too often is locked
    only for the addresses its failures came from: otherwise anyone could lock any colleague out by
    typing wrong passwords from elsewhere (issue 13.9). A new address's first failure locks it too.
    """
    now = now or utcnow()
    rows = db.session.execute(
        select(SignInFailure.at, SignInFailure.email, SignInFailure.address)
        .where(SignInFailure.at >= now - WINDOW - LOCK)
        .where(or_(SignInFailure.email == email, SignInFailure.address == address))
        .order_by(SignInFailure.at)
    ).all()
    failed_here = any(a == address for _at, _e, a in rows)
    ends = [
        _lock_end([at for at, e, _a in rows if e == email]) if failed_here else None,
        _lock_end([at for at, _e, a in rows if a == address]),
    ]
    latest = max((end for end in ends if end is not None), default=None)
    return latest if latest is not None and latest > now else None


def record_failure(email: str, address: str, now: datetime | None = None) -> None:
    """Count one failed attempt, and forget the failures too old to matter any more."""
    now = now or utcnow()
    forget_old_failures(now)
    db.session.add(SignInFailure(email=email, address=address, at=now))
    db.session.flush()


def clear_failures(email: str) -> None:
    """Forget an account's failures after it signs in; failures by address stay counted."""
    db.session.execute(delete(SignInFailure).where(SignInFailure.email == email))


def forget_old_failures(now: datetime) -> None:
    """Delete the failures older than any lock they could still cause, so the table stays small.

    Run at every recorded failure: each run deletes only what aged out since the one before (by the
    index on `at`), so the table never holds much more than the last WINDOW + LOCK of failures.
    """
    db.session.execute(delete(SignInFailure).where(SignInFailure.at < now - WINDOW - LOCK))
