"""Urgent alerts (issue 10.4): an outbox row with every urgent submission, emailed by a real SMTP server,
escalated every period until acknowledged, retried when the mail server is down, never sent twice."""

import json
import os
import re
import subprocess
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from screening import ConfigError, create_app
from screening.alerts import sender
from screening.alerts.outbox import Alert
from screening.extensions import db
from screening.models import Submission
from screening.submissions import format_reference
from tests.helpers import NEUTRAL, PATIENT, URGENT, csrf_token, staff_login, store
from tests.production import patient_walk
from tests.test_serve import SCREENING

MAIL = {
    "ALERT_EMAIL_FROM": "alerts@clinic.example",
    "ALERT_EMAIL_TO": "oncall@clinic.example, lead@clinic.example",
}
PUBLIC_URL = "https://screening.clinic.example"


def _mail_to(app, smtp_server, **more) -> None:
    app.config.update(SMTP_URL=smtp_server.url, PUBLIC_URL=PUBLIC_URL, **MAIL, **more)


def _pass(app) -> dict:
    with app.app_context():
        return sender.run_once()


def _alerts(app) -> list[tuple[str, int, str, str]]:
    with app.app_context():
        rows = db.session.execute(
            select(Submission.reference, Alert.round, Alert.channel, Alert.state)
            .join(Submission, Alert.submission_id == Submission.id)
            .order_by(Alert.id)
        )
        return [tuple(row) for row in rows]


def _arrived_minutes_ago(app, reference: str, minutes: float) -> None:
    with app.app_context():
        moment = datetime.now(UTC) - timedelta(minutes=minutes)
        db.session.execute(
            update(Submission).where(Submission.reference == reference).values(created_at=moment)
        )
        db.session.commit()


def _acknowledge(client, reference: str):
    token = csrf_token(client, f"/staff/submissions/{reference}")
    return client.post(f"/staff/submissions/{reference}/acknowledge", data={"csrf_token": token})


def test_an_urgent_submission_is_stored_with_one_alert_per_channel_and_others_with_none(app, webhook):
    urgent = store(app, **URGENT)
    store(app)
    app.config["ALERT_WEBHOOK_URL"] = webhook.url
    both = store(app, **URGENT)
    assert _alerts(app) == [
        (urgent, 0, "email", "pending"),
        (both, 0, "email", "pending"),
        (both, 0, "webhook", "pending"),
    ]


def test_the_first_alert_is_emailed_once_with_reference_and_link_and_no_patient_data(app, smtp_server):
    _mail_to(app, smtp_server)
    reference = store(app, name="Zoë Quintessa", **URGENT)
    assert _pass(app)["sent"] == 1
    assert _pass(app)["sent"] == 0
    (message,) = smtp_server.wait_for(1)
    assert message["Subject"] == f"Urgent screening submission {format_reference(reference)}"
    assert message["To"] == MAIL["ALERT_EMAIL_TO"] and message["From"] == MAIL["ALERT_EMAIL_FROM"]
    text = message.as_string()
    assert f"{PUBLIC_URL}/staff/submissions/{reference}" in text
    # Email is not a safe channel for health data: no name, birth date, phone or answer.
    for secret in ("Quintessa", "Zo", "1948", "7946", "weakness", "Neurology"):
        assert secret not in text, secret
    assert _alerts(app) == [(reference, 0, "email", "sent")]


def test_the_webhook_gets_the_alert_as_json_without_patient_data(app, smtp_server, webhook):
    _mail_to(app, smtp_server, ALERT_WEBHOOK_URL=webhook.url)
    reference = store(app, name="Zoë Quintessa", **URGENT)
    assert _pass(app)["sent"] == 2
    (post,) = webhook.posts
    assert post["event"] == "urgent_submission" and post["round"] == 0
    assert post["reference"] == format_reference(reference)
    assert post["link"] == f"{PUBLIC_URL}/staff/submissions/{reference}"
    assert "Quintessa" not in str(post)


def test_an_unacknowledged_submission_escalates_every_period_until_acknowledged(app, client, smtp_server):
    _mail_to(app, smtp_server, URGENT_ESCALATE_MINUTES=15)
    reference = store(app, **URGENT)
    _pass(app)
    _arrived_minutes_ago(app, reference, 16)
    assert _pass(app) == {"escalated": 1, "cancelled": 0, "sent": 1, "failed": 0}
    assert _pass(app)["sent"] == 0  # the same period: nothing more
    _arrived_minutes_ago(app, reference, 31)
    _pass(app)
    subjects = [message["Subject"] for message in smtp_server.wait_for(3)]
    shown = format_reference(reference)
    assert subjects == [
        f"Urgent screening submission {shown}",
        f"ESCALATION 1: urgent {shown} unacknowledged for 16 min",
        f"ESCALATION 2: urgent {shown} unacknowledged for 31 min",
    ]
    staff_login(client)
    assert _acknowledge(client, reference).status_code == 302
    _arrived_minutes_ago(app, reference, 46)
    assert _pass(app) == {"escalated": 0, "cancelled": 0, "sent": 0, "failed": 0}
    time.sleep(0.5)
    assert len(smtp_server.messages) == 3


def test_acknowledging_before_the_sender_runs_cancels_the_pending_alert(app, client, smtp_server):
    _mail_to(app, smtp_server)
    reference = store(app, **URGENT)
    staff_login(client)
    _acknowledge(client, reference)
    assert _pass(app) == {"escalated": 0, "cancelled": 1, "sent": 0, "failed": 0}
    assert smtp_server.messages == [] and _alerts(app) == [(reference, 0, "email", "cancelled")]


