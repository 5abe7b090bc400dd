"""Shared fixtures: the app on SQLite and on PostgreSQL (a throw-away server), its clients and runner."""

import uuid

import pytest

from screening import create_app
from screening.extensions import db
from tests.postgres import ThrowawayPostgres


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
