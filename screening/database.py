"""Creating the schema: the init-db command, and automatically on first start."""

import click
from flask import Flask
from flask.cli import with_appcontext

from screening.extensions import db


def create_schema() -> None:
    """Create every table that does not exist yet."""
    import screening.models  # noqa: F401  (registers the tables)

    db.create_all()


@click.command("init-db")
@with_appcontext
def init_db_command() -> None:
    """Create the database tables."""
    create_schema()
    click.echo("Database ready.")


def init_app(app: Flask) -> None:
    """Register the command and make sure the schema exists."""
    app.cli.add_command(init_db_command)
    with app.app_context():
        create_schema()
