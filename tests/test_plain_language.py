"""Plain language for an 80-year-old reader (issue 12.5), checked on the single question table: short
questions at a low reading grade, one question at a time, hints short, numbers with their units."""

import re

import pyphen
import pytest

from rules.questions import STEPS
from rules.schema import NUMBER

QUESTIONS = [question for step in STEPS for question in step.questions]
# Names of medicines cannot be made simpler; the hint that lists them is allowed a higher grade.
MEDICINE_HINTS = {"blood_thinners"}
_DICTIONARY = pyphen.Pyphen(lang="en_GB")


def words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z']+|\d+", text)


def grade(text: str) -> float:
    """Flesch-Kincaid grade, syllables counted from the hyphenation dictionary WeasyPrint already ships."""
    found = words(text)
    sentences = max(1, len(re.findall(r"[.?!]", text)))
    syllables = sum(1 if w.isdigit() else len(_DICTIONARY.positions(w)) + 1 for w in found)
    return 0.39 * len(found) / sentences + 11.8 * syllables / len(found) - 15.59


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_each_question_is_short_plain_and_asks_one_thing(question):
    text = str(question.text)
    assert grade(text) <= 6, f"{question.name}: reading grade {grade(text):.1f} for {text!r}"
    assert len(words(text)) <= 16, text
    assert text.count("?") <= 1, f"{question.name} asks more than one question: {text!r}"


@pytest.mark.parametrize("question", [q for q in QUESTIONS if q.hint], ids=lambda q: q.name)
def test_each_hint_is_short_and_plain(question):
    hint = str(question.hint)
    assert len(words(hint)) <= 25, hint
    if question.name not in MEDICINE_HINTS:
        assert grade(hint) <= 6, f"{question.name}: reading grade {grade(hint):.1f} for {hint!r}"


@pytest.mark.parametrize("question", [q for q in QUESTIONS if q.choices], ids=lambda q: q.name)
def test_each_choice_is_a_few_words(question):
    for _value, label in question.choices:
        assert len(words(str(label))) <= 10, label


@pytest.mark.parametrize("question", [q for q in QUESTIONS if q.kind == NUMBER], ids=lambda q: q.name)
def test_every_number_says_its_unit_or_scale(question):
    assert question.unit or question.scale or question.in_months_too, question.name


def test_the_phone_number_is_asked_with_a_hint_saying_why():
    (phone,) = [q for q in QUESTIONS if q.name == "phone"]
    assert "only use it to talk to you about your visit" in str(phone.hint)
