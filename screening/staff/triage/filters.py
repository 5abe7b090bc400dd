"""The queue's filter from query parameters: validated, with a message naming each bad parameter."""

import re
from dataclasses import dataclass, replace
from datetime import date

from rules.table import SUGGESTION_LABELS, SUGGESTION_PRIORITY
from screening.staff.triage.workflow import STATUS_LABELS

STATUS_FILTERS = {"open": "Not closed", **STATUS_LABELS, "all": "All"}
SEARCH_MAX = 120
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WHOLE = re.compile(r"[0-9]{1,9}")
FIRST_YEAR, LAST_YEAR = 2000, 9998
YEARS = f"{FIRST_YEAR} to {LAST_YEAR}"


@dataclass(frozen=True)
class QueueFilter:
    """Which submissions to list: a status group, a suggestion, a search, a day submitted and a page.

    `earlier_new` adds, to a day, the earlier submissions still new ("print the day").
    """

    status: str = "open"
    suggestion: str = ""
    q: str = ""
    day: date | None = None
    page: int = 1
    earlier_new: bool = False

    def args(self, **changes) -> dict:
        """The filter as query parameters (defaults left out), with some values changed."""
        current = replace(self, **changes)
        values = {
            "status": current.status if current.status != "open" else "",
            "suggestion": current.suggestion,
            "q": current.q,
            "day": current.day.isoformat() if current.day else "",
            "page": str(current.page) if current.page != 1 else "",
            "earlier_new": "1" if current.earlier_new else "",
        }
        return {key: value for key, value in values.items() if value}


def parse_filter(args) -> tuple[QueueFilter, list[tuple[str, str]]]:
    """The filter from request.args, and a (parameter, message) for each value that is not allowed."""
    problems = []
    status = args.get("status", "").strip() or "open"
    if status not in STATUS_FILTERS:
        problems.append(("status", f"must be one of {', '.join(STATUS_FILTERS)} (got {_shown(status)})"))
        status = "open"
    suggestion = args.get("suggestion", "").strip()
    if suggestion and suggestion not in SUGGESTION_LABELS:
        allowed = ", ".join(SUGGESTION_PRIORITY)
        problems.append(("suggestion", f"must be empty (any) or one of {allowed} (got {_shown(suggestion)})"))
        suggestion = ""
    q = args.get("q", "").strip()
    if len(q) > SEARCH_MAX:
        problems.append(("q", f"the search must be at most {SEARCH_MAX} characters (it has {len(q)})"))
        q = ""
    day = None
    raw_day = args.get("day", "").strip()
    if raw_day:
        day = parse_day(raw_day)
        if day is None:
            problems.append(
                (
                    "day",
                    f"must be a real date written YYYY-MM-DD, in the years {YEARS} (got {_shown(raw_day)})",
                )
            )
    page = 1
    raw_page = args.get("page", "").strip()
    if raw_page:
        if whole_number(raw_page):
            page = int(raw_page)
        else:
            problems.append(("page", f"must be a whole number from 1 up (got {_shown(raw_page)})"))
    earlier_new = args.get("earlier_new", "").strip()
    if earlier_new not in ("", "1"):
        problems.append(("earlier_new", f"must be 1 or left out (got {_shown(earlier_new)})"))
    return QueueFilter(status, suggestion, q, day, page, earlier_new == "1"), problems


def whole_number(text: str) -> bool:
    """Whether the text is a whole number of at least 1 (a page number)."""
    return bool(_WHOLE.fullmatch(text)) and int(text) >= 1


def parse_day(text: str) -> date | None:
    """A date written YYYY-MM-DD in the years the queue can hold, or None when it is not one."""
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    # The day after 9999-12-31 does not exist: such a day cannot bound a query (issue 13.6).
    return day if FIRST_YEAR <= day.year <= LAST_YEAR else None


def _shown(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:37] + "...")
