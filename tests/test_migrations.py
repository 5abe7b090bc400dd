"""Alembic migrations: they build, on SQLite and on PostgreSQL, exactly the schema the models declare."""

import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from screening import create_app
from screening.extensions import db


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'migrated.sqlite'}"
    return request.getfixturevalue("postgres").create_database(f"m_{uuid.uuid4().hex[:10]}")


def test_upgrade_builds_the_models_schema_and_downgrade_removes_it(empty_database_url):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "k",
            "SQLALCHEMY_DATABASE_URI": empty_database_url,
            "DATABASE_SCHEMA": "migrate",
        }
    )
    with app.app_context():
        # create_app ran the migrations already; running them again is a no-op.
        upgrade()
        with db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
        assert differences == []
        assert "submissions" in inspect(db.engine).get_table_names()
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        db.engine.dispose()
