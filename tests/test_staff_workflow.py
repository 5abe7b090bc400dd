"""The submission page and its workflow: every answer, status changes with history, notes, CSRF."""

import pytest
from sqlalchemy import select

from screening.extensions import db
from screening.models import Submission
from screening.staff.triage.workflow import SubmissionEvent
from tests.helpers import URGENT, csrf_token, staff_login, store


def _change(client, reference, to_status, seen, reason=""):
    token = csrf_token(client, f"/staff/submissions/{reference}")
    return client.post(
        f"/staff/submissions/{reference}/status",
        data={"csrf_token": token, "to_status": to_status, "seen": seen, "reason": reason},
    )


def _status(app, reference):
    with app.app_context():
        return db.session.scalar(select(Submission.status).where(Submission.reference == reference))


def test_the_submission_page_shows_every_answer_the_result_reasons_and_flags(app, client):
    reference = store(
        app, allergies="Penicillin", blood_thinners="unsure", pain_weeks=3, pain_score=8, **URGENT
    )
    staff_login(client)
    html = client.get(f"/staff/submissions/{reference}").get_data(as_text=True)
    for shown in ("Maria Lopez", "27 Mar 1948", "+44 20 7946 0958", "Neurology referral", "URGENT"):
        assert shown in html
    assert "Penicillin" in html and "3 weeks" in html and "8 out of 10" in html
    assert "R1-nerve" in html and "R3-persistent-pain" in html
    assert "F-blood-thinners" in html and "F-allergies" in html
    assert "not a diagnosis" in html
    for field in ("fracture_confirmed", "cause", "pain_weeks", "nerve_symptoms", "escort_home", "allergies"):
        assert f'id="answer-{field}"' in html


@pytest.mark.parametrize("reference", ["ABCD-1234", "ZZZZZZZZ", "short", "ABCD12345", "<script>"])
def test_an_unknown_or_malformed_reference_is_404(app, client, reference):
    staff_login(client)
    assert client.get(f"/staff/submissions/{reference}").status_code == 404


def test_status_moves_new_contacted_booked_closed_with_who_and_when(app, client):
    reference = store(app)
    staff_login(client, "desk@clinic.example")
    for seen, to_status in (("new", "contacted"), ("contacted", "booked"), ("booked", "closed")):
        response = _change(client, reference, to_status, seen)
        assert response.status_code == 302, response.get_data(as_text=True)[:400]
        assert _status(app, reference) == to_status
    with app.app_context():
        events = db.session.scalars(select(SubmissionEvent).order_by(SubmissionEvent.id)).all()
        assert [(e.from_status, e.to_status, e.staff_email) for e in events] == [
            ("new", "contacted", "desk@clinic.example"),
            ("contacted", "booked", "desk@clinic.example"),
            ("booked", "closed", "desk@clinic.example"),
        ]
        assert all(e.at is not None for e in events)
    html = client.get(f"/staff/submissions/{reference}").get_data(as_text=True)
    history = html.split('id="history"', 1)[1]
    assert history.count("by desk@clinic.example") == 3 and "Booked → <strong>Closed" in history


def test_closing_early_needs_a_reason_which_is_kept(app, client):
    reference = store(app)
    staff_login(client)
    refused = _change(client, reference, "closed", "new")
    assert refused.status_code == 400 and "Reason: is required" in refused.get_data(as_text=True)
    assert _status(app, reference) == "new"
    assert _change(client, reference, "closed", "new", "Patient went to another clinic").status_code == 302
    html = client.get(f"/staff/submissions/{reference}").get_data(as_text=True)
    assert "Patient went to another clinic" in html and _status(app, reference) == "closed"
    assert _change(client, reference, "new", "closed", "Closed by mistake").status_code == 302
    assert _status(app, reference) == "new"


@pytest.mark.parametrize(
    ("to_status", "seen", "reason", "words"),
    [
        ("booked", "new", "", "cannot go from new to booked"),
        ("cancelled", "new", "", "must be one of new, contacted, booked, closed"),
        ("contacted", "booked", "", "by someone else"),
        ("closed", "new", "x" * 201, "at most 200 characters"),
        ("", "new", "", "Choose what to change the status to"),
    ],
)
def test_a_status_change_that_is_not_allowed_is_refused_with_a_message(
    app, client, to_status, seen, reason, words
):
    reference = store(app)
    staff_login(client)
    response = _change(client, reference, to_status, seen, reason)
    assert response.status_code == 400 and words in response.get_data(as_text=True)
    assert _status(app, reference) == "new"


def test_the_front_desk_adds_a_short_note_kept_in_the_history(app, client):
    reference = store(app)
    staff_login(client, "desk@clinic.example")
    token = csrf_token(client, f"/staff/submissions/{reference}")
    saved = client.post(
        f"/staff/submissions/{reference}/note", data={"csrf_token": token, "note": "Call after 3pm"}
    )
    assert saved.status_code == 302
    html = client.get(f"/staff/submissions/{reference}").get_data(as_text=True)
    assert "Call after 3pm</textarea>" in html and "<q>Call after 3pm</q>" in html


def test_a_too_long_note_is_refused_naming_the_field_and_the_limit(app, client):
    reference = store(app)
    staff_login(client)
    token = csrf_token(client, f"/staff/submissions/{reference}")
    response = client.post(
        f"/staff/submissions/{reference}/note", data={"csrf_token": token, "note": "n" * 501}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "Note must be at most 500 characters" in html
    assert "n" * 501 in html  # what was typed is not lost


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/staff/login", {"email": "desk@clinic.example", "password": "plum violin harbour 47"}),
        ("/staff/login/code", {"code": "123456"}),
        ("/staff/login/enrol", {"code": "123456"}),
        ("/staff/logout", {}),
        ("/staff/submissions/{ref}/status", {"to_status": "contacted", "seen": "new"}),
        ("/staff/submissions/{ref}/note", {"note": "planted"}),
    ],
)
def test_every_post_without_the_csrf_token_is_refused(app, client, path, data):
    reference = store(app)
    staff_login(client)
    response = client.post(path.format(ref=reference), data=data)
    assert response.status_code == 400
    assert _status(app, reference) == "new"
    assert client.get("/staff/").status_code == 200  # still signed in: the forged logout did nothing
    with app.app_context():
        assert db.session.scalar(select(Submission.note).where(Submission.reference == reference)) == ""
