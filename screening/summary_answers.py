"""A summary's answers in plain words, from stored JSON of any schema version (never re-validated)."""

from datetime import date

from babel.dates import format_date

from rules.checks import age_on
from rules.questions import QUESTIONS, STEPS, value_words
from rules.schema import LONG_TEXT
from rules.words import ENGLISH, N_, Translator

# The patient's own details head the summary; the other steps are listed as question → answer.
HEADER_STEP = "about-you"
NOT_ANSWERED = N_("Not answered")
NAME_NOT_GIVEN = N_("Name not given")
EARLIER_VERSION = N_("Other answers (from an earlier version of the questionnaire)")
LONG_ANSWER_CHARS = 60
LONG_ANSWER_LINES = 3
MAX_FREE_TEXT_LINES = 8


def patient_values(answers: dict, today: date, words: Translator = ENGLISH, language: str = "en") -> dict:
    """Name, date of birth, age and phone as printed; whatever was stored, missing parts left blank."""
    patient = answers.get("patient") if isinstance(answers.get("patient"), dict) else {}
    born = _date(patient.get("date_of_birth"))
    return {
        "full_name": str(patient.get("full_name") or words.gettext(NAME_NOT_GIVEN)),
        # Month names in the summary's language (Babel), never strftime's %b.
        "date_of_birth": format_date(born, "dd MMM y", locale=language)
        if born
        else str(patient.get("date_of_birth") or ""),
        "age": age_on(born, today) if born else None,
        "phone": str(patient.get("phone") or ""),
    }


def answer_sections(answers: dict, words: Translator = ENGLISH) -> list[dict]:
    """One section per summary heading of today's questionnaire, then any stored answer it no longer asks."""
    grouped: dict[str, list[dict]] = {}
    for step in STEPS:
        if step.slug == HEADER_STEP:
            continue
        for q in step.questions:
            shown = (
                _words(q.name, answers[q.name], words) if q.name in answers else words.gettext(NOT_ANSWERED)
            )
            grouped.setdefault(words.gettext(step.section), []).append(
                _answer(q.name, words.gettext(q.summary), shown)
            )
    sections = [{"title": title, "answers": rows} for title, rows in grouped.items()]
    retired = [name for name in answers if name != "patient" and name not in QUESTIONS]
    if retired:
        rows = [_answer(name, _humanised(name), value_words(name, answers[name], words)) for name in retired]
        sections.append({"title": words.gettext(EARLIER_VERSION), "answers": rows})
    return sections


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _humanised(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _answer(name: str, question: str, words: str) -> dict:
    # Past this length free text reads badly in a half-width column: it is printed full width.
    question_kind = QUESTIONS[name].kind if name in QUESTIONS else ""
    long = question_kind == LONG_TEXT and (
        len(words) > LONG_ANSWER_CHARS or words.count("\n") >= LONG_ANSWER_LINES
    )
    # What the patient typed is printed as typed, its direction its own (`typed`: <bdi> in the PDF).
    return {
        "name": name,
        "question": question,
        "answer": words,
        "long": long,
        "typed": bool(question_kind == LONG_TEXT),
    }


def _words(name: str, value: object, words: Translator = ENGLISH) -> str:
    if isinstance(value, list) and len(value) > 1:
        # One choice per line: a comma list of capitalised labels is hard to scan.
        return "\n".join(value_words(name, [item], words) for item in value)
    if QUESTIONS[name].kind == LONG_TEXT and isinstance(value, str) and value:
        # Keep the patient's line breaks, but a list typed one word per line must not fill pages.
        lines = [line.strip() for line in value.splitlines() if line.strip()]
        return "\n".join(lines) if len(lines) <= MAX_FREE_TEXT_LINES else " / ".join(lines)
    return value_words(name, value, words)
