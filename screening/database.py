"""Creating the schema: the init-db command, and automatically on first start."""

from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext
from sqlalchemy import event

from screening.extensions import db, migrate

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def create_schema() -> None:
    """Create every table that does not exist yet."""
    import screening.models  # noqa: F401  (registers the tables)
    from screening.staff import tables as _staff_tables  # noqa: F401  (the staff workspace's tables)

    db.create_all()


@click.command("init-db")
@with_appcontext
def init_db_command() -> None:
    """Create the database tables."""
    create_schema()
    click.echo("Database ready.")


def _sqlite_pragmas(connection, _record) -> None:
    # WAL lets readers run beside a writer; the busy timeout makes concurrent writers from
    # several worker processes wait for the lock instead of failing at once.
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def init_app(app: Flask) -> None:
    """Register the command, tune SQLite for several workers, and make sure the schema exists."""
    app.cli.add_command(init_db_command)
    # Batch mode lets Alembic alter SQLite tables, which have almost no ALTER TABLE.
    migrate.init_app(app, db, directory=str(MIGRATIONS), render_as_batch=True)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            event.listen(db.engine, "connect", _sqlite_pragmas)
        create_schema()
