"""The shared-device rule (12.2): answers reopened from this browser's cookie ask "Continue as …?" first."""

from flask import redirect, request, session, url_for

from screening.patient import bp, drafts
from screening.patient.resume import CODE_KEY

# Pages that show the draft's answers (or, for the code page, the way to them).
ANSWER_PAGES = frozenset(
    {"patient.answer_step", "patient.review_answers", "patient.show_urgent_advice", "patient.show_saved"}
)


@bp.before_request
def ask_who_is_back():
    """A browser coming back after a pause sees the start page's "Continue as …?" before any answer."""
    if CODE_KEY in session and request.endpoint != "patient.show_saved":
        # The code was shown; it stays in the cookie no longer than its page is open.
        session.pop(CODE_KEY)
    if drafts.SESSION_KEY not in session:
        return None
    if drafts.visit_is_fresh() or request.method != "GET":
        # Still the same visit, or a form sent from a page that was already open: the same person.
        drafts.note_visit()
        return None
    if request.endpoint in ANSWER_PAGES:
        return redirect(url_for("patient.start"))
    return None
