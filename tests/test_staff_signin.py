"""Staff sign-in: anonymous refusal, the generic error, lockout, two-factor enrolment and codes, sessions."""

import re
import time
from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from sqlalchemy import select

from screening.extensions import db
from screening.staff.audit.trail import AuditEntry
from screening.staff.auth.accounts import find_staff
from screening.staff.auth.lockout import LOCK, WINDOW, SignInFailure
from screening.staff.auth.views import SIGN_IN_REFUSED, WRONG_CODE
from tests.helpers import STAFF_PASSWORD, STAFF_TOTP_SECRET, csrf_token, make_staff, staff_login

# Every staff URL but the sign-in pages, with the method it answers to.
STAFF_URLS = [
    ("GET", "/staff/"),
    ("GET", "/staff/?status=closed&page=2"),
    ("GET", "/staff/submissions/ABCD1234"),
    ("GET", "/staff/submissions/ABCD1234.pdf"),
    ("POST", "/staff/submissions/ABCD1234/status"),
    ("POST", "/staff/submissions/ABCD1234/note"),
    ("GET", "/staff/print?day=2026-01-05"),
    ("GET", "/staff/export.csv"),
    ("GET", "/staff/export.jsonl"),
    ("GET", "/staff/audit"),
]


def _wrong_code(secret: str = STAFF_TOTP_SECRET) -> str:
    """A 6-digit code that is none of the codes accepted right now (the current step and one either side)."""
    totp = pyotp.TOTP(secret)
    now = int(time.time())
    accepted = {totp.at(now + drift) for drift in (-30, 0, 30)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in accepted)


def _password_step(client, email, password=STAFF_PASSWORD, address="127.0.0.1"):
    token = csrf_token(client, "/staff/login")
    return client.post(
        "/staff/login",
        data={"csrf_token": token, "email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


@pytest.mark.parametrize(("method", "url"), [(m, u) for m, u in STAFF_URLS if m == "GET"])
def test_anonymous_visitors_are_sent_to_the_login_page(client, method, url):
    response = client.open(url, method=method)
    assert response.status_code == 302
    assert response.location.startswith("/staff/login")
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("url", [u for m, u in STAFF_URLS if m == "POST"])
def test_anonymous_posts_are_refused(client, url):
    token = csrf_token(client, "/staff/login")
    response = client.post(url, data={"csrf_token": token, "to_status": "closed", "seen": "new"})
    assert response.status_code == 302 and response.location.startswith("/staff/login")


@pytest.mark.parametrize(
    "url", ["/staff/login", "/staff/login/code", "/staff/", "/staff/nonexistent", "/staff/audit"]
)
def test_no_staff_response_is_ever_cached(client, url):
    assert client.get(url).headers["Cache-Control"] == "no-store"


def test_signed_in_pages_and_pdfs_are_not_cached(client):
    staff_login(client, "doc@clinic.example", "doctor")
    assert client.get("/staff/").headers["Cache-Control"] == "no-store"
    assert client.get("/staff/export.csv").headers["Cache-Control"] == "no-store"


def test_after_sign_in_the_visitor_returns_to_the_page_they_asked_for(client):
    first = client.get("/staff/?status=closed")
    assert first.location == "/staff/login?next=/staff/?status%3Dclosed"
    make_staff(client.application, "desk@clinic.example", "frontdesk")
    token = csrf_token(client, "/staff/login")
    client.post(
        first.location, data={"csrf_token": token, "email": "desk@clinic.example", "password": STAFF_PASSWORD}
    )
    token = csrf_token(client, "/staff/login/code")
    done = client.post(
        "/staff/login/code", data={"csrf_token": token, "code": pyotp.TOTP(STAFF_TOTP_SECRET).now()}
    )
    assert done.location == "/staff/?status=closed"


def test_next_never_leads_off_the_site(client):
    make_staff(client.application, "desk@clinic.example", "frontdesk")
    token = csrf_token(client, "/staff/login")
    client.post(
        "/staff/login?next=//evil.example/staff/",
        data={"csrf_token": token, "email": "desk@clinic.example", "password": STAFF_PASSWORD},
    )
    token = csrf_token(client, "/staff/login/code")
    done = client.post(
        "/staff/login/code", data={"csrf_token": token, "code": pyotp.TOTP(STAFF_TOTP_SECRET).now()}
    )
    assert done.location == "/staff/"


def test_the_error_is_the_same_for_an_unknown_email_and_a_wrong_password(client):
    make_staff(client.application, "desk@clinic.example", "frontdesk")
    unknown = _password_step(client, "nobody@clinic.example")
    wrong = _password_step(client, "desk@clinic.example", "not the right password")
    for response in (unknown, wrong):
        assert response.status_code == 200 and SIGN_IN_REFUSED in response.get_data(as_text=True)
    assert "nobody" not in unknown.get_data(as_text=True).replace('value="nobody@clinic.example"', "")


def test_empty_fields_are_named_in_the_message(client):
    token = csrf_token(client, "/staff/login")
    response = client.post("/staff/login", data={"csrf_token": token, "email": "", "password": ""})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Enter your email address" in html and "Enter your password" in html


def test_five_failures_for_an_account_lock_it_for_fifteen_minutes_where_they_came_from(app, client):
    make_staff(app, "desk@clinic.example", "frontdesk")
    for attempt in range(5):
        # From five addresses, so only the per-account count can be what locks it.
        _password_step(client, "desk@clinic.example", "wrong password!", address=f"10.0.0.{attempt}")
    locked = _password_step(client, "desk@clinic.example", address="10.0.0.1")
    assert locked.status_code == 429 and "Too many failed attempts" in locked.get_data(as_text=True)

    def age_failures(by: timedelta) -> None:
        # In Python, not SQL: SQLite stores the times as text, and text minus an interval is a number.
        with app.app_context():
            for failure in db.session.scalars(select(SignInFailure)):
                failure.at = failure.at - by
            db.session.commit()

    age_failures(timedelta(minutes=14))
    assert _password_step(client, "desk@clinic.example", address="10.0.0.1").status_code == 429
    age_failures(timedelta(minutes=1, seconds=1))
    assert _password_step(client, "desk@clinic.example", address="10.0.0.1").status_code == 302


def test_regression_issue_13_9_a_locked_account_still_signs_in_from_an_address_that_never_failed(app, client):
    """Regression (issue 13.9): five wrong passwords from anywhere locked a colleague out for 15 minutes."""
    make_staff(app, "desk@clinic.example", "frontdesk")
    for _attempt in range(5):
        _password_step(client, "desk@clinic.example", "wrong password!", address="198.51.100.7")
    assert _password_step(client, "desk@clinic.example", address="198.51.100.7").status_code == 429
    at_the_desk = _password_step(client, "desk@clinic.example", address="10.9.9.9")
    assert at_the_desk.status_code == 302 and at_the_desk.location.endswith("/staff/login/code")
    token = csrf_token(client, "/staff/login/code")
    code = pyotp.TOTP(STAFF_TOTP_SECRET).now()
    signed_in = client.post(
        "/staff/login/code",
        data={"csrf_token": token, "code": code},
        environ_base={"REMOTE_ADDR": "10.9.9.9"},
    )
    assert signed_in.status_code == 302 and signed_in.location == "/staff/"
    assert client.get("/staff/", environ_base={"REMOTE_ADDR": "10.9.9.9"}).status_code == 200
    with app.app_context():
        refused = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "sign_in_locked")).all()
        assert [(row.staff_email, row.address, row.detail) for row in refused] == [
            ("desk@clinic.example", "198.51.100.7", "password")
        ]


