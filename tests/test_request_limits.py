"""Anti-automation (issue 13.5): per-address limits on drafts and sends, and a honeypot field."""

import threading

import pytest

from screening import ConfigError, create_app
from screening.extensions import db
from screening.models import Draft, Submission
from tests.helpers import NEUTRAL, PATIENT, count, page_csrf_token
from tests.patient_walk import STEP_URLS, answer_all_steps, post_step, send, step_fields
from tests.production import patient_walk


@pytest.fixture
def limited(database_url):
    """The app with small limits: 3 drafts and 2 sends per address and hour."""
    config = {"TESTING": True, "SECRET_KEY": "k", "SQLALCHEMY_DATABASE_URI": database_url}
    app = create_app(
        {**config, "DATABASE_SCHEMA": "create_all", "DRAFTS_PER_HOUR": 3, "SUBMISSIONS_PER_HOUR": 2}
    )
    yield app
    with app.app_context():
        db.engine.dispose()


def test_regression_issue_13_5_one_address_cannot_start_drafts_without_end(limited):
    """Regression (issue 13.5): one address created 3,000 drafts in 14 seconds."""
    answers = []
    for _ in range(4):
        client = limited.test_client()
        answers.append(post_step(client, 0, step_fields(0, NEUTRAL, PATIENT)))
    assert [response.status_code for response in answers] == [303, 303, 303, 429]
    refused = answers[-1]
    assert 0 < int(refused.headers["Retry-After"]) <= 3601
    assert "as many questionnaires as the clinic accepts in an hour" in refused.get_data(as_text=True)
    assert "call 112 now" in refused.get_data(as_text=True)
    assert count(limited, Draft) == 3
    # Another address is not affected.
    other = limited.test_client()
    response = post_step(other, 0, step_fields(0, NEUTRAL, PATIENT), environ={"REMOTE_ADDR": "10.1.2.3"})
    assert response.status_code == 303


def test_regression_issue_13_5_one_address_cannot_send_without_end(limited, monkeypatch):
    """Regression (issue 13.5): one address stored 300 fake urgent submissions in 9 seconds."""
    limited.config["DRAFTS_PER_HOUR"] = 0
    statuses = []
    for _ in range(3):
        client = limited.test_client()
        answer_all_steps(client, NEUTRAL, PATIENT)
        statuses.append(send(client).status_code)
    assert statuses == [303, 303, 429]
    assert count(limited, Submission) == 2


def test_a_filled_honeypot_is_refused_and_nothing_is_saved(client, app):
    page = client.get(STEP_URLS[0]).get_data(as_text=True)
    assert 'name="website"' in page and 'tabindex="-1"' in page
    fields = {**step_fields(0, NEUTRAL, PATIENT), "website": "http://spam.example"}
    response = client.post(STEP_URLS[0], data={"csrf_token": page_csrf_token(page), **fields})
    assert response.status_code == 429
    assert count(app, Draft) == 0


@pytest.mark.parametrize("value", ["-1", "lots", "100001"])
def test_a_bad_limit_setting_stops_the_start(value):
    with pytest.raises(ConfigError, match=r"SUBMISSIONS_PER_HOUR .* must be a whole number from 0"):
        create_app(
            {"TESTING": True, "SECRET_KEY": "k", "DATABASE_SCHEMA": "none", "SUBMISSIONS_PER_HOUR": value}
        )


def test_the_send_limit_holds_across_workers_under_concurrent_sends(serve):
    """Eight patients from one address send at once to `screening serve` (2 workers): exactly 5 land."""
    running = serve(SUBMISSIONS_PER_HOUR="5")
    results: list = []
    start = threading.Barrier(8)

    def one_patient() -> None:
        try:
            patient_walk(running.url, timeout=30, before_send=start.wait)
            results.append("sent")
        except Exception as error:
            results.append(getattr(error, "code", repr(error)))

    threads = [threading.Thread(target=one_patient) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(results, key=str) == sorted(["sent"] * 5 + [429] * 3, key=str), results
    assert count(running.app, Submission) == 5
