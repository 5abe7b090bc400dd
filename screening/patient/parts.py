"""Answers typed in several boxes: a date as day, month and year; a duration in weeks or months."""

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import Form, RadioField, SelectChoice, StringField

from rules.checks import ascii_digits, whole_number

# Problems only these boxes can have (the schema sees a whole date or a number of weeks, or none).
DATE_INCOMPLETE = "date_incomplete"
DATE_NOT_NUMBERS = "date_not_numbers"
YEAR_NOT_FOUR_DIGITS = "year_not_four_digits"
NOT_A_REAL_DATE = "not_a_real_date"
DURATION_NOT_A_NUMBER = "duration_not_a_number"
DURATION_TOO_LONG = "duration_too_long"
WEEKS_PER_MONTH = 52 / 12
UNITS = (SelectChoice("weeks", _l("Weeks")), SelectChoice("months", _l("Months")))


class DateParts(Form):
    """Day, month and year boxes, posted as date_of_birth-day, date_of_birth-month, date_of_birth-year."""

    day = StringField(_l("Day"))
    month = StringField(_l("Month"))
    year = StringField(_l("Year"))


class DurationParts(Form):
    """How long, as a number and a unit the patient chooses (posted as pain_weeks-amount, -unit)."""

    amount = StringField(_l("Number"))
    unit = RadioField(_l("Weeks or months"), choices=UNITS, default="weeks", validate_choice=False)


def date_from_parts(parts: dict) -> tuple[str | None, str | None]:
    """The ISO date the three boxes give, or the kind of problem with them (both None: left empty)."""
    # Arabic-Indic digits read as ASCII: a date typed ٢٧ ٣ ١٩٤٨ is stored as 1948-03-27.
    texts = [ascii_digits(str(parts.get(key) or "").strip()) for key in ("day", "month", "year")]
    if not any(texts):
        return None, None
    if not all(texts):
        return None, DATE_INCOMPLETE
    if not all(text.isascii() and text.isdigit() and len(text) <= 4 for text in texts):
        return None, DATE_NOT_NUMBERS
    if len(texts[2]) != 4:
        return None, YEAR_NOT_FOUR_DIGITS
    try:
        return date(int(texts[2]), int(texts[1]), int(texts[0])).isoformat(), None
    except ValueError:
        return None, NOT_A_REAL_DATE


def date_parts(iso: str) -> dict:
    """A stored ISO date as the three boxes show it."""
    born = date.fromisoformat(iso)
    return {"day": str(born.day), "month": str(born.month), "year": str(born.year)}


def weeks_from_parts(parts: dict, most_weeks: int) -> tuple[int | None, str | None]:
    """Whole weeks from an amount of weeks or months (months count 52/12 weeks, whole weeks kept)."""
    text = str(parts.get("amount") or "").strip()
    if not text:
        return None, None
    amount = whole_number(text, most_digits=4)
    if amount is None:
        return None, DURATION_NOT_A_NUMBER
    weeks = int(amount * WEEKS_PER_MONTH) if parts.get("unit") == "months" else amount
    return (weeks, None) if weeks <= most_weeks else (None, DURATION_TOO_LONG)


def duration_parts(weeks: int) -> dict:
    """Stored weeks as the boxes show them (always in weeks: what was stored)."""
    return {"amount": str(weeks), "unit": "weeks"}
