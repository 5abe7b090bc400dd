"""The patient questionnaire through Flask's test client: steps, navigation, drafts, submit, confirmation."""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from rules import SCHEMA_VERSION, SUGGESTION_LABELS, evaluate, parse_answers
from rules.questions import STEPS
from screening.extensions import db
from screening.models import Draft, Submission
from screening.patient import flow
from screening.submissions import CROCKFORD
from tests.helpers import NEUTRAL, PATIENT, count, neutral, page_csrf_token
from tests.patient_walk import REVIEW_URL, STEP_URLS, answer_all_steps, post_step, send, step_fields, walk


def only_submission(app) -> Submission:
    with app.app_context():
        rows = db.session.scalars(select(Submission)).all()
        assert len(rows) == 1
        db.session.expunge(rows[0])
        return rows[0]


STEP = {step.slug: index for index, step in enumerate(STEPS)}


def test_start_page_says_what_this_is_and_starts_nothing(client, app):
    page = client.get("/")
    assert page.status_code == 200
    for words in ("about 5 minutes", "not a diagnosis", "go to the clinic", 'href="/questions/about-you"'):
        assert words in page.text
    client.get(STEP_URLS[0])
    assert count(app, Draft) == 0


def test_a_refused_first_step_creates_no_draft(client, app):
    response = post_step(client, 0, {"full_name": "Maria Lopez"})
    assert response.status_code == 200
    assert count(app, Draft) == 0


@pytest.mark.parametrize("index", range(len(STEPS)))
def test_every_step_shows_its_progress_and_its_questions_by_schema_name(client, index):
    answer_all_steps(client, NEUTRAL, PATIENT)
    page = client.get(STEP_URLS[index]).text
    assert f"Step {index + 1} of {len(STEPS)}" in page
    assert f"<h1>{STEPS[index].title}</h1>" in page
    for question in STEPS[index].questions:
        asked = question.applies({**NEUTRAL, **PATIENT})
        assert (question.text.replace("'", "&#39;") in page) is asked
        assert (f'id="{flow.anchor(question)}"' in page) is asked


def test_each_step_leads_to_the_next_and_the_last_to_check_your_answers(client):
    targets = []
    for index in range(len(STEPS)):
        targets.append(post_step(client, index, step_fields(index, NEUTRAL, PATIENT)).headers["Location"])
    assert targets == [*STEP_URLS[1:], REVIEW_URL]


def test_going_back_and_forward_keeps_every_answer(client):
    answers = neutral(cause="injury", pain_weeks=6, pain_score=7, nerve_symptoms=["numbness", "coordination"])
    answer_all_steps(client, answers, PATIENT)
    about_you = client.get(STEP_URLS[0]).text
    assert 'value="Maria Lopez"' in about_you
    assert all(f'value="{part}"' in about_you for part in ("27", "3", "1948"))
    assert 'value="+44 20 7946 0958"' in about_you
    assert re.search(r'id="cause-injury"[^>]*checked', client.get(STEP_URLS[STEP["cause"]]).text)
    pain = client.get(STEP_URLS[STEP["your-pain"]]).text
    assert 'value="6"' in pain and re.search(r'id="pain_score-7"[^>]*checked', pain)
    nerves = client.get(STEP_URLS[STEP["legs-and-back"]]).text
    assert re.search(r'id="nerve_symptoms-numbness"[^>]*checked', nerves)
    assert re.search(r'id="nerve_symptoms-coordination"[^>]*checked', nerves)
    assert not re.search(r'id="nerve_symptoms-none"[^>]*checked', nerves)
    assert client.get(REVIEW_URL).status_code == 200


def test_none_of_these_is_shown_checked_when_coming_back(client):
    answer_all_steps(client, NEUTRAL, PATIENT)
    nerves = client.get(STEP_URLS[STEP["legs-and-back"]]).text
    assert re.search(r'id="nerve_symptoms-none"[^>]*checked', nerves)


def test_steps_cannot_be_skipped_by_typing_the_address(client):
    assert client.get(STEP_URLS[3]).headers["Location"] == STEP_URLS[0]
    post_step(client, 0, step_fields(0, NEUTRAL, PATIENT))
    assert client.get(STEP_URLS[3]).headers["Location"] == STEP_URLS[1]
    assert client.get(REVIEW_URL).headers["Location"] == STEP_URLS[1]


def test_coming_back_to_the_start_page_offers_to_continue_where_you_stopped(client):
    post_step(client, 0, step_fields(0, NEUTRAL, PATIENT))
    post_step(client, 1, step_fields(1, NEUTRAL, PATIENT))
    start = client.get("/").text
    assert "Continue as <bdi>Maria</bdi>?" in start
    response = client.post("/continue-as", data={"csrf_token": page_csrf_token(start)})
    assert response.status_code == 303 and response.headers["Location"] == STEP_URLS[2]


