"""FHIR Bundles for staff with export rights: one submission's, and one day's from the queue."""

from datetime import datetime

from flask import Response, request
from flask_login import current_user

from screening.extensions import db
from screening.fhir.export import (
    BUNDLE_MAX,
    MEDIA_TYPE,
    as_json,
    day_filter,
    day_submissions,
    submissions_bundle,
)
from screening.staff import audit, bp, clinictime
from screening.staff.auth.access import requires
from screening.staff.auth.accounts import EXPORT_ROLES
from screening.staff.triage import queue
from screening.staff.triage.filters import parse_filter
from screening.staff.triage.views import find_submission, render_queue


def _download(submissions: list, filename: str, detail: str) -> Response:
    body = as_json(submissions_bundle(submissions))  # PDFs rendered now are kept by the commit below
    audit.record("export", current_user.email, [s.reference for s in submissions], detail=detail)
    db.session.commit()
    response = Response(body, mimetype=MEDIA_TYPE)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.get("/submissions/<ref>.fhir.json")
@requires(*EXPORT_ROLES)
def submission_fhir(ref: str):
    """One submission as a FHIR Bundle: its answers, its result and its PDF (doctors and administrators)."""
    submission = find_submission(ref)
    return _download([submission], f"submission-{submission.reference}.fhir.json", "FHIR bundle")


@bp.get("/export.fhir.json")
@requires(*EXPORT_ROLES)
def export_fhir_day():
    """One clinic day's submissions (every status) as one FHIR Bundle; the day comes from the queue."""
    chosen, problems = parse_filter(request.args)
    if not problems and chosen.day is None:
        problems = [("day", "choose a day: a FHIR Bundle holds one day's submissions")]
    if problems:
        return render_queue(chosen, problems)
    day = chosen.day
    total = queue.count(day_filter(day))
    if total > BUNDLE_MAX:
        message = f"{day} has {total} submissions; a FHIR Bundle holds at most {BUNDLE_MAX}"
        return render_queue(chosen, [("day", message)])
    stamp = f"{datetime.now(clinictime.zone()):%Y%m%d-%H%M}"
    return _download(day_submissions(day), f"submissions-{day}-{stamp}.fhir.json", f"FHIR bundle of {day}")
