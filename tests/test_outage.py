"""A database outage while a patient sends: 503 with a friendly page, answers kept, one row after retry."""

import re
import sqlite3
import uuid

import pytest
from sqlalchemy import func, select

from rules.questions import STEPS
from screening import create_app
from screening.extensions import db
from screening.models import Draft, Submission
from tests.helpers import PATIENT, count, neutral, page_csrf_token
from tests.patient_walk import REVIEW_URL, STEP_URLS, post_step, step_fields

ANSWERS = neutral(nerve_symptoms=["weakness"])
LAST = len(STEP_URLS) - 1


@pytest.fixture
def pg_app(postgres):
    """The app on its own PostgreSQL database, whose server the test stops and starts again."""
    name = f"o_{uuid.uuid4().hex[:10]}"
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "outage-key",
            "SQLALCHEMY_DATABASE_URI": postgres.create_database(name),
        }
    )
    yield app
    with app.app_context():
        db.engine.dispose()
    postgres.drop_database(name)


def answer_steps_before_the_last(client) -> None:
    for index in range(LAST):
        assert post_step(client, index, step_fields(index, ANSWERS, PATIENT)).status_code == 303


def sent(app) -> int:
    """How many submissions were sent by their patient (not only stored early as urgent)."""
    with app.app_context():
        return db.session.scalar(select(func.count()).where(Submission.complete.is_(True)))


def test_sending_during_an_outage_is_503_keeps_the_draft_and_a_retry_stores_one_row(pg_app, postgres):
    client = pg_app.test_client()
    answer_steps_before_the_last(client)
    assert post_step(client, LAST, step_fields(LAST, ANSWERS, PATIENT)).status_code == 303
    token = page_csrf_token(client.get(REVIEW_URL).text)

    postgres.stop("immediate")
    try:
        failed = client.post(REVIEW_URL, data={"csrf_token": token})
        assert failed.status_code == 503
        assert failed.headers["Retry-After"] == "30"
        assert "could not save your answers" in failed.text
        assert "Traceback" not in failed.text
        # The page offers to send again, with a working token: the answers are still in the draft.
        assert 'action="/check-answers"' in failed.text
        assert client.get("/readyz").status_code == 503
    finally:
        postgres.start()

    # Only the row stored early for the urgent answer exists, still unfinished; the draft is kept.
    assert (count(pg_app, Submission), count(pg_app, Draft), sent(pg_app)) == (1, 1, 0)
    retried = client.post(
        REVIEW_URL, data={"csrf_token": page_csrf_token(failed.text)}, follow_redirects=True
    )
    assert retried.status_code == 200
    assert "Seek emergency care today" in retried.text
    assert (count(pg_app, Submission), count(pg_app, Draft), sent(pg_app)) == (1, 0, 1)
    assert client.get("/readyz").status_code == 200


def test_the_last_step_posted_during_an_outage_is_shown_again_as_filled_in(pg_app, postgres):
    client = pg_app.test_client()
    answer_steps_before_the_last(client)
    page = client.get(STEP_URLS[LAST])
    fields = step_fields(LAST, neutral(can_lie_flat="no", escort_home="no"), PATIENT)

    postgres.stop("immediate")
    try:
        failed = client.post(STEP_URLS[LAST], data={"csrf_token": page_csrf_token(page.text), **fields})
        assert failed.status_code == 503
        assert "could not save your answers" in failed.text
        # Both "No" answers the patient just chose are still selected.
        checked = re.findall(r"<input[^>]*checked[^>]*>", failed.text)
        assert len(checked) == 2
        assert all('value="no"' in tag for tag in checked)
    finally:
        postgres.start()

    retried = client.post(STEP_URLS[LAST], data={"csrf_token": page_csrf_token(failed.text), **fields})
    assert retried.status_code == 303
    sent = client.post(REVIEW_URL, data={"csrf_token": page_csrf_token(client.get(REVIEW_URL).text)})
    assert sent.status_code == 303
    assert count(pg_app, Submission) == 1


def test_other_pages_during_an_outage_are_a_friendly_503(pg_app, postgres):
    patient = pg_app.test_client()
    answer_steps_before_the_last(patient)
    staff = pg_app.test_client()
    token = page_csrf_token(staff.get("/staff/login").text)

    postgres.stop("immediate")
    try:
        reload = patient.get(STEP_URLS[LAST])
        assert reload.status_code == 503
        assert f'href="/questions/{STEPS[-1].slug}"' in reload.text
        sign_in = staff.post(
            "/staff/login", data={"csrf_token": token, "email": "a@clinic.example", "password": "x" * 12}
        )
        assert sign_in.status_code == 503
        assert "Sorry, the service is busy" in sign_in.text
        assert "Traceback" not in reload.text + sign_in.text
    finally:
        postgres.start()
    assert patient.get(STEP_URLS[LAST]).status_code == 200


def test_sqlite_locked_past_its_timeout_is_503_and_the_step_is_kept(tmp_path):
    path = tmp_path / "locked.sqlite"
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "lock-key",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
            "SQLITE_BUSY_TIMEOUT_MS": 200,
        }
    )
    client = app.test_client()
    page = client.get(STEP_URLS[0])
    fields = step_fields(0, ANSWERS, PATIENT)
    # Another process holds the write lock for longer than the timeout.
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        locked = client.post(STEP_URLS[0], data={"csrf_token": page_csrf_token(page.text), **fields})
        assert locked.status_code == 503
        assert "could not save your answers" in locked.text
        assert 'value="Maria Lopez"' in locked.text
    finally:
        other.execute("ROLLBACK")
        other.close()
    retried = client.post(STEP_URLS[0], data={"csrf_token": page_csrf_token(locked.text), **fields})
    assert retried.status_code == 303
    with app.app_context():
        db.engine.dispose()