def test_answers_live_in_the_drafts_table_never_in_the_cookie_or_urls(client, app):
    locations = []
    for index in range(len(STEPS)):
        response = post_step(client, index, step_fields(index, NEUTRAL, PATIENT))
        locations.append(response.headers["Location"])
    cookie = client.get_cookie("session")
    with app.test_request_context():
        session = app.session_interface.get_signing_serializer(app).loads(cookie.value)
    stored = json.dumps(session)
    for answer in ("Maria", "1948-03-27", "7946", "osteoporosis", "not_applicable"):
        assert answer not in stored and all(answer not in url for url in locations)
    with app.app_context():
        draft = db.session.get(Draft, session["draft_id"])
        assert draft.data["full_name"] == "Maria Lopez"
        assert draft.data["nerve_symptoms"] == []
        assert len(draft.id) >= 40


def test_the_change_link_returns_to_the_step_and_then_back_to_check_your_answers(client):
    answer_all_steps(client, NEUTRAL, PATIENT)
    review = client.get(REVIEW_URL).text
    pain = STEP["your-pain"]
    change = f"{STEP_URLS[pain]}?change=check-answers#pain_score-0"
    assert f'href="{change}"' in review
    assert 'href="/check-answers"' in client.get(STEP_URLS[pain] + "?change=check-answers").text
    fields = step_fields(pain, neutral(pain_score=9), PATIENT)
    response = post_step(client, pain, fields, query="?change=check-answers")
    assert response.headers["Location"] == REVIEW_URL + "#your-pain"
    review = client.get(REVIEW_URL).text
    assert re.search(r"How bad has the pain.*?</dt>\s*<dd[^>]*>9 out of 10</dd>", review, re.S)


def test_check_your_answers_lists_every_answer_in_plain_words(client):
    answer_all_steps(client, neutral(pregnant="no", allergies="Penicillin"), PATIENT)
    review = client.get(REVIEW_URL).text
    # Every question asked; pregnancy is not asked of a 78-year-old, so it is not listed (15.7).
    assert review.count("summary-list__row") == sum(len(step.questions) for step in STEPS) - 1
    for words in ("27 March 1948", "Thin, weak bones (osteoporosis)", "None of these", "Penicillin", "Rest"):
        assert words in review
    assert "Less than a week" in review and "0 out of 10" in review
    assert "not_applicable" not in review and "osteoporosis</dd>" not in review and "pregnant" not in review


def test_submitting_stores_one_row_with_the_frozen_result_and_deletes_the_draft(client, app):
    answers = neutral(pain_weeks=3, pain_score=8, treatments_tried=[])
    response = walk(client, answers, PATIENT)
    assert response.status_code == 303 and response.headers["Location"] == "/confirmation"
    row = only_submission(app)
    expected = parse_answers({**answers, "patient": PATIENT}, require_patient=True)
    assert row.answers == expected.model_dump(mode="json")
    result = evaluate(expected)
    assert (row.suggestion, row.urgent) == ("vertebroplasty_consult", False)
    assert row.result == result.to_record() and row.schema_version == SCHEMA_VERSION
    assert row.status == "new" and row.rules_version == result.rules_version
    assert len(row.reference) == 8 and set(row.reference) <= set(CROCKFORD)
    created = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=UTC)
    assert abs((datetime.now(UTC) - created).total_seconds()) < 60
    assert count(app, Draft) == 0


def test_a_double_post_of_the_final_step_creates_one_row_and_one_confirmation(client, app):
    answer_all_steps(client, NEUTRAL, PATIENT)
    token_page = client.get(REVIEW_URL).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', token_page).group(1)
    first = client.post(REVIEW_URL, data={"csrf_token": token})
    second = client.post(REVIEW_URL, data={"csrf_token": token})
    assert first.headers["Location"] == second.headers["Location"] == "/confirmation"
    assert count(app, Submission) == 1
    reference = only_submission(app).reference
    assert f"{reference[:4]}-{reference[4:]}" in client.get("/confirmation").text


def test_after_sending_the_steps_and_review_lead_to_the_same_confirmation(client, app):
    walk(client, NEUTRAL, PATIENT)
    for url in (STEP_URLS[0], STEP_URLS[4], REVIEW_URL):
        assert client.get(url).headers["Location"] == "/confirmation"
    assert "You have already sent your answers" in client.get("/").text
    assert count(app, Submission) == 1


def test_start_again_deletes_the_draft(client, app):
    post_step(client, 0, step_fields(0, NEUTRAL, PATIENT))
    page = client.get("/").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post("/start-again", data={"csrf_token": token})
    assert response.headers["Location"] == STEP_URLS[0]
    assert count(app, Draft) == 0
    assert 'value="Maria Lopez"' not in client.get(STEP_URLS[0]).text


