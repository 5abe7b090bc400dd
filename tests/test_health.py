"""Liveness and readiness endpoints, and the SQLite settings for several worker processes."""

from sqlalchemy import text

from screening.extensions import db


def test_healthz_answers_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_readyz_reports_the_database_reachable(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json()["database"] == "ok"


def test_readyz_is_503_when_the_database_cannot_be_opened(tmp_path):
    from screening import create_app

    app = create_app(
        {"TESTING": True, "SECRET_KEY": "k", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.sqlite"}
    )
    with app.app_context():
        db.engine.dispose()
    # The directory disappears under the running app, as a lost network mount would.
    (tmp_path / "x.sqlite").unlink()
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"x.sqlite{suffix}").unlink(missing_ok=True)
    tmp_path.rmdir()
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "database": "unreachable"}


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    from screening import create_app

    app = create_app(
        {"TESTING": True, "SECRET_KEY": "k", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/wal.sqlite"}
    )
    with app.app_context():
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA busy_timeout")).scalar() == 15000
