"""The patients' questionnaire: the blueprint `bp` (start, steps, check answers, confirmation)."""

from flask import Blueprint, Flask

bp = Blueprint("patient", __name__)

# The tablet's idle check runs before the shared-device check (a cleared tablet has nothing to ask about).
from screening.patient import tablet, returning, info, resume, unavailable, views, copy  # noqa: E402, F401, I001


def init_app(app: Flask) -> None:
    """Register the questionnaire at the site root; every page knows the clinic's name and numbers."""
    from screening.clinic import clinic_details
    from screening.patient.tablet import tablet_context

    app.context_processor(clinic_details)
    app.context_processor(tablet_context)
    app.register_blueprint(bp)