@pytest.mark.parametrize(
    ("answers", "urgent"),
    [
        (neutral(nerve_symptoms=["bladder_bowel"]), True),
        (neutral(nerve_symptoms=["weakness", "numbness"]), True),
        (neutral(nerve_symptoms=["numbness"]), False),
        (neutral(deformity="yes", load_pain="yes"), False),
        (NEUTRAL, False),
    ],
)
def test_confirmation_puts_the_emergency_message_first_only_when_urgent(client, answers, urgent):
    walk(client, answers, PATIENT)
    page = client.get("/confirmation").text
    main = page[page.index('<main id="main"') :]
    first_text = re.sub(r"<[^>]+>", " ", main).split()[:4]
    if urgent:
        assert first_text == ["Seek", "emergency", "care", "today"]
        assert "<title>Seek emergency care today" in page
    else:
        assert "Seek emergency care today" not in page
    assert "What happens next" in page
    # Urgent: no "the front desk will call you to plan your visit", as if nothing were wrong (15.1).
    assert ("front desk will" in page) is not urgent and ("marked as urgent" in page) is urgent
    assert re.search(r'id="reference">[0-9A-Z]{4}-[0-9A-Z]{4}<', page)


@pytest.mark.parametrize("label", sorted(SUGGESTION_LABELS))
def test_the_patient_never_sees_the_suggestion(client, label):
    answers = {
        "neurology_referral": neutral(nerve_symptoms=["coordination"]),
        "kyphoplasty_consult": neutral(deformity="yes"),
        "vertebroplasty_consult": neutral(load_pain="yes"),
        "conservative_care": NEUTRAL,
    }[label]
    walk(client, answers, PATIENT)
    page = client.get("/confirmation").text.lower()
    assert SUGGESTION_LABELS[label].lower() not in page
    assert not re.search(r"vertebroplasty|kyphoplasty|neurology|conservative|suggest", page)


def test_no_phone_number_asks_the_patient_to_call_the_clinic(client):
    walk(client, NEUTRAL, {**PATIENT, "phone": ""})
    assert "You did not give a phone number" in client.get("/confirmation").text


def test_a_draft_that_no_longer_validates_is_not_stored_and_the_review_says_what_to_change(client, app):
    answer_all_steps(client, NEUTRAL, PATIENT)
    with app.app_context():
        draft = db.session.scalars(select(Draft)).one()
        draft.data = {**draft.data, "pain_score": 99}
        db.session.commit()
    response = send(client)
    assert response.status_code == 200
    assert 'class="error-summary"' in response.text
    assert f'href="{STEP_URLS[STEP["your-pain"]]}?change=check-answers#pain_score-0"' in response.text
    assert "Choose a number from 0 to 10" in response.text
    assert count(app, Submission) == 0 and count(app, Draft) == 1


def test_regression_issue_15_6_a_confirmation_is_shown_for_minutes_not_a_day(client, app):
    """Regression (issue 15.6): the next person on a shared browser saw the last patient's advice."""
    walk(client, neutral(nerve_symptoms=["weakness"]), PATIENT)
    assert client.get("/confirmation").status_code == 200
    with client.session_transaction() as session:
        session["sent_at"] = (datetime.now(UTC) - timedelta(minutes=16)).isoformat()
    assert client.get("/confirmation").headers["Location"] == "/"
    start = client.get("/").text
    assert "already sent" not in start and "Start now" in start
    assert client.get(STEP_URLS[0]).status_code == 200


def test_finish_clears_the_confirmation_from_the_browser_at_once(client):
    walk(client, neutral(nerve_symptoms=["weakness"]), PATIENT)
    confirmation = client.get("/confirmation").text
    response = client.post("/finish", data={"csrf_token": page_csrf_token(confirmation)})
    assert response.status_code == 303 and response.location == "/"
    start = client.get("/").text
    assert "already sent" not in start and "Weakness" not in start
    assert client.get("/confirmation").headers["Location"] == "/"


def test_cause_is_not_asked_when_no_fracture_was_found_and_stored_as_unknown(client, app):
    """Regression (issue 15.7): "what caused it" was asked after "no fracture confirmed"."""
    answers = neutral(fracture_confirmed="no")
    response = post_step(client, 0, step_fields(0, answers, PATIENT))
    response = post_step(client, 1, step_fields(1, answers, PATIENT))
    assert response.location == STEP_URLS[STEP["your-pain"]]
    walk(client, answers, PATIENT)
    with app.app_context():
        row = db.session.scalars(select(Submission)).one()
        assert row.answers["cause"] == "unknown" and row.answers["pregnant"] == "not_applicable"