def test_five_failures_from_one_address_lock_that_address_only(app, client):
    make_staff(app, "desk@clinic.example", "frontdesk")
    for attempt in range(5):
        _password_step(client, f"guess{attempt}@clinic.example", "wrong password!", address="10.1.1.1")
    from_there = _password_step(client, "desk@clinic.example", address="10.1.1.1")
    assert from_there.status_code == 429
    from_elsewhere = _password_step(client, "desk@clinic.example", address="10.2.2.2")
    assert from_elsewhere.status_code == 302


def test_four_failures_do_not_lock(app, client):
    make_staff(app, "desk@clinic.example", "frontdesk")
    for _ in range(4):
        _password_step(client, "desk@clinic.example", "wrong password!")
    assert _password_step(client, "desk@clinic.example").status_code == 302


def test_wrong_codes_count_towards_the_lockout(app, client):
    make_staff(app, "desk@clinic.example", "frontdesk")
    _password_step(client, "desk@clinic.example")
    for _ in range(5):
        token = csrf_token(client, "/staff/login/code")
        wrong = client.post("/staff/login/code", data={"csrf_token": token, "code": _wrong_code()})
        assert WRONG_CODE in wrong.get_data(as_text=True)
    token = csrf_token(client, "/staff/login/code")
    right = client.post(
        "/staff/login/code", data={"csrf_token": token, "code": pyotp.TOTP(STAFF_TOTP_SECRET).now()}
    )
    assert right.status_code == 429


