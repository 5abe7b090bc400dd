"""The shared-device rule (issue 12.2): answers reopened from the cookie ask "Continue as …?" first."""

from datetime import timedelta

import pytest

from screening.models import Draft, utcnow
from screening.patient.drafts import SEEN_KEY, VISIT_GAP
from tests.helpers import NEUTRAL, PATIENT, count, page_csrf_token
from tests.patient_walk import REVIEW_URL, STEP_URLS, answer_all_steps, post_step, step_fields
from tests.test_return_codes import save_for_later

ANSWERS = ("Lopez", 'value="1948"', "7946", 'value="27"')


def come_back_later(client) -> None:
    """The browser is picked up again after a pause longer than a visit (as a stranger might)."""
    with client.session_transaction() as session:
        session[SEEN_KEY] = (utcnow() - VISIT_GAP - timedelta(minutes=1)).isoformat()


def test_within_a_visit_the_answers_show_as_before(client):
    post_step(client, 0, step_fields(0, NEUTRAL, PATIENT))
    assert 'value="Maria Lopez"' in client.get(STEP_URLS[0]).text


@pytest.mark.parametrize("page", [STEP_URLS[0], STEP_URLS[1], REVIEW_URL, "/urgent-advice"])
def test_coming_back_shows_only_continue_as_first_name_before_any_answer(client, page):
    post_step(client, 0, step_fields(0, NEUTRAL, PATIENT))
    come_back_later(client)
    assert client.get(page).headers["Location"] == "/"
    start = client.get("/").text
    assert "Continue as <bdi>Maria</bdi>?" in start and "Start again as someone else" in start
    assert not any(answer in start for answer in ANSWERS)


def test_saying_it_is_me_carries_on_where_it_stopped(client):
    post_step(client, 0, step_fields(0, NEUTRAL, PATIENT))
    come_back_later(client)
    token = page_csrf_token(client.get("/").text)
    response = client.post("/continue-as", data={"csrf_token": token})
    assert response.headers["Location"] == STEP_URLS[1]
    assert 'value="Maria Lopez"' in client.get(STEP_URLS[0]).text


def test_someone_else_starts_with_nothing_filled_in_and_an_unsaved_draft_is_deleted(app, client):
    post_step(client, 0, step_fields(0, NEUTRAL, PATIENT))
    come_back_later(client)
    token = page_csrf_token(client.get("/").text)
    response = client.post("/start-again", data={"csrf_token": token})
    assert response.headers["Location"] == STEP_URLS[0]
    step = client.get(STEP_URLS[0]).text
    assert not any(answer in step for answer in ANSWERS) and "Maria" not in step
    assert count(app, Draft) == 0


def test_someone_else_starting_keeps_a_draft_saved_under_a_code_for_its_patient(app, client):
    save_for_later(client, steps=2)
    come_back_later(client)
    client.post("/start-again", data={"csrf_token": page_csrf_token(client.get("/").text)})
    assert "Maria" not in client.get(STEP_URLS[0]).text
    assert count(app, Draft) == 1


def test_a_form_sent_from_a_page_already_open_is_still_saved(client):
    """A patient who thought for a long time on one page does not lose it when they press Continue."""
    post_step(client, 0, step_fields(0, NEUTRAL, PATIENT))
    token = page_csrf_token(client.get(STEP_URLS[1]).text)
    come_back_later(client)
    response = client.post(STEP_URLS[1], data={"csrf_token": token, **step_fields(1, NEUTRAL, PATIENT)})
    assert response.status_code == 303 and client.get(response.headers["Location"]).status_code == 200


def test_a_sent_questionnaire_is_not_offered_again(client):
    answer_all_steps(client, NEUTRAL, PATIENT)
    client.post(REVIEW_URL, data={"csrf_token": page_csrf_token(client.get(REVIEW_URL).text)})
    assert "Continue as" not in client.get("/").text
