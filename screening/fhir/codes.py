"""The product's canonical URLs and its CodeSystems: answer values and screening results."""

from rules.answers import SCHEMA_VERSION
from rules.questions import QUESTIONS
from rules.schema import CHOICE, MANY
from rules.table import RULES_VERSION, SUGGESTION_LABELS

# A canonical URL names the questionnaire wherever it is served (every clinic's server also serves it
# at /fhir/...). `.example` is reserved (RFC 2606): replace it with the product's own domain once it
# has one, in this one place.
CANONICAL = "http://spine-screen.example/fhir"
QUESTIONNAIRE_ID = "spine-screen"
QUESTIONNAIRE_URL = f"{CANONICAL}/Questionnaire/{QUESTIONNAIRE_ID}"
ANSWERS_SYSTEM_ID = "spine-screen-answers"
ANSWERS_SYSTEM = f"{CANONICAL}/CodeSystem/{ANSWERS_SYSTEM_ID}"
RESULTS_SYSTEM_ID = "spine-screen-results"
RESULTS_SYSTEM = f"{CANONICAL}/CodeSystem/{RESULTS_SYSTEM_ID}"
REFERENCE_SYSTEM = f"{CANONICAL}/reference"
# A required "choose all that apply" question answered with nothing ticked: the form's "None of these".
NONE_CODE = "none"
NONE_DISPLAY = "None of these"
URGENT_CODE = "urgent"
URGENT_DISPLAY = "Urgent: same-day attention"


def answer_codes() -> dict[str, str]:
    """Every value a choice question allows, with its words; one code may serve several questions."""
    codes: dict[str, str] = {}
    for question in QUESTIONS.values():
        if question.kind not in (CHOICE, MANY):
            continue
        for value, label in question.choices:
            if codes.setdefault(value, label) != label:
                raise ValueError(f"{value!r} is worded {codes[value]!r} and {label!r}: give it one code")
        if question.kind == MANY and question.required:
            codes[NONE_CODE] = NONE_DISPLAY
    return codes


def _code_system(system_id: str, url: str, title: str, version: str, concepts: dict[str, str]) -> dict:
    return {
        "resourceType": "CodeSystem",
        "id": system_id,
        "url": url,
        "version": version,
        "name": system_id.replace("-", "_").title().replace("_", ""),
        "title": title,
        "status": "active",
        "experimental": False,
        "publisher": "spine-screen",
        "caseSensitive": True,
        "content": "complete",
        "count": len(concepts),
        "concept": [{"code": code, "display": display} for code, display in concepts.items()],
    }


def answers_code_system() -> dict:
    """The CodeSystem of the answer values (its version is the answer schema's)."""
    return _code_system(
        ANSWERS_SYSTEM_ID, ANSWERS_SYSTEM, "Spine screening answers", SCHEMA_VERSION, answer_codes()
    )


def results_code_system() -> dict:
    """The CodeSystem of the suggestions and the urgent mark, worded as the newest rules words them."""
    concepts = {**SUGGESTION_LABELS, URGENT_CODE: URGENT_DISPLAY}
    return _code_system(RESULTS_SYSTEM_ID, RESULTS_SYSTEM, "Spine screening results", RULES_VERSION, concepts)


CODE_SYSTEMS = {ANSWERS_SYSTEM_ID: answers_code_system, RESULTS_SYSTEM_ID: results_code_system}
