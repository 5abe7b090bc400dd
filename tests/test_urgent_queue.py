"""No urgent submission goes unseen (issue 10): triage order, acknowledgement, the live state, the
front desk's ergonomics (filters kept, next submission, search) and the audit of every display."""

import io
import re
import time
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

import pytest
from pypdf import PdfReader
from sqlalchemy import select, update

from screening.alerts.outbox import Alert
from screening.extensions import db
from screening.models import Submission
from screening.staff.audit.trail import AuditEntry
from screening.submissions import format_reference
from tests.helpers import (
    KYPHOPLASTY,
    STAFF_PASSWORD,
    URGENT,
    VERTEBROPLASTY,
    csrf_token,
    make_staff,
    queue_order,
    staff_login,
    store,
)


def _set(app, reference: str, **values) -> None:
    with app.app_context():
        db.session.execute(update(Submission).where(Submission.reference == reference).values(**values))
        db.session.commit()


def _acknowledge(client, reference: str, back: str = "submission"):
    token = csrf_token(client, f"/staff/submissions/{reference}")
    data = {"csrf_token": token, "back": back}
    return client.post(f"/staff/submissions/{reference}/acknowledge", data=data)


def _audit(app, action: str) -> list[AuditEntry]:
    with app.app_context():
        query = select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
        return list(db.session.scalars(query))


def test_unacknowledged_urgent_come_first_longest_waiting_and_handled_urgent_sink(app, client):
    made = {
        "urgent handled": store(app, hours_ago=50, **URGENT),
        "vertebroplasty new": store(app, hours_ago=5, **VERTEBROPLASTY),
        "urgent acknowledged": store(app, hours_ago=40, **URGENT),
        "urgent waiting short": store(app, hours_ago=1, **URGENT),
        "kyphoplasty contacted": store(app, hours_ago=60, **KYPHOPLASTY),
        "urgent waiting long": store(app, hours_ago=3, **URGENT),
    }
    _set(
        app,
        made["urgent handled"],
        status="booked",
        acknowledged_at=datetime.now(UTC),
        acknowledged_by="x@y.z",
    )
    _set(app, made["urgent acknowledged"], acknowledged_at=datetime.now(UTC), acknowledged_by="x@y.z")
    _set(app, made["kyphoplasty contacted"], status="contacted")
    staff_login(client)
    assert queue_order(client) == [
        made["urgent waiting long"],
        made["urgent waiting short"],
        made["urgent acknowledged"],
        made["vertebroplasty new"],
        # Work in progress after all new work; urgent first among it.
        made["urgent handled"],
        made["kyphoplasty contacted"],
    ]


def test_acknowledge_records_who_and_when_once_and_shows_the_wait(app, client):
    reference = store(app, hours_ago=0.5, **URGENT)
    staff_login(client)
    page = client.get(f"/staff/submissions/{reference}").get_data(as_text=True)
    assert "Unacknowledged for 30 min" in page and 'id="acknowledge"' in page
    first = _acknowledge(client, reference)
    assert first.status_code == 302
    page = client.get(first.location).get_data(as_text=True)
    assert "acknowledged: its alerts stop" in page
    assert "Acknowledged after 30 min by desk@clinic.example" in page and 'id="acknowledge"' not in page
    assert re.search(r"<strong>Acknowledged</strong>\s+by desk@clinic.example", page)
    other = app.test_client()
    staff_login(other, "doc@clinic.example", "doctor")
    again = other.get(_acknowledge(other, reference).location).get_data(as_text=True)
    assert "was already acknowledged by desk@clinic.example" in again
    rows = _audit(app, "acknowledge")
    assert [(row.staff_email, row.reference, row.detail) for row in rows] == [
        ("desk@clinic.example", reference, "after 30 min")
    ]


def test_acknowledging_a_submission_that_is_not_urgent_is_refused_naming_it(app, client):
    reference = store(app)
    staff_login(client)
    refused = _acknowledge(client, reference)
    assert refused.status_code == 400
    assert "only urgent submissions need acknowledging" in refused.get_data(as_text=True)


def test_acknowledge_needs_the_csrf_token(app, client):
    reference = store(app, **URGENT)
    staff_login(client)
    refused = client.post(f"/staff/submissions/{reference}/acknowledge", data={"back": "queue"})
    assert refused.status_code == 400
    with app.app_context():
        assert db.session.scalar(select(Submission.acknowledged_at)) is None


def test_acknowledging_from_the_queue_returns_to_the_queue_with_its_filter(app, client):
    reference = store(app, **URGENT)
    staff_login(client)
    client.get("/staff/?suggestion=neurology_referral")
    answer = _acknowledge(client, reference, back="queue")
    assert answer.location == "/staff/?suggestion=neurology_referral"


def test_moving_an_urgent_submission_on_acknowledges_it(app, client):
    reference = store(app, **URGENT)
    staff_login(client)
    token = csrf_token(client, f"/staff/submissions/{reference}")
    data = {"csrf_token": token, "to_status": "contacted", "seen": "new"}
    client.post(f"/staff/submissions/{reference}/status", data=data)
    with app.app_context():
        row = db.session.scalars(select(Submission)).one()
        assert row.acknowledged_by == "desk@clinic.example" and row.acknowledged_at is not None


