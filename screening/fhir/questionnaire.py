"""The questionnaire as a FHIR R4 Questionnaire: one group per step, one item per schema field."""

from collections.abc import Callable

from rules.answers import SCHEMA_VERSION
from rules.questions import STEPS, Question, Step
from rules.schema import CHOICE, DATE, LONG_TEXT, MANY, NUMBER, TEXT
from screening.fhir.codes import (
    ANSWERS_SYSTEM,
    NONE_CODE,
    NONE_DISPLAY,
    QUESTIONNAIRE_ID,
    QUESTIONNAIRE_URL,
)

ITEM_TYPES = {CHOICE: "choice", MANY: "choice", NUMBER: "integer", DATE: "date", TEXT: "string"}
ITEM_TYPES[LONG_TEXT] = "text"
TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
OPTION_EXCLUSIVE = "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive"
ENABLE_WHEN_EXPRESSION = (
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression"
)
UNIT = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit"
# When each question with `asked_when` (rules/questions.py) is asked, as FHIR says it. A test checks the
# two agree, and that no question with `asked_when` is missing here.
ENABLE_WHEN = {
    "cause": {
        "enableWhen": [
            {
                "question": "fracture_confirmed",
                "operator": "!=",
                "answerCoding": {"system": ANSWERS_SYSTEM, "code": "no"},
            }
        ]
    },
    # Asked under 60 only: relative to today, which enableWhen (fixed values) cannot say; SDC's
    # FHIRPath expression can.
    "pregnant": {
        "extension": [
            {
                "url": ENABLE_WHEN_EXPRESSION,
                "valueExpression": {
                    "language": "text/fhirpath",
                    "expression": "%resource.repeat(item).where(linkId='date_of_birth').answer.value"
                    " > today() - 60 years",
                },
            }
        ]
    },
}

# (language, English text) -> that language's text, or None when it has none.
Translate = Callable[[str, str], str | None]


def translated(text: str, languages: tuple[str, ...], translate: Translate | None, key: str = "text") -> dict:
    """{key: text} and, when other languages have it, `_key` with one translation extension per language.

    The one place translations enter: the Arabic questionnaire plugs in as `languages=("ar",)` and a
    `translate` reading its catalogue.
    """
    extensions = [
        {
            "url": TRANSLATION,
            "extension": [{"url": "lang", "valueCode": lang}, {"url": "content", "valueString": words}],
        }
        for lang in languages
        if translate is not None and (words := translate(lang, text))
    ]
    return {key: text, f"_{key}": {"extension": extensions}} if extensions else {key: text}


def item(question: Question, languages: tuple[str, ...] = (), translate: Translate | None = None) -> dict:
    """One question as a Questionnaire item; its linkId is the schema field's name."""
    spec = question.spec
    entry: dict = {"linkId": question.name, **translated(question.text, languages, translate)}
    entry["type"] = ITEM_TYPES[question.kind]
    entry["required"] = question.required
    if question.kind == MANY:
        entry["repeats"] = True
    if spec.max_length:
        entry["maxLength"] = spec.max_length
    extensions = []
    if question.kind == NUMBER:
        extensions += [
            {"url": MIN_VALUE, "valueInteger": spec.low},
            {"url": MAX_VALUE, "valueInteger": spec.high},
        ]
    if question.unit:
        extensions.append({"url": UNIT, "valueCoding": {"display": question.unit}})
    if question.kind in (CHOICE, MANY):
        entry["answerOption"] = [
            {
                "valueCoding": {
                    "system": ANSWERS_SYSTEM,
                    "code": value,
                    **translated(label, languages, translate, key="display"),
                }
            }
            for value, label in question.choices
        ]
        if question.kind == MANY and question.required:
            entry["answerOption"].append(
                {
                    "valueCoding": {"system": ANSWERS_SYSTEM, "code": NONE_CODE, "display": NONE_DISPLAY},
                    "extension": [{"url": OPTION_EXCLUSIVE, "valueBoolean": True}],
                }
            )
    condition = ENABLE_WHEN.get(question.name, {})
    extensions += condition.get("extension", [])
    if "enableWhen" in condition:
        entry["enableWhen"] = condition["enableWhen"]
    if extensions:
        entry["extension"] = extensions
    if question.hint:
        entry["item"] = [
            {
                "linkId": f"{question.name}.hint",
                "type": "display",
                **translated(question.hint, languages, translate),
                "extension": [
                    {
                        "url": "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl",
                        "valueCodeableConcept": {
                            "coding": [
                                {"system": "http://hl7.org/fhir/questionnaire-item-control", "code": "help"}
                            ]
                        },
                    }
                ],
            }
        ]
    return entry


def group_link_id(step: Step) -> str:
    """A step's group linkId: prefixed, as a step may share its slug with its question ("cause")."""
    return f"step-{step.slug}"


def questionnaire(languages: tuple[str, ...] = (), translate: Translate | None = None) -> dict:
    """The Questionnaire (English, with `languages` added by `translate` when one is given)."""
    return {
        "resourceType": "Questionnaire",
        "id": QUESTIONNAIRE_ID,
        "url": QUESTIONNAIRE_URL,
        "version": SCHEMA_VERSION,
        "name": "SpineScreen",
        "title": "Pre-visit screening for a broken bone in the back (vertebroplasty / kyphoplasty)",
        "status": "active",
        "experimental": False,
        "subjectType": ["Patient"],
        "publisher": "spine-screen",
        "language": "en",
        "description": "Answers are a screening suggestion only, never a diagnosis: the doctor decides.",
        "item": [
            {
                "linkId": group_link_id(step),
                "type": "group",
                **translated(step.title, languages, translate),
                "item": [item(question, languages, translate) for question in step.questions],
            }
            for step in STEPS
        ],
    }


def items_by_link_id(resource: dict) -> dict[str, dict]:
    """Every item of a Questionnaire (or response), nested ones too, by linkId."""
    found: dict[str, dict] = {}
    for entry in resource.get("item", []):
        found[entry["linkId"]] = entry
        found.update(items_by_link_id(entry))
    return found
