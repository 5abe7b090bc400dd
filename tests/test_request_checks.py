"""Malformed requests get a clear 400-class answer naming the field (issue 13.4, 13.6, 13.8), never a 500."""

import io

import pytest
from sqlalchemy import select

from screening import ConfigError, create_app
from screening.extensions import db
from screening.staff.audit.trail import AuditEntry
from screening.staff.auth.access import safe_next
from screening.staff.auth.accounts import find_staff
from screening.staff.auth.recovery import issue_recovery_codes, recovery_codes_left
from tests.helpers import (
    NEUTRAL,
    PATIENT,
    STAFF_PASSWORD,
    csrf_token,
    make_staff,
    page_csrf_token,
    staff_login,
    store,
)
from tests.patient_walk import STEP_URLS, step_fields


def test_regression_issue_13_4_a_huge_post_is_refused_with_a_413_page_naming_the_limit(client):
    """Regression (issue 13.4): a 200 MB anonymous post grew a worker from 124 MB to 717 MB."""
    response = client.post(STEP_URLS[0], data={"full_name": "x" * 200_000})
    assert response.status_code == 413
    assert "A form may send at most 64 KB" in response.get_data(as_text=True)


def test_the_request_size_limit_is_a_setting_the_page_names(database_url):
    config = {"TESTING": True, "SECRET_KEY": "k", "SQLALCHEMY_DATABASE_URI": database_url}
    app = create_app({**config, "DATABASE_SCHEMA": "create_all", "MAX_CONTENT_LENGTH": "32768"})
    response = app.test_client().post(STEP_URLS[0], data={"full_name": "x" * 40_000})
    assert response.status_code == 413
    assert "A form may send at most 32 KB" in response.get_data(as_text=True)
    with app.app_context():
        db.engine.dispose()


@pytest.mark.parametrize("value", ["1000", "lots", "-65536", "2097152"])
def test_a_bad_request_size_limit_stops_the_start(value):
    with pytest.raises(ConfigError, match=r"MAX_CONTENT_LENGTH .* must be a number of bytes from 16384"):
        create_app(
            {"TESTING": True, "SECRET_KEY": "k", "DATABASE_SCHEMA": "none", "MAX_CONTENT_LENGTH": value}
        )


@pytest.mark.parametrize("path", [STEP_URLS[0], "/staff/login"])
def test_regression_issue_13_6_a_text_field_sent_as_a_file_is_a_400_naming_it(client, path):
    """Regression (issue 13.6): `curl -F full_name=@x.txt` raised AttributeError (a 500)."""
    data = {"full_name": (io.BytesIO(b"Maria"), "x.txt"), "email": "a@b.example"}
    response = client.post(path, data=data, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "“full_name” was sent as a file" in response.get_data(as_text=True)


def test_regression_issue_13_6_an_enormous_day_of_birth_is_a_message_not_a_500(client):
    """Regression (issue 13.6): date_of_birth-day >= 2147483648 raised OverflowError."""
    page = client.get(STEP_URLS[0]).get_data(as_text=True)
    fields = {**step_fields(0, NEUTRAL, PATIENT), "date_of_birth-day": "2147483648"}
    response = client.post(STEP_URLS[0], data={"csrf_token": page_csrf_token(page), **fields})
    assert response.status_code == 200
    assert "Date of birth must be written in numbers" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "path", ["/staff/?day=9999-12-31", "/staff/export.csv?day=9999-12-31", "/staff/print?day=9999-12-31"]
)
def test_regression_issue_13_6_the_last_day_of_the_calendar_is_a_400_naming_the_day(client, path):
    """Regression (issue 13.6): the day after 9999-12-31 raised OverflowError in the queue and export."""
    staff_login(client, "doc@clinic.example", "doctor")
    response = client.get(path)
    assert response.status_code == 400
    assert "in the years 2000 to 9998" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "target", ["/staff/\r\nSet-Cookie: x=1", "/staff/\x00", "/staff/\u2028", "//evil.example"]
)
def test_regression_issue_13_6_a_next_page_with_control_characters_is_ignored(target):
    """Regression (issue 13.6): /staff/login?next=/staff/%0D%0A... was a 500 after sign-in."""
    assert safe_next(target) is None
    assert safe_next("/staff/submissions/ABCD1234") == "/staff/submissions/ABCD1234"


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/staff/login", {"email": "desk\x00@clinic.example", "password": "x" * 12}),
        ("/staff/?q=Mar\x00ia", None),
    ],
)
def test_regression_issue_13_6_a_nul_byte_is_a_400_naming_the_field_on_both_databases(client, path, data):
    """Regression (issue 13.6): on PostgreSQL a NUL byte gave a misleading 503 "service is busy"."""
    if data is None:
        staff_login(client)
        response = client.get(path)
        field = "q"
    else:
        token = page_csrf_token(client.get("/staff/login").get_data(as_text=True))
        response = client.post(path, data={"csrf_token": token, **data})
        field = "email"
    assert response.status_code == 400
    assert f"“{field}” contains a NUL character" in response.get_data(as_text=True)


