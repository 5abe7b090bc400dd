"""The open queue in real Chromium (issue 10.1-10.3): ten rows on a desk screen, a new urgent submission
appears without a reload, the tab title counts it, and one click acknowledges it."""

import time
from datetime import UTC, datetime

import pytest
from sqlalchemy import update

from screening.extensions import db
from screening.models import Submission
from screening.submissions import format_reference
from tests.browser.conftest import STAFF_FATAL_IMPACTS, sign_in
from tests.helpers import URGENT, VERTEBROPLASTY, make_staff, store

DESK_SCREEN = {"width": 1280, "height": 800}


def _handled_urgent(app, count: int) -> None:
    # The clerk's day from the issue: most urgent ones already contacted or booked.
    for n in range(count):
        reference = store(app, name=f"Handled Urgent {n}", hours_ago=5 + n, **URGENT)
        with app.app_context():
            db.session.execute(
                update(Submission)
                .where(Submission.reference == reference)
                .values(status="booked" if n % 2 else "contacted", acknowledged_at=datetime.now(UTC))
            )
            db.session.commit()


@pytest.mark.browser
def test_a_new_urgent_submission_appears_on_top_of_an_open_queue_without_a_reload(
    live_server, new_page, assert_accessible, tmp_path
):
    app = live_server.app
    _handled_urgent(app, 6)
    for n in range(6):
        store(app, name=f"Waiting Patient {n}", hours_ago=1 + n, **VERTEBROPLASTY)
    make_staff(app, "desk@clinic.example", "frontdesk")
    page = new_page(viewport=DESK_SCREEN)
    sign_in(page, live_server.url)

    page.screenshot(path=str(tmp_path / "queue-before.png"))
    rows = page.locator("#queue tbody tr")
    boxes = [rows.nth(i).bounding_box() for i in range(rows.count())]
    visible = [box for box in boxes if box["y"] + box["height"] <= DESK_SCREEN["height"]]
    assert len(visible) >= 10, f"only {len(visible)} rows fit the first screen"
    assert page.title() == "Triage queue – Spine clinic – staff"

    arrived = format_reference(store(app, name="Bladder Bowel", **{"nerve_symptoms": ["bladder_bowel"]}))
    started = time.monotonic()
    page.locator(f'#queue tbody tr[data-reference="{arrived}"]').wait_for(timeout=10_000)
    assert time.monotonic() - started < 10
    assert rows.first.get_attribute("data-reference") == arrived
    page.wait_for_function("document.title.startsWith('(1) ')", timeout=10_000)
    assert "Unacknowledged for under 1 min" in rows.first.inner_text()
    page.screenshot(path=str(tmp_path / "queue-arrived.png"))
    assert_accessible(page, "live queue", STAFF_FATAL_IMPACTS)

    rows.first.get_by_role("button", name=f"Acknowledge {arrived}").click()
    page.wait_for_url(live_server.url + "/staff/")
    assert "acknowledged: its alerts stop" in page.locator(".staff-flash").inner_text()
    assert page.title() == "Triage queue – Spine clinic – staff"
    assert "Acknowledged after" in page.locator(f'tr[data-reference="{arrived}"]').inner_text()
    assert not page.console_errors, page.console_errors


@pytest.mark.browser
def test_without_javascript_the_queue_still_lists_and_says_to_reload(live_server, new_page):
    app = live_server.app
    urgent = format_reference(store(app, **URGENT))
    make_staff(app, "desk@clinic.example", "frontdesk")
    signed = new_page(viewport=DESK_SCREEN)
    sign_in(signed, live_server.url)
    page = new_page(
        viewport=DESK_SCREEN, java_script_enabled=False, storage_state=signed.context.storage_state()
    )
    page.goto(live_server.url + "/staff/")
    assert page.locator("#queue tbody tr").first.get_attribute("data-reference") == urgent
    assert "reload the page to see new submissions" in page.locator("#live-status").inner_text()
    assert page.locator("#live-sound-label").is_hidden()
