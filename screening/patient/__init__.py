"""The patients' questionnaire: the blueprint `bp` (start, steps, check answers, confirmation)."""

from flask import Blueprint, Flask

bp = Blueprint("patient", __name__)

from screening.patient import copy, info, unavailable, views  # noqa: E402, F401  (registers the routes on bp)


def init_app(app: Flask) -> None:
    """Register the questionnaire at the site root; every page knows the clinic's name and numbers."""
    from screening.clinic import clinic_details

    app.context_processor(clinic_details)
    app.register_blueprint(bp)