def test_the_queue_shows_waiting_and_overdue_in_words_and_the_count_in_the_title(app, client):
    app.config["URGENT_ESCALATE_MINUTES"] = 15
    overdue = store(app, hours_ago=2, **URGENT)
    store(app, hours_ago=0.1, **URGENT)
    store(app, hours_ago=0.2)
    staff_login(client)
    html = client.get("/staff/").get_data(as_text=True)
    assert "<title>(2) Triage queue" in html
    row = html.split(f'data-reference="{format_reference(overdue)}"', 1)[1].split("</tr>", 1)[0]
    assert "wait--overdue" in row and "Unacknowledged for 2 h" in row and "Acknowledge" in row
    assert html.count("wait--waiting") == 1


def test_the_live_state_moves_when_a_submission_arrives_and_counts_the_unacknowledged(app, client):
    staff_login(client)
    before = client.get("/staff/queue/state").get_json()
    assert before["signed_in"] is True and before["unacknowledged"] == 0
    reference = store(app, **URGENT)
    after = client.get("/staff/queue/state").get_json()
    assert after["version"] != before["version"] and after["unacknowledged"] == 1
    _acknowledge(client, reference)
    acknowledged = client.get("/staff/queue/state").get_json()
    assert acknowledged["version"] != after["version"] and acknowledged["unacknowledged"] == 0


def test_the_live_state_says_signed_out_with_a_401_instead_of_a_redirect(app, client):
    answer = client.get("/staff/queue/state")
    assert answer.status_code == 401 and answer.get_json() == {"signed_in": False}


def test_polling_does_not_keep_an_idle_desk_signed_in(app, client):
    staff_login(client)
    with client.session_transaction() as session:
        session["staff_seen_at"] = time.time() - 29 * 60
    assert client.get("/staff/queue/state").status_code == 200
    assert client.get("/staff/", headers={"X-Queue-Refresh": "1"}).status_code == 200
    with client.session_transaction() as session:
        session["staff_seen_at"] -= 2 * 60  # 31 minutes since a person last did anything
    assert client.get("/staff/queue/state").status_code == 401


def test_back_to_the_queue_keeps_the_filters_and_next_goes_down_the_list(app, client):
    first = store(app, hours_ago=3, **URGENT)
    second = store(app, hours_ago=2, **VERTEBROPLASTY)
    store(app, hours_ago=1)  # conservative care: after the vertebroplasty consult
    staff_login(client)
    client.get("/staff/?suggestion=vertebroplasty_consult&q=maria")
    page = client.get(f"/staff/submissions/{second}").get_data(as_text=True)
    assert 'href="/staff/?suggestion=vertebroplasty_consult&amp;q=maria">Back to the queue' in page
    assert 'id="next-submission"' not in page  # the only one the filter shows
    client.get("/staff/")
    page = client.get(f"/staff/submissions/{first}").get_data(as_text=True)
    assert f'href="/staff/submissions/{second}" id="next-submission"' in page


SEARCHES = [
    "muller",
    "MÜLLER",
    "Müller",
    "mül",
    "jurgen",
    "0171 234",
    "(0171) 2345678",
    "1950-02-01",
    "1/2/1950",
]


@pytest.mark.parametrize("typed", SEARCHES)
def test_search_finds_by_name_without_case_or_accents_by_phone_and_by_birth_date(app, client, typed):
    wanted = store(app, name="Jürgen Müller", born="1950-02-01", phone="0171 2345678")
    store(app, name="Anna Schmidt", born="1950-03-01", phone="+44 20 7946 0958")
    staff_login(client)
    assert queue_order(client, "?" + urlencode({"q": typed})) == [wanted]


def test_search_offers_the_closed_ones_that_also_match(app, client):
    open_one = store(app, name="Ana Müller", hours_ago=1)
    closed = store(app, name="Ana Muller", hours_ago=2)
    _set(app, closed, status="closed")
    staff_login(client)
    html = client.get("/staff/?q=muller").get_data(as_text=True)
    assert "1 closed submission also matches this search" in html
    assert queue_order(client, "?q=muller") == [open_one]
    assert sorted(queue_order(client, "?q=muller&status=all")) == sorted([open_one, closed])


def test_print_the_day_takes_earlier_submissions_still_new_but_not_handled_ones(app, client):
    today = store(app, hours_ago=0)
    earlier_new = store(app, hours_ago=24 * 3)
    earlier_booked = store(app, hours_ago=24 * 3)
    _set(app, earlier_booked, status="booked")
    staff_login(client)
    day = datetime.now(UTC).date().isoformat()
    pdf = client.get(f"/staff/print?status=all&earlier_new=1&day={day}")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert format_reference(today) in text and format_reference(earlier_new) in text
    assert format_reference(earlier_booked) not in text
    html = client.get("/staff/").get_data(as_text=True)
    assert 'name="earlier_new" value="1"' in html


