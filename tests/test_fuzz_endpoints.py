"""Malformed bodies and queries on every patient and staff endpoint never give a 500 (issue 13.11)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rules.questions import STEPS
from screening import create_app
from screening.extensions import db
from tests.helpers import URGENT, staff_login, store

# Field names the forms use, and a few they never use; values any client could send.
NAMES = sorted(
    {"csrf_token", "email", "password", "code", "status", "reason", "note", "q", "day", "page", "suggestion"}
    | {"reference", "unit", "website", "date_of_birth-day", "date_of_birth-month", "date_of_birth-year"}
    | {"pain_weeks-amount", "pain_weeks-unit", "next", "x" * 300}
    | {q.name for step in STEPS for q in step.questions}
)
VALUES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["", "none", "yes", "weakness", "-1", "2147483648", "9" * 30, "9999-12-31", "0000-00-00"]
    ),
    st.sampled_from(["\x00", "\u202e", "\ud7ff", "\r\n", "%00", "../..", "<script>", "' OR 1=1 --", "NaN"]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
FORMS = st.dictionaries(st.sampled_from(NAMES), st.one_of(VALUES, st.lists(VALUES, max_size=3)), max_size=8)

PATIENT = [f"/questions/{step.slug}" for step in STEPS] + ["/check-answers", "/start-again", "/finish"]
PATIENT_GET = [*PATIENT[:-2], "/", "/confirmation", "/urgent-advice", "/privacy", "/no-such-page"]
STAFF_POST = ["/staff/login", "/staff/login/code", "/staff/login/enrol", "/staff/logout"]
STAFF_GET = ["/staff/", "/staff/audit", "/staff/export.csv", "/staff/export.jsonl", "/staff/print"]
FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def app_without_csrf(database_url):
    """The app with CSRF checks OFF, so malformed bodies reach the views themselves (fuzzing only)."""
    config = {"TESTING": True, "SECRET_KEY": "k", "SQLALCHEMY_DATABASE_URI": database_url}
    app = create_app({**config, "DATABASE_SCHEMA": "create_all", "WTF_CSRF_ENABLED": False})
    yield app
    with app.app_context():
        db.engine.dispose()


@FUZZ
@given(path=st.sampled_from(PATIENT), form=FORMS)
def test_no_patient_post_is_a_500(app_without_csrf, path, form):
    response = app_without_csrf.test_client().post(path, data=form)
    assert response.status_code < 500, (path, form)


@FUZZ
@given(path=st.sampled_from(PATIENT_GET + STAFF_GET), query=FORMS)
def test_no_query_is_a_500(app_without_csrf, path, query):
    client = app_without_csrf.test_client()
    response = client.get(path, query_string=query)
    assert response.status_code < 500, (path, query)


@FUZZ
@given(path=st.sampled_from(STAFF_POST), form=FORMS)
def test_no_anonymous_staff_post_is_a_500(app_without_csrf, path, form):
    response = app_without_csrf.test_client().post(path, data=form)
    assert response.status_code < 500, (path, form)


@FUZZ
@given(action=st.sampled_from(["status", "note"]), form=FORMS, query=FORMS)
def test_no_signed_in_staff_request_is_a_500(app_without_csrf, action, form, query):
    client = app_without_csrf.test_client()
    app_without_csrf.config["WTF_CSRF_ENABLED"] = True  # sign in as a person would, token and all
    staff_login(client, "admin@clinic.example", "admin")
    app_without_csrf.config["WTF_CSRF_ENABLED"] = False
    reference = store(app_without_csrf, **URGENT)
    assert client.post(f"/staff/submissions/{reference}/{action}", data=form).status_code < 500, form
    for path in STAFF_GET:
        assert client.get(path, query_string=query).status_code < 500, (path, query)