def test_regression_issue_13_8_hsts_covers_subdomains_over_https(client):
    response = client.get("/", base_url="https://clinic.example")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "Strict-Transport-Security" not in client.get("/").headers


@pytest.mark.parametrize(
    ("action", "data", "field"),
    [
        ("note", {"note": "Called\x00 back"}, "note"),
        ("status", {"to_status": "contacted", "seen": "new", "reason": "Left\x00 a message"}, "reason"),
        ("audit", {"email": "desk\x00@clinic.example"}, "email"),
        ("audit", {"reference": "AB\x00CD"}, "reference"),
    ],
)
def test_regression_issue_13_6_a_nul_byte_in_a_note_a_reason_or_the_audit_filter_is_a_400(
    app, client, action, data, field
):
    """Regression (issue 13.6): on PostgreSQL a NUL in a note, a reason or the audit filter was a 503."""
    staff_login(client, "admin@clinic.example", "admin")
    if action == "audit":
        response = client.get("/staff/audit", query_string=data)
    else:
        reference = store(app)
        token = csrf_token(client, f"/staff/submissions/{reference}")
        response = client.post(f"/staff/submissions/{reference}/{action}", data={"csrf_token": token, **data})
        with app.app_context():
            changes = select(AuditEntry.action).where(AuditEntry.action.in_(["note", "status"]))
            assert db.session.scalars(changes).all() == []
    assert response.status_code == 400
    assert f"“{field}” contains a NUL character" in response.get_data(as_text=True)


@pytest.mark.parametrize("target", ["/staff/%0D%0ASet-Cookie:%20x=1", "/staff/%E2%80%A8"])
def test_regression_issue_13_6_sign_in_with_a_control_character_in_next_lands_on_the_queue(
    app, client, target
):
    """Regression (issue 13.6): ?next=/staff/%0D%0A... was a 500 after sign-in, the recovery code spent."""
    make_staff(app, "desk@clinic.example", "frontdesk")
    with app.app_context():
        codes = issue_recovery_codes(find_staff("desk@clinic.example"))
        db.session.commit()
    login = f"/staff/login?next={target}"
    token = csrf_token(client, login)
    form = {"csrf_token": token, "email": "desk@clinic.example", "password": STAFF_PASSWORD}
    assert client.post(login, data=form).status_code == 302
    token = csrf_token(client, "/staff/login/code")
    response = client.post("/staff/login/code", data={"csrf_token": token, "code": codes[0]})
    assert response.status_code == 302 and response.location == "/staff/"
    assert "Set-Cookie: x" not in str(response.headers)
    assert client.get("/staff/").status_code == 200
    with app.app_context():
        assert recovery_codes_left(find_staff("desk@clinic.example")) == len(codes) - 1
