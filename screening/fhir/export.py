"""Stored submissions as one FHIR Bundle (PDFs as kept), checked against fhir.resources' R4B models."""

import json
from datetime import date, datetime

from fhir.resources.R4B.bundle import Bundle

from screening.fhir.bundle import bundle, submission_entries
from screening.models import Submission
from screening.staff import clinictime
from screening.staff.triage import queue
from screening.staff.triage.filters import QueueFilter
from screening.stored_pdfs import summary_pdfs
from screening.submissions import format_reference

MEDIA_TYPE = "application/fhir+json"
# A day's Bundle carries every PDF: this many submissions at most in one (a clinic sees far fewer).
BUNDLE_MAX = 200


def submissions_bundle(submissions: list[Submission]) -> dict:
    """The Bundle of the submissions, in the order given: for each its answers, result and PDF."""
    entries = []
    for submission, pdf in zip(submissions, summary_pdfs(submissions), strict=True):
        moment = clinictime.local(submission.created_at)
        entries += submission_entries(submission, format_reference(submission.reference), moment, pdf)
    result = bundle(entries, datetime.now(clinictime.zone()))
    # What leaves the clinic is valid R4 (R4B's Questionnaire, QuestionnaireResponse and
    # RiskAssessment are R4's): a bug here is an error, never a file another system refuses.
    Bundle.model_validate(result)
    return result


def day_filter(day: date) -> QueueFilter:
    """Every submission of one clinic day, whatever its status."""
    return QueueFilter(status="all", day=day)


def day_submissions(day: date) -> list[Submission]:
    """The day's submissions in triage order (as printed), at most BUNDLE_MAX."""
    return queue.in_triage_order(day_filter(day), BUNDLE_MAX)


def as_json(resource: dict) -> str:
    """A resource as FHIR JSON text (UTF-8, names written as they are)."""
    return json.dumps(resource, ensure_ascii=False, indent=1) + "\n"
