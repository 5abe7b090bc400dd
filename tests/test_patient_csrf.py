"""CSRF on the questionnaire: every POST needs the token, which never expires; a stale step is re-shown."""

import re
import time

import itsdangerous.timed

from screening.models import Draft, Submission
from tests.helpers import NEUTRAL, PATIENT, count, page_csrf_token
from tests.patient_walk import REVIEW_URL, STEP_URLS, answer_all_steps, post_step, step_fields


def test_a_step_posted_without_the_token_is_refused_and_reshown_with_the_answers(client, app):
    client.get(STEP_URLS[0])
    response = client.post(STEP_URLS[0], data=step_fields(0, NEUTRAL, PATIENT))
    assert response.status_code == 400
    page = response.text
    assert "for your security it was not sent" in page and 'role="alert"' in page
    assert 'value="Maria Lopez"' in page and 'value="27"' in page
    assert "<h1>About you</h1>" in page and page_csrf_token(page)
    assert count(app, Draft) == 0


def test_a_step_with_a_forged_token_is_refused(client, app):
    client.get(STEP_URLS[0])
    response = client.post(STEP_URLS[0], data={"csrf_token": "forged", **step_fields(0, NEUTRAL, PATIENT)})
    assert response.status_code == 400
    assert count(app, Draft) == 0


def test_the_reshown_step_can_then_be_sent(client, app):
    client.get(STEP_URLS[0])
    refused = client.post(STEP_URLS[0], data=step_fields(0, NEUTRAL, PATIENT))
    response = client.post(
        STEP_URLS[0], data={"csrf_token": page_csrf_token(refused.text), **step_fields(0, NEUTRAL, PATIENT)}
    )
    assert response.status_code == 303
    assert count(app, Draft) == 1


def test_sending_without_the_token_stores_nothing_and_shows_the_answers_again(client, app):
    answer_all_steps(client, NEUTRAL, PATIENT)
    response = client.post(REVIEW_URL, data={})
    assert response.status_code == 400
    assert "Check your answers" in response.text and "Maria Lopez" in response.text
    assert count(app, Submission) == 0 and count(app, Draft) == 1


def test_a_token_from_hours_ago_is_still_accepted(client, app, monkeypatch):
    # A patient who paused for two hours (Flask-WTF's default limit is one hour).
    real_time = time.time
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: real_time() - 2 * 3600)
    token = page_csrf_token(client.get(STEP_URLS[0]).text)
    monkeypatch.setattr(itsdangerous.timed.time, "time", real_time)
    response = client.post(STEP_URLS[0], data={"csrf_token": token, **step_fields(0, NEUTRAL, PATIENT)})
    assert response.status_code == 303
    assert app.config["WTF_CSRF_TIME_LIMIT"] is None


def test_start_again_without_the_token_gets_the_friendly_page_not_a_500(client):
    post_step(client, 0, step_fields(0, NEUTRAL, PATIENT))
    response = client.post("/start-again")
    assert response.status_code == 400
    assert "Your session has expired" in response.text
    assert re.search(r"Traceback|Internal Server Error", response.text) is None
