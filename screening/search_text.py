"""Folding text for the queue's search, the same way on SQLite and PostgreSQL: no case, no accents."""

import contextlib
import re
import unicodedata
from datetime import date

_DAY_FIRST = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})")


def fold(text: str) -> str:
    """Lower case without accents: "MÜLLER" and "Müller" both become "muller"."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def digits(text: str) -> str:
    """Only the digits: "+44 (0)20 7946" becomes "4402079 46" without spaces."""
    return "".join(ch for ch in text if ch.isascii() and ch.isdigit())


def for_answers(answers: dict) -> str:
    """What the search looks through for one submission: its folded name, phone digits and birth date."""
    patient = answers.get("patient") if isinstance(answers, dict) else None
    if not isinstance(patient, dict):
        return ""
    name = fold(str(patient.get("full_name") or ""))
    phone = digits(str(patient.get("phone") or ""))
    born = str(patient.get("date_of_birth") or "")
    return " | ".join((name, phone, born))


def search_terms(query: str) -> list[str]:
    """The folded strings to look for: the words, and a date or phone number written another way.

    A date of birth may be typed 1948-03-02 or the day first, 2/3/1948 or 02.03.1948 (as European
    clinics write it); a phone number with or without spaces and brackets.
    """
    folded = fold(query)
    terms = [folded]
    matched = _DAY_FIRST.fullmatch(folded)
    if matched:
        day, month, year = (int(part) for part in matched.groups())
        with contextlib.suppress(ValueError):
            terms.append(date(year, month, day).isoformat())
    number = digits(folded)
    if len(number) >= 4 and len(number) >= len(folded.replace(" ", "")) - 4 and not matched:
        terms.append(number)
    return terms
