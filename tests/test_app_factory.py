"""The app factory: configuration defaults and refusing to start without a secret key."""

import pytest
from sqlalchemy import inspect

from screening import ConfigError, create_app
from screening.extensions import db


def test_refuses_to_start_without_secret_key_outside_debug(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY is not set"):
        create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite'}"})


def test_default_database_is_sqlite_in_instance_folder(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("SECRET_KEY", "k")
    # DATABASE_SCHEMA "none": the real instance folder's database is never opened by this test.
    app = create_app({"TESTING": True, "DATABASE_SCHEMA": "none"})
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("instance/screening.sqlite")


def test_init_db_command_migrates_an_empty_database_and_can_run_again(database_url):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "k",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "DATABASE_SCHEMA": "none",
        }
    )
    for _run in range(2):
        result = app.test_cli_runner().invoke(args=["init-db"])
        assert result.exit_code == 0, result.output
        assert "Database ready" in result.output
    with app.app_context():
        assert {"submissions", "drafts", "staff_users", "audit_log"} <= set(
            inspect(db.engine).get_table_names()
        )
        db.engine.dispose()


@pytest.mark.parametrize("zone", ["Mars/Olympus", "../etc/passwd", ""])
def test_refuses_to_start_with_an_unknown_clinic_timezone(zone):
    with pytest.raises(ConfigError, match=r"CLINIC_TIMEZONE .* is not a time zone"):
        create_app({"SECRET_KEY": "k", "CLINIC_TIMEZONE": zone, "DATABASE_SCHEMA": "none"})


@pytest.mark.parametrize("count", ["abc", "-1", "9", "1.5"])
def test_refuses_to_start_with_a_malformed_proxy_count(count):
    with pytest.raises(ConfigError, match=r"PROXY_COUNT .* must be a whole number from 0 to 5"):
        create_app({"SECRET_KEY": "k", "PROXY_COUNT": count, "DATABASE_SCHEMA": "none"})