def test_a_failed_delivery_waits_and_is_retried_with_back_off(app, smtp_server):
    _mail_to(app, smtp_server, ALERT_RETRY_SECONDS=10)
    smtp_server.stop()
    store(app, **URGENT)
    assert _pass(app)["failed"] == 1
    with app.app_context():
        alert = db.session.scalars(select(Alert)).one()
        assert alert.state == "pending" and alert.attempts == 1
        assert "Connection" in alert.last_error or "refused" in alert.last_error
        wait = (alert.next_try_at - datetime.now(UTC)).total_seconds()
    assert 8 < wait <= 10
    # Not due yet: the next pass leaves it alone, even with the server back.
    smtp_server.start()
    assert _pass(app) == {"escalated": 0, "cancelled": 0, "sent": 0, "failed": 0}
    with app.app_context():
        db.session.execute(update(Alert).values(next_try_at=datetime.now(UTC)))
        db.session.commit()
    assert _pass(app)["sent"] == 1 and len(smtp_server.wait_for(1)) == 1


@pytest.fixture
def migrated(database_url):
    """The app on a fresh database migrated as in production, so `screening alerts` can share it."""
    app = create_app({"TESTING": True, "SECRET_KEY": "k", "SQLALCHEMY_DATABASE_URI": database_url})
    yield app
    with app.app_context():
        db.engine.dispose()


def _wait_until(check, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_the_sender_delivers_once_after_the_mail_server_comes_back(migrated, smtp_server, alert_senders):
    # Regression-style proof for issue 10.4: the mail server stops mid-run; nothing is lost or doubled.
    smtp_server.stop()
    alert_senders(SMTP_URL=smtp_server.url, ALERT_RETRY_SECONDS="1", **MAIL)
    reference = store(migrated, **URGENT)

    def failed_twice() -> bool:
        with migrated.app_context():
            return db.session.scalar(select(Alert.attempts)) >= 2

    _wait_until(failed_twice)
    assert smtp_server.messages == []
    smtp_server.start()
    assert len(smtp_server.wait_for(1, seconds=30)) == 1
    time.sleep(3)  # several more passes of the sender
    assert [m["Subject"] for m in smtp_server.messages] == [
        f"Urgent screening submission {format_reference(reference)}"
    ]
    assert _alerts(migrated) == [(reference, 0, "email", "sent")]


def test_two_senders_and_concurrent_urgent_patients_send_one_email_each(serve, smtp_server, alert_senders):
    served = serve(DRAFTS_PER_HOUR="0", SUBMISSIONS_PER_HOUR="0")
    for _ in range(2):
        alert_senders(SMTP_URL=smtp_server.url, **MAIL)
    patients = 6
    line_up = threading.Barrier(patients)
    errors: list[BaseException] = []

    def walk() -> None:
        try:
            patient_walk(served.url, timeout=30, before_send=line_up.wait, answers={**NEUTRAL, **URGENT})
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=walk) for _ in range(patients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    messages = smtp_server.wait_for(patients, seconds=30)
    time.sleep(2)
    with served.app.app_context():
        references = db.session.scalars(select(Submission.reference).where(Submission.urgent.is_(True))).all()
    assert len(references) == patients
    subjects = sorted(message["Subject"] for message in smtp_server.messages)
    assert subjects == sorted(f"Urgent screening submission {format_reference(ref)}" for ref in references)
    assert len(messages) == patients and PATIENT["full_name"] not in str([m.as_string() for m in messages])


@pytest.mark.parametrize(
    ("settings", "words"),
    [
        ({"SMTP_URL": "mail.example:25"}, "SMTP_URL must look like smtp://host:25"),
        ({"SMTP_URL": "smtp://mail.example:99999"}, "SMTP_URL has a port that is not a number"),
        ({"SMTP_URL": "smtp://mail.example:25"}, "ALERT_EMAIL_FROM and ALERT_EMAIL_TO"),
        (
            {"ALERT_EMAIL_TO": "oncall"},
            "'oncall' in ALERT_EMAIL_TO or ALERT_EMAIL_FROM is not an email address",
        ),
        (
            {"ALERT_WEBHOOK_URL": "file:///etc/passwd"},
            "ALERT_WEBHOOK_URL must be an http:// or https:// address",
        ),
        (
            {"URGENT_ESCALATE_MINUTES": "0"},
            "URGENT_ESCALATE_MINUTES '0' must be a whole number from 1 to 1440",
        ),
        ({"URGENT_ESCALATE_MINUTES": "15m"}, "URGENT_ESCALATE_MINUTES '15m' must be a whole number"),
        ({"ALERT_RETRY_SECONDS": "-1"}, "ALERT_RETRY_SECONDS '-1' must be a whole number from 1 to 600"),
        ({"PUBLIC_URL": "screening.clinic.example"}, "PUBLIC_URL must be an http:// or https:// address"),
    ],
)
def test_a_bad_alert_setting_stops_the_start_naming_it(tmp_path, settings, words):
    config = {
        "TESTING": True,
        "SECRET_KEY": "k",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite'}",
    }
    with pytest.raises(ConfigError, match=re.escape(words)):
        create_app({**config, "DATABASE_SCHEMA": "create_all", **settings})


def test_screening_alerts_once_prints_what_it_did(migrated):
    store(migrated, **URGENT)
    env = {**os.environ, "SECRET_KEY": "k" * 32, "DATABASE_URL": migrated.config["SQLALCHEMY_DATABASE_URI"]}
    done = subprocess.run(
        [SCREENING, "alerts", "--once"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {
        "escalated": 0,
        "cancelled": 0,
        "sent": 1,
        "failed": 0,
    }
    assert "SMTP_URL is not set: alerts are printed here" in done.stderr
