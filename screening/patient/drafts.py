"""Answers in progress, kept server-side in the drafts table under an opaque id held by the session."""

import secrets
from datetime import datetime, timedelta

from flask import current_app, session
from sqlalchemy import delete, select

from screening import request_limits
from screening.extensions import db
from screening.models import Draft, Submission, utcnow

# Long enough to write the reference down or reload by mistake; short enough for a shared device.
CONFIRMATION_LIFETIME = timedelta(minutes=15)
# A pause longer than this and the browser is treated as coming back: "Continue as <name>?" first (12.2).
VISIT_GAP = timedelta(minutes=20)
SESSION_KEY = "draft_id"
SENT_KEY = "sent_at"
SEEN_KEY = "seen_at"


def draft_lifetime() -> timedelta:
    """How long a draft is kept after its last save: DRAFT_DAYS."""
    return timedelta(days=current_app.config["DRAFT_DAYS"])


def delete_expired_drafts() -> None:
    """Remove every draft past its expiry (done whenever a draft is created or a return code is tried)."""
    db.session.execute(delete(Draft).where(Draft.expires_at < utcnow()))


def current_draft() -> Draft | None:
    """The live draft this browser's session points at, or None (an expired one is deleted)."""
    draft_id = session.get(SESSION_KEY)
    if not draft_id:
        return None
    draft = db.session.get(Draft, draft_id)
    if draft is not None and draft.expires_at < utcnow():
        db.session.delete(draft)
        db.session.commit()
        return None
    return draft


def draft_answers() -> dict:
    """The answers saved so far (flat: schema field names, JSON-shaped values), or {}."""
    draft = current_draft()
    return dict(draft.data) if draft is not None else {}


def save_answers(values: dict) -> Draft:
    """Merge one step's answers into the draft, creating it on first save; the expiry restarts."""
    draft = current_draft()
    now = utcnow()
    if draft is None:
        request_limits.count_or_refuse(request_limits.DRAFT)
        delete_expired_drafts()
        draft = Draft(id=secrets.token_urlsafe(32), data={}, created_at=now)
        db.session.add(draft)
        adopt(draft)
    draft.data = {**(draft.data or {}), **values}
    draft.updated_at = now
    draft.expires_at = now + draft_lifetime()
    db.session.commit()
    return draft


def adopt(draft: Draft) -> None:
    """This browser now holds the draft (new, or reopened with its code), in a visit just begun."""
    session[SESSION_KEY] = draft.id
    # Kept across a browser restart so the patient can come back to it on this device too.
    session.permanent = True
    note_visit()


def note_visit() -> None:
    """The person at this browser is the draft's own (they are answering, or said so)."""
    session[SEEN_KEY] = utcnow().isoformat()


def visit_is_fresh() -> bool:
    """Whether this browser was in use within VISIT_GAP: if not, whoever holds it now may be someone else."""
    try:
        seen = datetime.fromisoformat(session.get(SEEN_KEY, ""))
    except (TypeError, ValueError):
        return False
    return utcnow() - seen <= VISIT_GAP


def first_name(draft: Draft) -> str:
    """The first word of the name the draft's patient gave (what "Continue as …?" shows), or ""."""
    words = str(draft.data.get("full_name", "")).split()
    return words[0] if words else ""


def mark_sent() -> None:
    """Remember when this browser sent its answers: the confirmation is shown for a short while only."""
    session[SENT_KEY] = utcnow().isoformat()


def submitted() -> Submission | None:
    """The submission this browser sent within the last CONFIRMATION_LIFETIME, if any.

    After that (or once the patient presses Finish) the browser shows a plain start page: on a
    shared device the next person must not see someone else's confirmation, which, when urgent,
    names their symptoms.
    """
    draft_id, sent_at = session.get(SESSION_KEY), session.get(SENT_KEY)
    if not (draft_id and sent_at):
        return None
    try:
        sent = datetime.fromisoformat(sent_at)
    except (TypeError, ValueError):
        return None
    if utcnow() - sent > CONFIRMATION_LIFETIME:
        forget_sent()
        return None
    sent_row = Submission.draft_id == draft_id, Submission.complete.is_(True)
    return db.session.scalar(select(Submission).where(*sent_row))


def forget_sent() -> None:
    """Drop every trace of a sent questionnaire from this browser's session."""
    session.pop(SESSION_KEY, None)
    session.pop(SENT_KEY, None)


def unfinished() -> Submission | None:
    """The unfinished submission stored early for this session's draft (an urgent answer), if any."""
    draft_id = session.get(SESSION_KEY)
    if not draft_id:
        return None
    early = Submission.draft_id == draft_id, Submission.complete.is_(False)
    return db.session.scalar(select(Submission).where(*early))


def leave_draft() -> None:
    """This browser lets go of its draft: kept under its return code if one was shown, else deleted."""
    draft_id = session.pop(SESSION_KEY, None)
    session.pop(SENT_KEY, None)
    session.pop(SEEN_KEY, None)
    if draft_id:
        # Without a code nobody could reach it again: answers nobody can reach are not kept.
        unreachable = Draft.id == draft_id, Draft.return_code_hash.is_(None)
        db.session.execute(delete(Draft).where(*unreachable))
        db.session.commit()
