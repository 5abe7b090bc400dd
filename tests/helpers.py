"""Helpers shared by the tests: answer builders, staff accounts and sign-in, CSRF tokens, stored rows."""

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from rules import parse_answers
from screening.extensions import db
from screening.submissions import store_submission

NEUTRAL = {
    "fracture_confirmed": "yes",
    "cause": "osteoporosis",
    "pain_weeks": 0,
    "pain_score": 0,
    "load_pain": "no",
    "nerve_symptoms": [],
    "deformity": "no",
    "treatments_tried": ["rest"],
    "blood_thinners": "no",
    "fever_or_infection": "no",
    "pregnant": "not_applicable",
    "allergies": "",
    "can_lie_flat": "yes",
    "escort_home": "yes",
}
PATIENT = {"full_name": "Maria Lopez", "date_of_birth": "1948-03-27", "phone": "+44 20 7946 0958"}


def neutral(**changes) -> dict:
    """The spec's neutral answers (§4) with some fields changed."""
    return {**NEUTRAL, **changes}


_TOKEN = re.compile(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"')


def page_csrf_token(html: str) -> str:
    """The CSRF token rendered in a page's form."""
    found = _TOKEN.search(html)
    assert found, "no CSRF token in the page"
    return found.group(1)


def count(app, model) -> int:
    """How many rows the table of `model` holds."""
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


# Staff sign-in for tests: a known password and TOTP secret, both steps done with a real pyotp code.
STAFF_PASSWORD = "plum violin harbour 47"
STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def csrf_token(client, path: str) -> str:
    """The CSRF token from the form on the page at `path` (GET)."""
    return page_csrf_token(client.get(path).get_data(as_text=True))


def make_staff(app, email: str, role: str, *, enrolled: bool = True):
    """Create (or fetch) a staff account with STAFF_PASSWORD; enrolled with STAFF_TOTP_SECRET unless told."""
    from datetime import UTC, datetime

    from screening.staff.auth.accounts import create_staff, find_staff

    with app.app_context():
        user = find_staff(email) or create_staff(email, role, STAFF_PASSWORD)
        if enrolled:
            user.totp_secret = STAFF_TOTP_SECRET
            user.totp_confirmed_at = user.totp_confirmed_at or datetime.now(UTC)
        # Signing the same account in twice within 30 s must not trip the no-replay rule in tests.
        user.last_totp_step = 0
        db.session.commit()
        return user.id


def staff_login(client, email: str = "desk@clinic.example", role: str = "frontdesk"):
    """Create the account if needed and sign the client in through both steps; returns the last response."""
    import pyotp

    make_staff(client.application, email, role)
    token = csrf_token(client, "/staff/login")
    response = client.post(
        "/staff/login", data={"csrf_token": token, "email": email, "password": STAFF_PASSWORD}
    )
    assert response.status_code == 302 and response.location.endswith("/staff/login/code"), response.data[
        :500
    ]
    token = csrf_token(client, "/staff/login/code")
    code = pyotp.TOTP(STAFF_TOTP_SECRET).now()
    response = client.post("/staff/login/code", data={"csrf_token": token, "code": code})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return response


def store(
    app,
    *,
    name: str = "Maria Lopez",
    hours_ago: float = 0,
    born: str = "1948-03-27",
    phone: str = PATIENT["phone"],
    **changes,
) -> str:
    """Store one submission made `hours_ago` hours ago; returns its reference (8 characters, no dash)."""
    patient = {**PATIENT, "full_name": name, "date_of_birth": born, "phone": phone}
    answers = parse_answers({**neutral(**changes), "patient": patient}, require_patient=True)
    with app.app_context():
        submission = store_submission(answers)
        submission.created_at = datetime.now(UTC) - timedelta(hours=hours_ago)
        db.session.commit()
        return submission.reference


# Answer changes that give each suggestion (spec §4) and the urgent mark.
URGENT = {"nerve_symptoms": ["weakness"]}
NEUROLOGY = {"nerve_symptoms": ["numbness"]}
KYPHOPLASTY = {"deformity": "yes"}
VERTEBROPLASTY = {"load_pain": "yes"}
CONSERVATIVE: dict = {}


def queue_order(client, query: str = "") -> list[str]:
    """The references (stored form, no dash) the staff queue lists for a query string, top first."""
    html = client.get("/staff/" + query).get_data(as_text=True)
    return [ref.replace("-", "") for ref in re.findall(r'data-reference="([0-9A-Z]{4}-[0-9A-Z]{4})"', html)]
