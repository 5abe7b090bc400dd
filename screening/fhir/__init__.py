"""FHIR R4 for other systems: the questionnaire and its codes (public), and submissions as Bundles.

codes.py        the product's canonical URLs and its two CodeSystems (answer values, screening results)
questionnaire.py the questionnaire as a FHIR Questionnaire, built from rules/questions.py and the schema
bundle.py       one stored submission as a QuestionnaireResponse, a RiskAssessment and a DocumentReference
reading.py      a QuestionnaireResponse read back into answers (what the round-trip test checks)
views.py        the public routes under /fhir/ (blueprint `bp`)
Every resource is built as plain JSON-shaped dicts and checked with fhir.resources' R4B models.
"""

from flask import Blueprint, Flask

bp = Blueprint("fhir", __name__, url_prefix="/fhir")


def init_app(app: Flask) -> None:
    """Register the public FHIR routes under /fhir/."""
    from screening.fhir import views  # noqa: F401 - importing registers the routes on bp

    app.register_blueprint(bp)
