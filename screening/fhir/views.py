"""The public FHIR routes: the questionnaire and its CodeSystems, for any system to read."""

from functools import cache

from fhir.resources.R4B.codesystem import CodeSystem
from fhir.resources.R4B.questionnaire import Questionnaire
from flask import Response, abort

from screening.fhir import bp
from screening.fhir.codes import CODE_SYSTEMS, QUESTIONNAIRE_ID
from screening.fhir.export import MEDIA_TYPE, as_json
from screening.fhir.questionnaire import questionnaire
from screening.i18n.catalogues import LANGUAGES, SOURCE_LANGUAGE, translations_for

OTHER_LANGUAGES = tuple(language for language in LANGUAGES if language != SOURCE_LANGUAGE)


def catalogue_words(language: str, english: str) -> str | None:
    """The language's words for an English text from its catalogue, or None where it has none."""
    words = translations_for(language).gettext(english)
    return words if words and words != english else None


@cache
def _questionnaire_json() -> str:
    resource = questionnaire(OTHER_LANGUAGES, catalogue_words)
    Questionnaire.model_validate(resource)
    return as_json(resource)


@cache
def _code_system_json(system_id: str) -> str:
    resource = CODE_SYSTEMS[system_id]()
    CodeSystem.model_validate(resource)
    return as_json(resource)


def _fhir(body: str) -> Response:
    response = Response(body, mimetype=MEDIA_TYPE)
    # Public and the same for everyone until the next release: caches may keep it for an hour.
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


@bp.get(f"/Questionnaire/{QUESTIONNAIRE_ID}")
def show_questionnaire():
    """The questionnaire as a FHIR R4 Questionnaire (JSON)."""
    return _fhir(_questionnaire_json())


@bp.get("/CodeSystem/<system_id>")
def show_code_system(system_id: str):
    """One of the product's CodeSystems (answer values, screening results); 404 for any other."""
    if system_id not in CODE_SYSTEMS:
        abort(404)
    return _fhir(_code_system_json(system_id))
