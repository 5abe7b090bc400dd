"""A waiting-room tablet (12.3): no resume from its cookie, cleared when left idle, no way out."""

from datetime import datetime

from flask import current_app, has_request_context, redirect, request, session, url_for

from screening import tablets
from screening.i18n import SESSION_KEY as LANGUAGE_KEY
from screening.i18n import is_staff_request
from screening.models import utcnow
from screening.patient import bp, drafts

SEEN_KEY = "tablet_seen_at"
# The confirmation goes back to the start page after this long (the next patient's turn).
CONFIRMATION_SECONDS = 60


def clear(*, keep_language: bool) -> None:
    """Forget this tablet's questionnaire: its draft kept only under a return code; the session emptied."""
    drafts.leave_draft()
    language = session.get(LANGUAGE_KEY)
    session.clear()
    if keep_language and language:
        session[LANGUAGE_KEY] = language


@bp.before_request
def enforce_idle():
    """On a tablet: a request after TABLET_IDLE_RESET_SECONDS without one clears it first (with or
    without the page's script), and the start page always begins afresh."""
    if tablets.this_device() is None:
        return None
    now = utcnow()
    try:
        last = datetime.fromisoformat(session.get(SEEN_KEY, ""))
    except (TypeError, ValueError):
        last = None
    holds = drafts.SESSION_KEY in session
    idle = last is None or (now - last).total_seconds() > current_app.config["TABLET_IDLE_RESET_SECONDS"]
    if holds and idle:
        clear(keep_language=False)
        session[SEEN_KEY] = now.isoformat()
        return redirect(url_for("patient.start"), 303)
    if request.endpoint == "patient.start" and holds:
        # No resume from the cookie: the start page is where the next person begins.
        clear(keep_language=True)
    session[SEEN_KEY] = now.isoformat()
    return None


@bp.post("/tablet/still-here")
def still_here():
    """The page's script: someone is using the tablet (the request itself keeps it from being cleared)."""
    return "", 204


@bp.post("/tablet/reset")
def reset_tablet():
    """The page's script, after the idle warning went unanswered: clear the tablet for the next person."""
    if tablets.this_device() is not None:
        clear(keep_language=False)
    return redirect(url_for("patient.start"), 303)


def tablet_context() -> dict:
    """Template values: `tablet` (None off a tablet), with the idle timings its script reads."""
    # Every page but the staff's (a patient's error page too): no way out of the questionnaire.
    if not has_request_context() or is_staff_request() or tablets.this_device() is None:
        return {"tablet": None}
    config = current_app.config
    return {
        "tablet": {
            "idle": request.endpoint != "patient.start",
            "warn": config["TABLET_IDLE_WARN_SECONDS"],
            "reset": config["TABLET_IDLE_RESET_SECONDS"],
            "return_after": config.get("TABLET_CONFIRMATION_SECONDS", CONFIRMATION_SECONDS),
        }
    }
