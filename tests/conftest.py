"""Shared fixtures: the app on SQLite and on PostgreSQL, its clients, staff sign-in, answer builders."""

import uuid

import pytest

from screening import create_app
from screening.extensions import db
from tests.postgres import ThrowawayPostgres

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


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """A fresh empty database: an SQLite file, or a database on the run's throw-away PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite'}"
        return
    server = request.getfixturevalue("postgres")
    name = f"t_{uuid.uuid4().hex[:12]}"
    yield server.create_database(name)
    server.drop_database(name)


@pytest.fixture
def app(database_url):
    """The app on a fresh database of each kind, with CSRF protection on as in production."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret-key",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "DATABASE_SCHEMA": "create_all",
        }
    )
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def postgres():
    """A throw-away PostgreSQL server for the whole run, stopped and removed at the end."""
    server = ThrowawayPostgres().init()
    yield server
    server.destroy()


# Staff sign-in for tests: a known password and TOTP secret, both steps done with a real pyotp code.
STAFF_PASSWORD = "plum violin harbour 47"
STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def csrf_token(client, path: str) -> str:
    """The CSRF token from the form on the page at `path` (GET)."""
    import re

    html = client.get(path).get_data(as_text=True)
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, f"no CSRF token in the page at {path}"
    return found.group(1)


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
