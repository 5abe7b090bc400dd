"""Shared fixtures: an app on a temporary SQLite database, its clients, and answer builders."""

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


@pytest.fixture
def app(tmp_path):
    """The app on a fresh SQLite file, with CSRF protection on as in production."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret-key",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'test.sqlite'}",
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
