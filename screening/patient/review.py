"""The Check your answers page's content: every answer in plain words with its Change link."""

from datetime import date

from flask import url_for

from rules.questions import STEPS, value_words
from screening.patient import flow

NOT_GIVEN = "Not given"


def answer_words(name: str, value: object) -> str:
    """An answer as the patient reads it back (dates spelt out, blanks as "Not given")."""
    if name == "date_of_birth":
        born = date.fromisoformat(value)
        return f"{born.day} {born:%B} {born.year}"
    if value == "":
        return NOT_GIVEN
    return value_words(name, value)


def answer_rows(saved: dict, errors: dict[str, str]) -> list[dict]:
    """One section per step, one row per question: label, answer, Change link, any problem."""
    sections = []
    for step in STEPS:
        rows = []
        for question in (q for q in step.questions if q.applies(saved)):
            change = url_for("patient.answer_step", slug=step.slug, change=flow.REVIEW)
            value = saved.get(question.name)
            rows.append(
                {
                    "name": question.name,
                    "label": question.text,
                    "summary": question.summary,
                    "value": answer_words(question.name, value) if question.name in saved else NOT_GIVEN,
                    "change": f"{change}#{flow.anchor(question)}",
                    "error": errors.get(question.name, ""),
                }
            )
        if rows:
            sections.append({"slug": step.slug, "title": step.title, "rows": rows})
    return sections
