"""Urgent answers: told at once what to do (not after Send), and stored for the clinic at that moment."""

from flask import redirect, render_template, url_for

from rules import is_urgent
from rules.advice import urgent_symptoms_reported
from screening.i18n import answering_language
from screening.patient import bp, drafts
from screening.patient.pages import resume_url
from screening.patient.validation import answers_object
from screening.submissions import format_reference, store_unfinished


def note_urgent(before: dict, draft) -> bool:
    """After a step is saved: keep an urgent draft in the clinic's queue; True when newly urgent.

    Every save of an urgent draft refreshes the unfinished submission, so the clinic sees the
    answers so far even if the patient stops here; the advice page interrupts only the first time.
    """
    if not is_urgent(draft.data.get("nerve_symptoms")):
        return False
    store_unfinished(answers_object(draft.data), draft_id=draft.id, language=answering_language())
    return not is_urgent(before.get("nerve_symptoms"))


@bp.get("/urgent-advice")
def show_urgent_advice():
    """What to do now: call the emergency number (tap to call), the clinic's number, then carry on."""
    draft = drafts.current_draft()
    saved = draft.data if draft is not None else {}
    if not is_urgent(saved.get("nerve_symptoms")):
        return redirect(url_for("patient.start"))
    unfinished = drafts.unfinished()
    context = {
        "symptoms": urgent_symptoms_reported(saved["nerve_symptoms"]),
        "reference": format_reference(unfinished.reference) if unfinished is not None else "",
        "carry_on": resume_url(saved),
    }
    return render_template("patient/urgent.html", **context)
