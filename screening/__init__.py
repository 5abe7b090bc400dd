"""The spine-screen web app: create_app builds it from defaults, environment and test config."""

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


class ConfigError(click.ClickException):
    """A setting the app cannot start without; click prints it as a plain message."""


def create_app(test_config: dict | None = None) -> "Flask":
    """Build the app: defaults, then environment, then test config, then extensions and blueprints."""
    # Imported here so that `screening evaluate` and `screening pdf` start without loading Flask.
    from flask import Flask

    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(
        SECRET_KEY=os.environ.get("SECRET_KEY"),
        SQLALCHEMY_DATABASE_URI=os.environ.get("DATABASE_URL")
        or f"sqlite:///{Path(app.instance_path) / 'screening.sqlite'}",
        # A pooled connection is checked before use, so a database restart costs no failed request.
        SQLALCHEMY_ENGINE_OPTIONS={"pool_pre_ping": True},
        # "migrate" runs the Alembic migrations at start; "create_all" is for throw-away test databases.
        DATABASE_SCHEMA="migrate",
        CLINIC_TIMEZONE=os.environ.get("CLINIC_TIMEZONE", "UTC"),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=os.environ.get("SESSION_COOKIE_SECURE", "") == "1",
        # How many reverse proxies stand in front: their X-Forwarded-* headers are trusted, no more.
        PROXY_COUNT=int(os.environ.get("PROXY_COUNT", "0")),
    )
    if test_config is not None:
        app.config.update(test_config)
    if not app.config["SECRET_KEY"]:
        if not app.debug:
            raise ConfigError(
                "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
                "value (for example: python -c 'import secrets; print(secrets.token_hex(32))'), "
                "or start with --debug for local development."
            )
        app.config["SECRET_KEY"] = os.urandom(32).hex()
    if app.config["PROXY_COUNT"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    from screening.extensions import csrf, db

    db.init_app(app)
    csrf.init_app(app)

    from screening import database, health, patient, security, staff

    database.init_app(app)
    app.register_blueprint(health.bp)
    security.init_app(app)
    patient.init_app(app)
    staff.init_app(app)
    return app
