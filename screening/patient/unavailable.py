"""When the database cannot be reached: HTTP 503, the patient's answers shown again, nothing half-written."""

import contextlib
import logging

from flask import render_template, request
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import DBAPIError

from screening.extensions import db
from screening.patient import bp, flow
from screening.patient.forms import step_form_class
from screening.patient.pages import render_step

NOT_SAVED = _l(
    "Sorry, we could not save your answers just now. Your answers are still here: "
    "please wait a minute, then press the button again."
)
RETRY_AFTER_SECONDS = "30"
log = logging.getLogger(__name__)


@bp.errorhandler(DBAPIError)
def show_unavailable(error: DBAPIError):
    """The step filled from what was just posted, or a page to try again; the transaction is undone."""
    with contextlib.suppress(DBAPIError):
        db.session.rollback()
    # The path and the driver's error class only: never anything the patient typed.
    log.warning("database unavailable at %s %s (%s)", request.method, request.path, type(error.orig).__name__)
    headers = {"Retry-After": RETRY_AFTER_SECONDS}
    step = flow.STEP_BY_SLUG.get((request.view_args or {}).get("slug", ""))
    if request.method == "POST" and request.endpoint == "patient.answer_step" and step is not None:
        form = step_form_class(step)()
        page, status = render_step(step, form, {}, notice=NOT_SAVED, status=503, saved={})
        return page, status, headers
    resend = request.method == "POST" and request.endpoint == "patient.submit_answers"
    return render_template("patient/unavailable.html", resend=resend), 503, headers
