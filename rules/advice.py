"""What a patient is told when an answer is urgent: the urgent symptoms, in the questionnaire's words."""

from rules import tables
from rules.questions import QUESTIONS


def _labels(symptoms) -> list[str]:
    labels = dict(QUESTIONS["nerve_symptoms"].choices)
    return [labels[symptom] for symptom in labels if symptom in symptoms]


def urgent_symptoms_reported(nerve_symptoms, version: str | None = None) -> list[str]:
    """The urgent symptoms the patient reported, in the question's own words, in question order."""
    urgent = tables.load(version).URGENT_SYMPTOMS
    return _labels([symptom for symptom in nerve_symptoms or () if symptom in urgent])


def urgent_symptoms_to_watch_for(version: str | None = None) -> list[str]:
    """Every symptom that calls for emergency care, in the question's own words (for "if things change")."""
    return _labels(tables.load(version).URGENT_SYMPTOMS)
