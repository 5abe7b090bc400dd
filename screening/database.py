"""The database schema: Alembic migrations at start-up and by `init-db`; SQLite tuned for several workers."""

from pathlib import Path

import click
import flask_migrate
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import event

from screening.extensions import db, migrate

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def register_tables() -> None:
    """Import every module that declares tables, so the metadata (and Alembic) sees them all."""
    import screening.alerts.outbox
    import screening.models
    import screening.request_limits
    import screening.staff.tables
    import screening.tablets  # noqa: F401


def set_up_schema() -> None:
    """Bring the schema up to date as the DATABASE_SCHEMA setting says."""
    register_tables()
    how = current_app.config["DATABASE_SCHEMA"]
    if how == "migrate":
        flask_migrate.upgrade(directory=str(MIGRATIONS))
    elif how == "create_all":
        # Only for the test suite's throw-away databases: faster, and test_migrations proves
        # that the migrations build exactly this schema.
        db.create_all()


@click.command("init-db")
@with_appcontext
def init_db_command() -> None:
    """Create or upgrade the database tables to the latest migration."""
    register_tables()
    flask_migrate.upgrade(directory=str(MIGRATIONS))
    click.echo("Database ready.")


def _sqlite_pragmas(busy_timeout_ms: int):
    def set_pragmas(connection, _record) -> None:
        # WAL lets readers run beside a writer; the busy timeout makes concurrent writers from
        # several worker processes wait for the lock instead of failing at once.
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return set_pragmas


def init_app(app: Flask) -> None:
    """Register the commands, tune SQLite for several workers, and bring the schema up to date."""
    app.cli.add_command(init_db_command)
    # Batch mode lets Alembic alter SQLite tables, which have almost no ALTER TABLE.
    migrate.init_app(app, db, directory=str(MIGRATIONS), render_as_batch=True)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            event.listen(db.engine, "connect", _sqlite_pragmas(app.config["SQLITE_BUSY_TIMEOUT_MS"]))
        set_up_schema()
