"""The checks the answer schema's fields run beyond their declared limits: characters, dates, repeats."""

import re
from datetime import date

from rules import problems as kinds
from rules.problems import custom, shown

MAX_AGE_YEARS = 120

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_EXCEPT_NEWLINE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Embeddings, overrides and isolates (and the invisible marks) reorder how a name reads on screen
# ("nnA exe.png"); ordinary Arabic or Hebrew letters need none of them (issue 13.7).
_DIRECTION_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Arabic-Indic (U+0660-0669) and Eastern Arabic-Indic (U+06F0-06F9, Persian and Urdu) digits, as typed
# on an Arabic or Persian phone keyboard, read as the ASCII digits they are (issue 11.4).
_TO_ASCII_DIGITS = str.maketrans(
    {**{0x0660 + n: str(n) for n in range(10)}, **{0x06F0 + n: str(n) for n in range(10)}}
)


def ascii_digits(text: str) -> str:
    """The text with every Arabic-Indic and Eastern Arabic-Indic digit replaced by its ASCII digit."""
    return text.translate(_TO_ASCII_DIGITS)


def whole_number(text: str, most_digits: int) -> int | None:
    """A whole number typed in any of the three digit sets (at most `most_digits` digits), else None."""
    digits = ascii_digits(text.strip())
    if digits and len(digits) <= most_digits and digits.isascii() and digits.isdigit():
        return int(digits)
    return None


def no_control(value: str) -> str:
    """Refuse control characters (a name or a phone number is one line)."""
    if _CONTROL.search(value):
        raise custom(kinds.CONTROL_CHARACTERS)
    return value


def no_direction_controls(value: str) -> str:
    """Refuse bidi embeddings, overrides, isolates and marks, which can make a name read reversed."""
    if _DIRECTION_CONTROLS.search(value):
        raise custom(kinds.DIRECTION_CONTROLS)
    return value


def unix_newlines(value: object) -> object:
    """Line breaks as LF (a textarea posts CRLF); anything not text is left for the type check."""
    # Browsers send a textarea's line breaks as CRLF: stored as LF, and counted as one character.
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


def no_control_except_newline(value: str) -> str:
    """Refuse control characters other than line breaks and tabs (multi-line answers)."""
    if _CONTROL_EXCEPT_NEWLINE.search(value):
        raise custom(kinds.CONTROL_CHARACTERS)
    return value


def iso_date(value: object) -> object:
    """A date from YYYY-MM-DD text, or the problem NOT_A_DATE."""
    if isinstance(value, date):
        return value
    try:
        if not (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise custom(kinds.NOT_A_DATE) from None


def lived(born: date) -> date:
    """A birth date that is not in the future and gives an age of at most MAX_AGE_YEARS."""
    today = date.today()
    if born > today:
        raise custom(kinds.IN_THE_FUTURE)
    if age_on(born, today) > MAX_AGE_YEARS:
        raise custom(kinds.TOO_OLD, max_age=MAX_AGE_YEARS)
    return born


def unique(items: list) -> list:
    """A list in which no value appears twice."""
    seen = set()
    for item in items:
        if item in seen:
            raise custom(kinds.DUPLICATE, value=shown(item))
        seen.add(item)
    return items


def age_on(born: date, day: date) -> int:
    """Age in whole years on `day`."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
