"""`screening export --fhir --day`: one clinic day's Bundle from the app's database, written to a file."""

import getpass
import os
import re
import secrets
from datetime import date
from pathlib import Path

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(text: str) -> date:
    """The day from YYYY-MM-DD, or ValueError naming what is allowed."""
    try:
        if not ISO_DATE.fullmatch(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"must be a real date written YYYY-MM-DD (got {text!r})") from None


def output_problem(output: str) -> str:
    """What is wrong with -o OUTPUT ("" when nothing), checked before the database is opened."""
    if output == "-":
        return ""
    path = Path(output)
    if path.is_dir():
        return f"-o {output}: is a folder; give a file name such as day.fhir.json"
    if not path.parent.resolve().is_dir():
        return f"-o {output}: folder {path.parent.resolve()} does not exist"
    if not os.access(path.parent.resolve(), os.W_OK):
        return f"-o {output}: permission denied; choose a file in a folder you can write to"
    return ""


def who() -> str:
    """Who ran the command, as the audit trail names them (there is no staff sign-in here)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown user"
    return f"{user} (command line)"


def export_day(day: date) -> tuple[str, int]:
    """The day's Bundle as FHIR JSON text and how many submissions it holds; written to the audit trail.

    The app is built from the environment (DATABASE_URL, CLINIC_TIMEZONE) as `screening serve` builds it;
    nothing is signed here, so a missing SECRET_KEY is replaced by a random one.
    """
    from screening import create_app

    app = create_app({"SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_hex(32)})
    with app.app_context():
        from screening.extensions import db
        from screening.fhir.export import BUNDLE_MAX, as_json, day_filter, day_submissions, submissions_bundle
        from screening.staff import audit
        from screening.staff.triage import queue

        total = queue.count(day_filter(day))
        if total > BUNDLE_MAX:
            raise ValueError(f"{day} has {total} submissions; a FHIR Bundle holds at most {BUNDLE_MAX}")
        submissions = day_submissions(day)
        text = as_json(submissions_bundle(submissions))
        audit.record("export", who(), [s.reference for s in submissions], detail=f"FHIR bundle of {day}")
        db.session.commit()
    return text, len(submissions)
