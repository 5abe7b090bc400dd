"""The Check your answers page's content: every answer in plain words with its Change link."""

from datetime import date

from flask import url_for
from flask_babel import format_date, get_translations
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from rules.questions import STEPS, value_words
from rules.schema import LONG_TEXT, TEXT
from screening.patient import flow

NOT_GIVEN = _l("Not given")
# Day, month in words, year, in the patient's language ("27 March 1948", "27 مارس 1948"), never %B.
DATE_PATTERN = "d MMMM y"


def answer_words(name: str, value: object) -> str:
    """An answer as the patient reads it back, in their language (dates spelt out, blanks "Not given")."""
    if name == "date_of_birth":
        return format_date(date.fromisoformat(value), DATE_PATTERN)
    if value == "":
        return str(NOT_GIVEN)
    return value_words(name, value, get_translations())


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
                    "label": _(question.text),
                    "summary": _(question.summary),
                    "value": answer_words(question.name, value) if question.name in saved else str(NOT_GIVEN),
                    "change": f"{change}#{flow.anchor(question)}",
                    "error": errors.get(question.name, ""),
                    # What the patient typed is shown as typed, isolated from the page's direction.
                    "typed": question.kind in (TEXT, LONG_TEXT),
                }
            )
        if rows:
            sections.append({"slug": step.slug, "title": _(step.title), "rows": rows})
    return sections
