"""Staff sessions: the half-way state between the two sign-in steps, sign-in, expiry and sign-out."""

import secrets
import time

from flask import current_app, g, session
from flask_babel import gettext as _
from flask_login import login_user, logout_user

from screening.extensions import db
from screening.staff import audit
from screening.staff.auth.accounts import StaffUser
from screening.staff.auth.lockout import clear_failures

# Between the password and the code: long enough to open an authenticator app, no longer.
PENDING_SECONDS = 5 * 60


def _clear_session() -> None:
    session.clear()
    # Flask-WTF caches this request's CSRF token in g; a page rendered after the clear must get a new one,
    # or its forms would carry a token the cleared session no longer matches.
    g.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)


def begin_second_step(user: StaffUser) -> None:
    """Remember, for a few minutes, who gave the right password and still owes a code."""
    _clear_session()
    session["staff_pending_id"] = user.id
    session["staff_pending_generation"] = user.session_generation
    session["staff_pending_until"] = time.time() + PENDING_SECONDS


def pending_user() -> StaffUser | None:
    """The account half-way through signing in, or None when there is none or it took too long."""
    if session.get("staff_pending_until", 0) < time.time():
        return None
    user = db.session.get(StaffUser, session.get("staff_pending_id"))
    if user is None or not user.is_active:
        return None
    if user.session_generation != session.get("staff_pending_generation"):
        return None
    return user


def sign_in(user: StaffUser, how: str) -> None:
    """Start a fresh session (nothing of the old cookie survives, a new random nonce marks it); audited."""
    # Failures by this account stop counting once it proves itself; failures by address stay counted.
    clear_failures(user.email)
    audit.record("sign_in", user.email, detail=how)
    _clear_session()
    login_user(user)
    now = time.time()
    session["staff_generation"] = user.session_generation
    session["staff_nonce"] = secrets.token_urlsafe(32)
    session["staff_signed_in_at"] = now
    session["staff_seen_at"] = now


def sign_out(user: StaffUser | None) -> None:
    """End this session, and every other session of the same user, server-side."""
    if user is not None and user.is_authenticated:
        audit.record("sign_out", user.email)
        user.session_generation += 1
        db.session.flush()
    logout_user()
    _clear_session()


def expiry_reason(touch: bool = True) -> str | None:
    """Why the signed-in session has expired (idle or too old), or None; marks it as seen now if `touch`."""
    now = time.time()
    idle = current_app.config.get("STAFF_IDLE_MINUTES", 30) * 60
    absolute = current_app.config.get("STAFF_ABSOLUTE_HOURS", 12) * 3600
    if now - session.get("staff_signed_in_at", 0) > absolute:
        return _(
            "You were signed out because sessions last at most %(hours)s hours. Sign in again.",
            hours=f"{absolute // 3600:g}",
        )
    if now - session.get("staff_seen_at", 0) > idle:
        return _(
            "You were signed out after %(minutes)s minutes without activity. Sign in again.",
            minutes=f"{idle // 60:g}",
        )
    if touch:
        session["staff_seen_at"] = now
    return None


def load_user(user_id: str) -> StaffUser | None:
    """Flask-Login's user loader: only an active account whose session generation still matches."""
    if not user_id.isdigit():
        return None
    user = db.session.get(StaffUser, int(user_id))
    if user is None or not user.is_active:
        return None
    if session.get("staff_generation") != user.session_generation:
        return None
    return user