def test_first_sign_in_enrols_with_a_qr_code_drawn_by_the_app_then_shows_recovery_codes(app, client):
    make_staff(app, "new@clinic.example", "doctor", enrolled=False)
    first = _password_step(client, "new@clinic.example")
    assert first.location == "/staff/login/enrol"
    page = client.get("/staff/login/enrol").get_data(as_text=True)
    assert (
        "<svg" in page
        and 'class="qr-code"' in page
        and "http" not in page.split("<svg", 1)[1].split("</svg>")[0]
    )
    secret = re.search(r'id="secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    token = csrf_token(client, "/staff/login/enrol")
    done = client.post("/staff/login/enrol", data={"csrf_token": token, "code": pyotp.TOTP(secret).now()})
    codes = re.findall(
        r"<code>([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})</code>", done.get_data(as_text=True)
    )
    assert done.status_code == 200 and len(set(codes)) == 10
    assert client.get("/staff/").status_code == 200
    # Regression: the codes page is rendered in the sign-in request itself, and its sign-out form used to
    # carry a CSRF token from before the session was renewed (400 "session expired" on sign-out).
    token = re.search(r'name="csrf_token" value="([^"]+)"', done.get_data(as_text=True)).group(1)
    assert client.post("/staff/logout", data={"csrf_token": token}).location == "/staff/login"
    with app.app_context():
        user = find_staff("new@clinic.example")
        assert user.enrolled and user.totp_secret == secret


def test_a_recovery_code_signs_in_once_only(app, client):
    make_staff(app, "new@clinic.example", "doctor", enrolled=False)
    _password_step(client, "new@clinic.example")
    page = client.get("/staff/login/enrol").get_data(as_text=True)
    secret = re.search(r'id="secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    token = csrf_token(client, "/staff/login/enrol")
    done = client.post("/staff/login/enrol", data={"csrf_token": token, "code": pyotp.TOTP(secret).now()})
    code = re.findall(r"<code>([0-9A-Z-]{19})</code>", done.get_data(as_text=True))[0]
    for expected in (302, 200):
        token = csrf_token(client, "/staff/")
        client.post("/staff/logout", data={"csrf_token": token})
        _password_step(client, "new@clinic.example")
        token = csrf_token(client, "/staff/login/code")
        used = client.post("/staff/login/code", data={"csrf_token": token, "code": code.lower()})
        assert used.status_code == expected
    assert WRONG_CODE in used.get_data(as_text=True)


def test_a_totp_code_is_not_accepted_twice(app, client):
    make_staff(app, "desk@clinic.example", "frontdesk")
    code = pyotp.TOTP(STAFF_TOTP_SECRET).now()
    for expected in (302, 200):
        _password_step(client, "desk@clinic.example")
        token = csrf_token(client, "/staff/login/code")
        response = client.post("/staff/login/code", data={"csrf_token": token, "code": code})
        assert response.status_code == expected
        if expected == 302:
            client.post("/staff/logout", data={"csrf_token": csrf_token(client, "/staff/")})
    assert WRONG_CODE in response.get_data(as_text=True)


def test_the_code_page_needs_the_password_step_first(client):
    response = client.get("/staff/login/code")
    assert response.status_code == 302 and response.location == "/staff/login"


def test_sign_in_starts_a_fresh_session(app, client):
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    staff_login(client)
    with client.session_transaction() as session:
        assert "planted" not in session
        first_nonce = session["staff_nonce"]
    client.post("/staff/logout", data={"csrf_token": csrf_token(client, "/staff/")})
    staff_login(client)
    with client.session_transaction() as session:
        assert session["staff_nonce"] != first_nonce


@pytest.mark.parametrize(("key", "minutes"), [("staff_seen_at", 31), ("staff_signed_in_at", 12 * 60 + 1)])
def test_sessions_expire_after_30_minutes_idle_or_12_hours_in_all(client, key, minutes):
    staff_login(client)
    with client.session_transaction() as session:
        session[key] -= minutes * 60
    expired = client.get("/staff/")
    assert expired.status_code == 302 and expired.location == "/staff/login"
    assert "signed out" in client.get("/staff/login").get_data(as_text=True)
    assert client.get("/staff/").status_code == 302


def test_activity_keeps_the_session_alive(client):
    staff_login(client)
    with client.session_transaction() as session:
        session["staff_seen_at"] -= 29 * 60
    assert client.get("/staff/").status_code == 200
    with client.session_transaction() as session:
        session["staff_seen_at"] -= 29 * 60
    assert client.get("/staff/").status_code == 200


def test_logout_ends_the_session_server_side_even_if_the_old_cookie_is_replayed(app, client):
    staff_login(client)
    old_cookie = client.get_cookie("session").value
    client.post("/staff/logout", data={"csrf_token": csrf_token(client, "/staff/")})
    client.set_cookie("session", old_cookie)
    replayed = client.get("/staff/")
    assert replayed.status_code == 302 and replayed.location.startswith("/staff/login")
    with app.app_context():
        actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    # The queue shown for the logout form's token is audited; the replayed cookie showed nothing.
    assert actions == ["sign_in", "view_queue", "sign_out"]


def test_logout_by_get_is_not_possible(client):
    staff_login(client)
    assert client.get("/staff/logout").status_code == 405
    assert client.get("/staff/").status_code == 200


def _enrol(client, email) -> None:
    _password_step(client, email)
    page = client.get("/staff/login/enrol").get_data(as_text=True)
    secret = re.search(r'id="secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    token = csrf_token(client, "/staff/login/enrol")
    done = client.post("/staff/login/enrol", data={"csrf_token": token, "code": pyotp.TOTP(secret).now()})
    assert done.status_code == 200 and "Save your recovery codes" in done.get_data(as_text=True)


def test_enrolling_again_after_a_reset_accepts_the_new_apps_first_code(app, client, runner):
    # Regression: the no-replay mark of the old secret survived the reset, so the new app's code was
    # refused until the next 30-second step.
    make_staff(app, "phone@clinic.example", "doctor", enrolled=False)
    _enrol(client, "phone@clinic.example")
    client.post("/staff/logout", data={"csrf_token": csrf_token(client, "/staff/")})
    assert runner.invoke(args=["reset-staff-2fa", "phone@clinic.example"]).exit_code == 0
    with app.app_context():
        # As if a code a year ahead had been used (an INTEGER column holds steps until the year 4000).
        find_staff("phone@clinic.example").last_totp_step = int(time.time()) // 30 + 1_000_000
        db.session.commit()
    _enrol(client, "phone@clinic.example")


def _failed_attempts(app) -> list[tuple[str, str]]:
    with app.app_context():
        rows = db.session.execute(
            select(AuditEntry.staff_email, AuditEntry.detail).where(AuditEntry.action == "sign_in_failed")
        )
        return [tuple(row) for row in rows]


def _enrolment_secret(client) -> str:
    page = client.get("/staff/login/enrol").get_data(as_text=True)
    return re.search(r'id="secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")


STEP_PAGES = {"password": "/staff/login", "code": "/staff/login/code", "enrolment code": "/staff/login/enrol"}


@pytest.mark.parametrize("step", list(STEP_PAGES))
def test_every_sign_in_step_counts_audits_and_locks_alike(app, client, step):
    # Regression (issue 9.4): three drifting copies of this sequence; a wrong enrolment code went unaudited.
    email = "desk@clinic.example"
    make_staff(app, email, "frontdesk", enrolled=step != "enrolment code")
    if step == "password":
        wrong, right = (
            {"email": email, "password": "wrong password!"},
            {"email": email, "password": STAFF_PASSWORD},
        )
    else:
        _password_step(client, email)
        secret = _enrolment_secret(client) if step == "enrolment code" else STAFF_TOTP_SECRET
        wrong, right = {"code": _wrong_code(secret)}, {"code": pyotp.TOTP(secret).now()}
    path = STEP_PAGES[step]
    for _attempt in range(5):
        refused = client.post(path, data={"csrf_token": csrf_token(client, path), **wrong})
        assert refused.status_code == 200
    assert _failed_attempts(app) == [(email, step)] * 5
    locked = client.post(path, data={"csrf_token": csrf_token(client, path), **right})
    assert locked.status_code == 429
    assert f"Sign-in is paused for {LOCK.total_seconds() / 60:g} minutes, until " in locked.get_data(
        as_text=True
    )
    # Refused unchecked while locked: nothing more is counted or audited.
    assert len(_failed_attempts(app)) == 5


def test_old_sign_in_failures_are_pruned_when_a_new_one_is_recorded(app, client):
    # Regression (issue 9.5): nothing ever called the pruning, so staff_sign_in_failures grew forever.
    now = datetime.now(UTC)
    too_old = now - WINDOW - LOCK - timedelta(minutes=1)
    still_counts = now - WINDOW - LOCK + timedelta(minutes=1)
    with app.app_context():
        for at in (too_old, too_old, still_counts):
            db.session.add(SignInFailure(email="old@clinic.example", address="10.3.3.3", at=at))
        db.session.commit()
    _password_step(client, "someone@clinic.example", "wrong password!")
    with app.app_context():
        kept = db.session.execute(
            select(SignInFailure.email, SignInFailure.at).order_by(SignInFailure.at)
        ).all()
    assert [email for email, _at in kept] == ["old@clinic.example", "someone@clinic.example"]
    assert kept[0].at == still_counts
