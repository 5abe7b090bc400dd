"""Shared fixtures: the app on SQLite and on PostgreSQL (a throw-away server), its clients and runner."""

import os
import signal
import subprocess
import uuid
from dataclasses import dataclass

import pytest
from flask import Flask

from screening import create_app
from screening.extensions import db
from screening.stored_pdfs import wait_for_background
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
    # A PDF rendered in the background after a submission must not outlive its database.
    wait_for_background()
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


@dataclass
class Served:
    """A running `screening serve`: its base URL, and an app on the same database to read or seed it."""

    url: str
    app: Flask


@pytest.fixture
def serve(database_url):
    """Start `screening serve` (2 workers, 4 threads) on this test's database, with extra settings.

    For concurrency proofs: real processes, real requests, on SQLite and PostgreSQL. Stopped after.
    """
    from tests.postgres import free_port
    from tests.test_serve import SCREENING, wait_for

    started: list[tuple[subprocess.Popen, Flask]] = []

    def start(**settings: str) -> Served:
        port = free_port()
        env = {**os.environ, "SECRET_KEY": "k" * 32, "DATABASE_URL": database_url, **settings}
        server = subprocess.Popen(
            [SCREENING, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        config = {"TESTING": True, "SECRET_KEY": "k", "SQLALCHEMY_DATABASE_URI": database_url}
        app = create_app({**config, "DATABASE_SCHEMA": "none"})
        started.append((server, app))
        wait_for(f"http://127.0.0.1:{port}/readyz")
        return Served(f"http://127.0.0.1:{port}", app)

    yield start
    for server, app in started:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def smtp_server():
    """A real SMTP server (aiosmtpd) on a loopback port, keeping every message it accepts."""
    from tests.listeners import SmtpServer

    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture
def webhook():
    """A loopback HTTP server that keeps the JSON of every POST (a pager or chat system's webhook)."""
    from tests.listeners import WebhookReceiver

    receiver = WebhookReceiver()
    yield receiver
    receiver.close()


@pytest.fixture
def alert_senders(database_url, tmp_path):
    """Start `screening alerts` processes on this test's database with extra settings; stopped after.

    Each one's log goes to a file in tmp_path (alerts-N.log), for a failing test to show.
    """
    from tests.test_serve import SCREENING

    started: list[tuple[subprocess.Popen, object]] = []

    def start(**settings: str) -> subprocess.Popen:
        env = {**os.environ, "SECRET_KEY": "k" * 32, "DATABASE_URL": database_url, **settings}
        log = open(tmp_path / f"alerts-{len(started)}.log", "w")  # noqa: SIM115 - closed at teardown
        process = subprocess.Popen(
            [SCREENING, "alerts", "--poll", "0.3"], env=env, stdout=log, stderr=subprocess.STDOUT
        )
        started.append((process, log))
        return process

    yield start
    for process, log in started:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        log.close()
