"""Each staff request commits once: operations only flush, so its changes are saved together or not at all."""

import re

import pyotp
import pytest
from sqlalchemy import event, func, select

from screening.extensions import db
from screening.staff.audit.trail import AuditEntry
from screening.staff.auth.accounts import find_staff
from screening.staff.auth.recovery import RECOVERY_CODE_COUNT, RecoveryCode
from tests.helpers import STAFF_PASSWORD, csrf_token, make_staff, staff_login, store


@pytest.fixture
def commits(app) -> list[str]:
    """The database transactions committed, one entry each, as the requests make them."""
    seen: list[str] = []
    with app.app_context():
        event.listen(db.engine, "commit", lambda _connection: seen.append("commit"))
    return seen


def _post(client, path: str, form_page: str | None = None, **data):
    # The form's page is fetched first, for its CSRF token; the sign-in pages commit nothing.
    token = csrf_token(client, form_page or path)
    return client.post(path, data={"csrf_token": token, **data})


def test_first_sign_in_with_enrolment_commits_once_per_request(app, client, commits):
    # Regression (issue 9.4): enrolment committed four times (secret, code step, confirmation, codes).
    make_staff(app, "new@clinic.example", "doctor", enrolled=False)
    commits.clear()
    password = _post(client, "/staff/login", email="new@clinic.example", password=STAFF_PASSWORD)
    assert password.location == "/staff/login/enrol"
    assert commits == ["commit"]
    commits.clear()
    enrol_page = client.get("/staff/login/enrol").get_data(as_text=True)
    assert commits == ["commit"]  # the new secret, before the QR code shows it
    secret = re.search(r'id="secret">([A-Z2-7 ]+)<', enrol_page).group(1).replace(" ", "")
    token = re.search(r'name="csrf_token" value="([^"]+)"', enrol_page).group(1)
    commits.clear()
    done = client.post("/staff/login/enrol", data={"csrf_token": token, "code": pyotp.TOTP(secret).now()})
    assert done.status_code == 200 and "Save your recovery codes" in done.get_data(as_text=True)
    assert commits == ["commit"]
    with app.app_context():
        user = find_staff("new@clinic.example")
        assert user.enrolled and user.last_totp_step > 0
        codes = db.session.scalar(select(func.count()).where(RecoveryCode.staff_id == user.id))
        actions = db.session.scalars(select(AuditEntry.detail).where(AuditEntry.action == "sign_in")).all()
    assert codes == RECOVERY_CODE_COUNT and actions == ["enrolled authenticator"]


def test_a_wrong_password_and_a_sign_out_commit_once_each(app, client, commits):
    make_staff(app, "desk@clinic.example", "frontdesk")
    commits.clear()
    _post(client, "/staff/login", email="desk@clinic.example", password="wrong password!")
    assert commits == ["commit"]
    staff_login(client)
    token = csrf_token(client, "/staff/")  # the queue's display is audited: its own commit
    commits.clear()
    assert client.post("/staff/logout", data={"csrf_token": token}).location == "/staff/login"
    assert commits == ["commit"]
    with app.app_context():
        actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["sign_in_failed", "sign_in", "view_queue", "sign_out"]


def test_triage_actions_commit_once_with_their_audit_row(app, client, commits):
    reference = store(app)
    staff_login(client, "doc@clinic.example", "doctor")
    page = f"/staff/submissions/{reference}"
    token = csrf_token(client, page)
    requests = {
        "view": lambda: client.get(page),
        "status": lambda: client.post(
            f"{page}/status", data={"csrf_token": token, "to_status": "contacted", "seen": "new"}
        ),
        "note": lambda: client.post(f"{page}/note", data={"csrf_token": token, "note": "Rang, no answer"}),
        "view_pdf": lambda: client.get(f"{page}.pdf"),
        "export": lambda: client.get("/staff/export.csv"),
    }
    for action, send in requests.items():
        with app.app_context():
            before = db.session.scalar(select(func.count()).where(AuditEntry.action == action))
        commits.clear()
        assert send().status_code in (200, 302), action
        assert commits == ["commit"], action
        with app.app_context():
            assert db.session.scalar(select(func.count()).where(AuditEntry.action == action)) == before + 1
