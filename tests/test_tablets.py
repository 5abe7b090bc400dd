"""Waiting-room tablets (issue 12.3): enrolled by an administrator on the tablet, cleared when idle."""

import hashlib
from datetime import timedelta

from sqlalchemy import select

from screening.extensions import db
from screening.models import Draft, utcnow
from screening.patient.tablet import SEEN_KEY
from screening.staff.audit import AuditEntry
from screening.tablets import TabletDevice
from tests.helpers import NEUTRAL, PATIENT, count, csrf_token, staff_login
from tests.patient_walk import STEP_URLS, post_step, step_fields
from tests.test_return_codes import BORN, save_for_later, try_code

ADMIN = "admin@clinic.example"


def enrol(client, name: str = "Waiting room 1"):
    """Sign in as an administrator on this client, enrol it as a tablet, sign out; the enrol response."""
    staff_login(client, ADMIN, "admin")
    token = csrf_token(client, "/staff/tablets")
    response = client.post("/staff/tablets", data={"csrf_token": token, "name": name})
    client.post("/staff/logout", data={"csrf_token": csrf_token(client, "/staff/about")})
    return response


def idle_for(client, seconds: float) -> None:
    with client.session_transaction() as session:
        session[SEEN_KEY] = (utcnow() - timedelta(seconds=seconds)).isoformat()


def test_an_administrator_enrols_the_browser_in_hand_and_it_stays_a_tablet_after_sign_out(app, client):
    response = enrol(client)
    assert response.status_code == 303
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("tablet=") and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    token = client.get_cookie("tablet").value
    with app.app_context():
        device = db.session.scalars(select(TabletDevice)).one()
        assert device.token_hash == hashlib.sha256(token.encode()).hexdigest() != token
        assert (device.name, device.enrolled_by) == ("Waiting room 1", ADMIN)
        entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "enrol_tablet")).one()
        assert entry.staff_email == ADMIN and "Waiting room 1" in entry.detail
    start = client.get("/").text
    assert 'class="tablet"' in start
    # No way out: no footer links to the other pages, no staff links.
    assert "/privacy" not in start and "/contact" not in start and "/staff" not in start


def test_only_an_administrator_sees_or_enrols_tablets(app, client):
    staff_login(client, "desk@clinic.example", "frontdesk")
    assert client.get("/staff/tablets").status_code == 403
    token = csrf_token(client, "/staff/about")
    assert client.post("/staff/tablets", data={"csrf_token": token, "name": "x"}).status_code == 403
    assert count(app, TabletDevice) == 0


def test_a_tablet_needs_a_name(app, client):
    staff_login(client, ADMIN, "admin")
    token = csrf_token(client, "/staff/tablets")
    response = client.post("/staff/tablets", data={"csrf_token": token, "name": "  "})
    assert response.status_code == 400 and "Enter a name for this tablet" in response.text
    assert "Set-Cookie" not in response.headers or "tablet=" not in response.headers["Set-Cookie"]


def test_a_revoked_tablet_is_an_ordinary_browser_again(app, client):
    enrol(client)
    admin = app.test_client()
    staff_login(admin, ADMIN, "admin")
    with app.app_context():
        device_id = db.session.scalars(select(TabletDevice.id)).one()
    page = admin.get("/staff/tablets").text
    assert "Waiting room 1" in page
    admin.post(f"/staff/tablets/{device_id}/revoke", data={"csrf_token": csrf_token(admin, "/staff/tablets")})
    assert 'class="tablet"' not in client.get("/").text
    with app.app_context():
        assert db.session.get(TabletDevice, device_id).revoked_by == ADMIN
        assert db.session.scalars(select(AuditEntry).where(AuditEntry.action == "revoke_tablet")).one()


def test_a_tablet_never_resumes_from_its_cookie(app, client):
    enrol(client)
    post_step(client, 0, step_fields(0, NEUTRAL, PATIENT))
    start = client.get("/").text
    assert "Continue as" not in start
    assert "Maria" not in client.get(STEP_URLS[0]).text
    assert count(app, Draft) == 0


def test_a_request_after_the_idle_time_clears_the_tablet_without_any_script(app, client):
    enrol(client)
    post_step(client, 0, step_fields(0, NEUTRAL, PATIENT))
    idle_for(client, 181)
    response = client.get(STEP_URLS[1])
    assert response.status_code == 303 and response.headers["Location"] == "/"
    assert "Maria" not in client.get(STEP_URLS[0]).text
    assert count(app, Draft) == 0


def test_idle_just_under_the_limit_keeps_the_answers(client):
    enrol(client)
    post_step(client, 0, step_fields(0, NEUTRAL, PATIENT))
    idle_for(client, 170)
    assert client.get(STEP_URLS[1]).status_code == 200


def test_a_cleared_tablet_keeps_answers_saved_under_a_code(app, client):
    enrol(client)
    code = save_for_later(client, steps=2)
    idle_for(client, 181)
    assert client.get("/saved").headers["Location"] == "/"
    assert count(app, Draft) == 1
    assert try_code(app.test_client(), code, BORN).status_code == 303


def test_the_pages_script_clears_the_tablet_when_the_warning_goes_unanswered(app, client):
    enrol(client)
    step = post_step(client, 0, step_fields(0, NEUTRAL, PATIENT))
    page = client.get(step.headers["Location"]).text
    assert 'data-idle-warn="120" data-idle-reset="180"' in page and 'id="tablet-warning"' in page
    token = csrf_token(client, STEP_URLS[1])
    assert client.post("/tablet/still-here", headers={"X-CSRFToken": token}).status_code == 204
    response = client.post("/tablet/reset", data={"csrf_token": token})
    assert response.headers["Location"] == "/"
    assert count(app, Draft) == 0


def test_the_confirmation_goes_back_to_the_start_after_a_minute_on_a_tablet(client):
    from tests.patient_walk import walk

    enrol(client)
    walk(client, NEUTRAL, PATIENT)
    assert 'data-tablet-return-after="60"' in client.get("/confirmation").text