def test_a_closed_submission_prints_as_closed_with_the_latest_note(app, client):
    reference = store(app)
    _set(app, reference, status="closed", note="Booked elsewhere, patient called 2 Dec")
    staff_login(client)
    pdf = client.get(f"/staff/submissions/{reference}.pdf")
    text = PdfReader(io.BytesIO(pdf.data)).pages[0].extract_text()
    assert "CLOSED — not live work" in text and "Booked elsewhere, patient called 2 Dec" in text
    _set(app, reference, status="contacted", note="Call after 3pm")
    text = (
        PdfReader(io.BytesIO(client.get(f"/staff/submissions/{reference}.pdf").data)).pages[0].extract_text()
    )
    assert "CLOSED" not in text and "Status Contacted" in text and "Front desk note: Call after 3pm" in text


def test_every_display_of_the_queue_is_audited_with_its_filter_and_row_count(app, client):
    store(app)
    store(app)
    staff_login(client)
    client.get("/staff/?q=maria")
    client.get("/staff/?status=bogus")  # refused: nothing displayed, nothing audited
    rows = _audit(app, "view_queue")
    assert [(row.staff_email, row.detail) for row in rows] == [
        ("desk@clinic.example", "q=maria: 2 of 2 shown")
    ]


def test_the_page_after_a_change_is_not_audited_as_another_view(app, client):
    reference = store(app)
    staff_login(client)
    client.get(f"/staff/submissions/{reference}")
    token = csrf_token(client, f"/staff/submissions/{reference}")
    saved = client.post(
        f"/staff/submissions/{reference}/note", data={"csrf_token": token, "note": "Call back"}
    )
    client.get(saved.location)
    # Two deliberate views (the page, then the page for the form's token); the redirect after the post is not.
    assert len(_audit(app, "view")) == 2 and len(_audit(app, "note")) == 1
    client.get(f"/staff/submissions/{reference}")
    assert len(_audit(app, "view")) == 3


@pytest.mark.parametrize(
    "path", ["/staff/export.csv", "/staff/export.jsonl", "/staff/audit", "/staff/audit.csv"]
)
def test_a_refused_request_for_export_or_audit_is_audited(app, client, path):
    staff_login(client)
    assert client.get(path).status_code == 403
    (row,) = _audit(app, "refused")
    assert row.staff_email == "desk@clinic.example" and row.detail == f"GET {path}"


def test_a_wrong_enrolment_code_is_audited(app, client):
    make_staff(app, "new@clinic.example", "doctor", enrolled=False)
    token = csrf_token(client, "/staff/login")
    data = {"csrf_token": token, "email": "new@clinic.example", "password": STAFF_PASSWORD}
    assert client.post("/staff/login", data=data).location == "/staff/login/enrol"
    token = csrf_token(client, "/staff/login/enrol")
    client.post("/staff/login/enrol", data={"csrf_token": token, "code": "000000"})
    (row,) = _audit(app, "sign_in_failed")
    assert row.staff_email == "new@clinic.example" and row.detail == "enrolment code"


def test_the_audit_page_filters_by_action_person_and_day_and_exports(app, client):
    reference = store(app)
    staff_login(client)
    client.get(f"/staff/submissions/{reference}")
    client = app.test_client()
    staff_login(client, "admin@clinic.example", "admin")
    day = datetime.now(UTC).date().isoformat()
    html = client.get(f"/staff/audit?action=view&email=desk@clinic.example&from={day}&to={day}")
    assert html.status_code == 200
    rows = re.findall(r'data-label="What">([^<]+)<', html.get_data(as_text=True))
    assert rows == ["Viewed"]
    exported = client.get(f"/staff/audit.csv?action=view&email=desk@clinic.example&from={day}")
    assert exported.status_code == 200 and exported.mimetype == "text/csv"
    lines = exported.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert lines[0] == "when,who,action,reference,detail,address,sequence" and len(lines) == 2
    assert f"desk@clinic.example,view,{format_reference(reference)}" in lines[1]
    assert len(_audit(app, "view_audit")) == 1
    assert "audit trail CSV" in _audit(app, "export")[0].detail
    bad = client.get("/staff/audit?action=delete&from=2026-02-30")
    text = bad.get_data(as_text=True)
    assert bad.status_code == 400 and "Action (action): must be one of" in text
    assert "From day (from): must be a real date" in text


def test_the_queue_warns_when_alerts_have_waited_to_go_out(app, client):
    store(app, **URGENT)
    staff_login(client)
    assert 'id="alerts-stalled"' not in client.get("/staff/").get_data(as_text=True)
    with app.app_context():
        db.session.execute(update(Alert).values(created_at=datetime.now(UTC) - timedelta(minutes=3)))
        db.session.commit()
    html = client.get("/staff/").get_data(as_text=True)
    assert "Alerts are not going out:</strong> 1 urgent alert waited more than 2 minutes" in html
