"""The patient's own copy: their answers and what happens next as a PDF, in the language they answered in.

It leaves out the rules' suggestion and the doctor's flags: those are for the clinic to read with the
patient, not a verdict to take home. Offered only while the confirmation page is.
"""

from flask import Response, current_app, redirect, url_for
from flask_babel import force_locale, format_datetime
from flask_babel import gettext as _

from rules.advice import urgent_symptoms_reported, urgent_symptoms_to_watch_for
from screening import tablets
from screening.clinic import clinic_details
from screening.i18n.catalogues import SOURCE_LANGUAGE, catalogue_info
from screening.patient import bp, drafts
from screening.patient.review import answer_rows
from screening.pdf import STATIC, render_pdf
from screening.submissions import format_reference
from screening.summary import clinic_zone

TEMPLATE = "pdf/patient_copy.html"
STYLESHEET = STATIC / "pdf" / "patient_copy.css"


def copy_values(submission) -> dict:
    """Everything the patient's copy prints, as plain values, words already in the patient's language."""
    language = submission.language or SOURCE_LANGUAGE
    stored = submission.answers if isinstance(submission.answers, dict) else {}
    patient = stored.get("patient") if isinstance(stored.get("patient"), dict) else {}
    flat = {**{k: v for k, v in stored.items() if k != "patient"}, **patient}
    zone = clinic_zone(current_app.config["CLINIC_TIMEZONE"])
    with force_locale(language):
        clinic = clinic_details()["clinic"]
        info = catalogue_info(language)
        return {
            "language": language,
            "clinic": {key: clinic[key] for key in ("name", "phone", "address", "emergency_number")},
            "reference": format_reference(submission.reference),
            "sent": format_datetime(submission.created_at.astimezone(zone), "d MMMM y, HH:mm"),
            "full_name": str(patient.get("full_name") or ""),
            "phone": str(patient.get("phone") or ""),
            "sections": [
                {"title": section["title"], "rows": [_row(row) for row in section["rows"]]}
                for section in answer_rows(flat, {})
            ],
            "urgent": bool(submission.urgent),
            "urgent_symptoms": [_(words) for words in urgent_symptoms_reported(stored.get("nerve_symptoms"))],
            "watch_for": [_(words) for words in urgent_symptoms_to_watch_for()],
            "translation": None
            if language == SOURCE_LANGUAGE
            else {"version": info.version, "reviewed": info.reviewed},
        }


def _row(row: dict) -> dict:
    return {"label": row["label"], "value": row["value"], "typed": row["typed"]}


@bp.get("/confirmation/my-answers.pdf")
def download_copy():
    """The patient's own PDF of what they sent (only while their confirmation is still shown)."""
    submission = drafts.submitted()
    # Not on a waiting-room tablet: the file would stay on it for the next patient to find.
    if submission is None or tablets.this_device() is not None:
        return redirect(url_for("patient.start"))
    pdf = render_pdf([copy_values(submission)], template=TEMPLATE, stylesheet=STYLESHEET)
    response = Response(pdf, mimetype="application/pdf")
    name = f"my-answers-{format_reference(submission.reference)}.pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
