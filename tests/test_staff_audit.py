"""The administrator's audit page: newest first, a hundred rows a page, a clear message past the last page."""

import re
from datetime import UTC, datetime, timedelta

from screening.extensions import db
from screening.staff.audit.trail import PAGE_SIZE, AuditEntry
from tests.helpers import staff_login


def _rows(html: str) -> list[str]:
    return re.findall(r'<td data-label="Who">([^<]+)</td>', html)


def test_the_trail_is_paged_newest_first(app, client):
    start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    with app.app_context():
        db.session.add_all(
            AuditEntry(at=start + timedelta(minutes=n), staff_email=f"s{n}@clinic.example", action="view")
            for n in range(PAGE_SIZE + 1)
        )
        db.session.commit()
    staff_login(client, "admin@clinic.example", "admin")
    first = client.get("/staff/audit").get_data(as_text=True)
    # The admin's own sign-in is the newest row of all.
    assert len(_rows(first)) == PAGE_SIZE and _rows(first)[:2] == [
        "admin@clinic.example",
        "s100@clinic.example",
    ]
    assert f"{PAGE_SIZE + 2} entries, page 1 of 2" in first
    second = client.get("/staff/audit?page=2").get_data(as_text=True)
    # Reading page 1 was itself written to the trail (issue 10.6): one row more pushes s2 to page 2.
    assert _rows(second) == ["s2@clinic.example", "s1@clinic.example", "s0@clinic.example"]
    past = client.get("/staff/audit?page=3")
    assert past.status_code == 400 and "must be from 1 to 2" in past.get_data(as_text=True)


def test_a_filter_with_no_rows_is_one_empty_page(app, client):
    staff_login(client, "admin@clinic.example", "admin")
    response = client.get("/staff/audit?email=nobody@clinic.example")
    assert response.status_code == 200 and "0 entries." in response.get_data(as_text=True)
