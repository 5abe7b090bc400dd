"""Who may open which staff page: sign-in required, roles, safe return addresses, no caching."""

from functools import wraps

from flask import abort, flash, jsonify, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from screening.extensions import db
from screening.staff import audit, bp
from screening.staff.auth.sessions import expiry_reason

# The sign-in pages are the only ones an anonymous visitor may open.
PUBLIC_ENDPOINTS = frozenset({"staff.login", "staff.second_step", "staff.enrol"})
# The open queue's own polling: it must not keep an unattended desk signed in for ever.
LIVE_ENDPOINT = "staff.queue_state"
REFRESH_HEADER = "X-Queue-Refresh"


def is_passive() -> bool:
    """Whether this request comes from the page itself (live polling), not from a person."""
    return request.endpoint == LIVE_ENDPOINT or request.headers.get(REFRESH_HEADER) == "1"


def requires(*roles: str):
    """Refuse the view (403) to a signed-in user whose role is not one of `roles`."""

    def decorate(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                # Refusals are part of the record too: who tried to reach what (HIPAA 164.312(b)).
                audit.record("refused", current_user.email, detail=f"{request.method} {request.path}"[:200])
                db.session.commit()
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorate


def safe_next(target: str | None) -> str | None:
    """A staff page to go back to after sign-in; nothing that could lead off this site."""
    if not target or not target.startswith("/staff/") or "//" in target or "\\" in target:
        return None
    # No control characters: a CR or LF would end up in the Location header (issue 13.6).
    return target if target.isprintable() else None


@bp.before_request
def require_sign_in():
    """Send anyone not signed in (or whose session has expired or was ended) to the sign-in page."""
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    if not current_user.is_authenticated and request.endpoint == LIVE_ENDPOINT:
        # The queue's script shows "signed out" instead of following a redirect to a sign-in page.
        return jsonify(signed_in=False), 401
    if not current_user.is_authenticated:
        ended = "staff_generation" in session
        session.clear()
        if ended:
            flash(_("Your session has ended. Sign in again."))
        wanted = safe_next(request.full_path.rstrip("?")) if request.method == "GET" else None
        return redirect(url_for("staff.login", next=wanted))
    reason = expiry_reason(touch=not is_passive())
    if reason:
        if request.endpoint == LIVE_ENDPOINT:
            logout_user()
            session.clear()
            return jsonify(signed_in=False), 401
        logout_user()
        session.clear()
        flash(reason)
        return redirect(url_for("staff.login"))
    return None


def no_store(response):
    """Staff pages, PDFs and exports hold health data: never kept in the browser's cache."""
    if request.path == "/staff" or request.path.startswith("/staff/"):
        response.headers["Cache-Control"] = "no-store"
        response.headers["Pragma"] = "no-cache"
        response.vary.add("Cookie")
    return response
