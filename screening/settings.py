"""The app's settings: defaults from the environment, and the checks that refuse a bad start."""

import os
from pathlib import Path

import click


class ConfigError(click.ClickException):
    """A setting the app cannot start with; click prints it as a plain message."""


def defaults(instance_path: str) -> dict:
    """The settings, each from its environment variable where one is set."""
    return {
        "SECRET_KEY": os.environ.get("SECRET_KEY"),
        "SQLALCHEMY_DATABASE_URI": os.environ.get("DATABASE_URL")
        or f"sqlite:///{Path(instance_path) / 'screening.sqlite'}",
        # A pooled connection is checked before use, so a database restart costs no failed request.
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        # "migrate" runs the Alembic migrations at start; "create_all" is for throw-away test databases.
        "DATABASE_SCHEMA": "migrate",
        # How long an SQLite writer waits for another worker's lock before giving up (then: 503).
        "SQLITE_BUSY_TIMEOUT_MS": 15000,
        "CLINIC_TIMEZONE": os.environ.get("CLINIC_TIMEZONE", "UTC"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": os.environ.get("SESSION_COOKIE_SECURE", "") == "1",
        # How many reverse proxies stand in front: their X-Forwarded-* headers are trusted, no more.
        "PROXY_COUNT": os.environ.get("PROXY_COUNT", "0"),
    }


def check(config: dict, *, debug: bool) -> None:
    """Refuse to start on a missing or malformed setting, naming it and what is allowed."""
    if not config["SECRET_KEY"]:
        if not debug:
            raise ConfigError(
                "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
                "value (for example: python -c 'import secrets; print(secrets.token_hex(32))'), "
                "or start with --debug for local development."
            )
        config["SECRET_KEY"] = os.urandom(32).hex()
    # The one check of a time zone name (summary.clinic_zone), also used wherever a time is shown.
    from screening.summary import clinic_zone

    try:
        clinic_zone(config["CLINIC_TIMEZONE"])
    except ValueError:
        raise ConfigError(
            f"CLINIC_TIMEZONE {config['CLINIC_TIMEZONE']!r} is not a time zone; "
            "use an IANA name such as Europe/London or UTC."
        ) from None
    count = str(config["PROXY_COUNT"])
    if not (count.isascii() and count.isdigit() and int(count) <= 5):
        raise ConfigError(f"PROXY_COUNT {count!r} must be a whole number from 0 to 5.")
    config["PROXY_COUNT"] = int(count)
