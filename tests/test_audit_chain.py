"""The audit trail's hash chain (issue 13.10): a row changed or removed by a database owner shows."""

import threading

from sqlalchemy import text

from screening.extensions import db
from screening.staff.audit.chain import verify
from tests.helpers import staff_login, store
from tests.test_code_race import _send, _session, _token

LIFT = {
    "sqlite": ["DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"],
    "postgresql": ["DROP TRIGGER audit_log_append_only ON audit_log"],
}


def audited(app, client) -> None:
    """A few staff actions, each writing audit rows: sign-in, views, a PDF."""
    reference = store(app)
    staff_login(client, "doc@clinic.example", "doctor")
    for _ in range(3):
        client.get(f"/staff/submissions/{reference}")
    client.get(f"/staff/submissions/{reference}.pdf")


def as_owner(app, *statements: str) -> None:
    """What a database owner could do: lift the append-only triggers and change rows."""
    with app.app_context():
        for statement in [*LIFT[db.engine.dialect.name], *statements]:
            db.session.execute(text(statement))
        db.session.commit()


def verdict(app):
    with app.app_context():
        return verify()


def test_an_untouched_trail_verifies_and_the_command_says_so(app, client):
    audited(app, client)
    assert verdict(app).broken is None and verdict(app).rows >= 5
    result = app.test_cli_runner().invoke(args=["verify-audit"])
    assert result.exit_code == 0 and "The audit trail is intact:" in result.output


def test_regression_issue_13_10_a_changed_row_is_named(app, client):
    audited(app, client)
    as_owner(app, "UPDATE audit_log SET staff_email = 'nobody@clinic.example' WHERE sequence = 3")
    assert "(sequence 3): its contents or an earlier row changed" in verdict(app).broken
    result = app.test_cli_runner().invoke(args=["verify-audit"])
    assert result.exit_code == 1 and "The audit trail is broken at row id" in result.output


def test_regression_issue_13_10_a_removed_row_is_named(app, client):
    audited(app, client)
    as_owner(app, "DELETE FROM audit_log WHERE sequence = 2")
    assert "sequence 3, expected 2 (rows missing)" in verdict(app).broken


def test_regression_issue_13_10_removing_the_newest_rows_is_seen_at_the_end(app, client):
    audited(app, client)
    with app.app_context():
        last = db.session.scalar(text("SELECT max(sequence) FROM audit_log"))
    as_owner(app, f"DELETE FROM audit_log WHERE sequence = {int(last)}")  # noqa: S608 (an int from the db)
    assert "the end:" in verdict(app).broken and "(rows removed)" in verdict(app).broken


def test_concurrent_audited_requests_keep_one_unbroken_chain(serve):
    """Twelve failed sign-ins at once against `screening serve` (2 workers): twelve links, no fork."""
    running = serve()
    base = running.url
    sessions = []
    for index in range(12):
        opener = _session()
        token = _token(_send(opener, base + "/staff/login")[2])
        sessions.append((opener, token, f"guess{index}@clinic.example"))
    start = threading.Barrier(len(sessions))

    def fail(opener, token, email) -> None:
        start.wait()
        _send(opener, base + "/staff/login", {"csrf_token": token, "email": email, "password": "x" * 12})

    threads = [threading.Thread(target=fail, args=session) for session in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert verdict(running.app) == (12, None)
