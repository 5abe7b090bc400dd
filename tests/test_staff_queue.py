"""The triage queue: order, what each row shows, filters, search, paging and bad query parameters."""

import re
from datetime import UTC, date, datetime

import pytest

from rules.checks import age_on
from rules.table import SUGGESTION_LABELS, SUGGESTION_PRIORITY
from screening.staff.triage import queue
from screening.submissions import format_reference
from tests.helpers import (
    CONSERVATIVE,
    KYPHOPLASTY,
    NEUROLOGY,
    URGENT,
    VERTEBROPLASTY,
    csrf_token,
    queue_order,
    staff_login,
    store,
)


def test_queue_puts_urgent_first_then_suggestion_priority_then_oldest(app, client):
    made = {
        "conservative old": store(app, hours_ago=100, **CONSERVATIVE),
        "vertebroplasty new": store(app, hours_ago=1, **VERTEBROPLASTY),
        "vertebroplasty old": store(app, hours_ago=50, **VERTEBROPLASTY),
        "urgent new": store(app, hours_ago=2, **URGENT),
        "kyphoplasty": store(app, hours_ago=3, **KYPHOPLASTY),
        "neurology": store(app, hours_ago=4, **NEUROLOGY),
        "urgent old": store(app, hours_ago=30, **URGENT),
        "urgent kyphoplasty": store(app, hours_ago=40, deformity="yes", nerve_symptoms=["bladder_bowel"]),
    }
    staff_login(client)
    expected = [
        # Urgent first; all three are neurology referrals (R1 matches before R2), so oldest first among them.
        "urgent kyphoplasty",
        "urgent old",
        "urgent new",
        "neurology",
        "kyphoplasty",
        "vertebroplasty old",
        "vertebroplasty new",
        "conservative old",
    ]
    assert queue_order(client) == [made[key] for key in expected]


def test_each_row_shows_reference_name_age_times_suggestion_urgent_flags_and_status(app, client):
    reference = store(
        app,
        name="Zoë Ångström",
        hours_ago=3,
        born="1950-01-01",
        blood_thinners="yes",
        can_lie_flat="no",
        **URGENT,
    )
    staff_login(client)
    html = client.get("/staff/").get_data(as_text=True)
    row = html.split(f'data-reference="{format_reference(reference)}"', 1)[1].split("</tr>", 1)[0]
    assert format_reference(reference) in row and "Zoë Ångström" in row
    age = age_on(date(1950, 1, 1), datetime.now(UTC).date())
    assert f'data-label="Age"><div>{age}</div>' in row
    assert "3 hours ago" in row and re.search(r"\d\d [A-Z][a-z]{2} \d{4}, \d\d:\d\d", row)
    assert "Neurology referral" in row and "URGENT" in row
    # The flags column names the flags (issue 10.5), the full line in a tooltip.
    assert "blood thinners" in row and "positioning" in row and "2 flags" not in row
    assert "New" in row


def test_closed_submissions_leave_the_queue_but_can_be_listed(app, client):
    kept = store(app)
    closed = store(app)
    staff_login(client)
    token = csrf_token(client, f"/staff/submissions/{closed}")
    client.post(
        f"/staff/submissions/{closed}/status",
        data={"csrf_token": token, "to_status": "closed", "seen": "new", "reason": "Duplicate"},
    )
    assert queue_order(client) == [kept]
    assert queue_order(client, "?status=closed") == [closed]
    assert len(queue_order(client, "?status=all")) == 2


def test_filter_by_suggestion_and_search_by_name_or_reference(app, client):
    kypho = store(app, name="Ana Pereira", **KYPHOPLASTY)
    other = store(app, name="John O'Neil_Smith", **VERTEBROPLASTY)
    staff_login(client)
    assert queue_order(client, "?suggestion=kyphoplasty_consult") == [kypho]
    assert queue_order(client, "?q=pereira") == [kypho]
    assert queue_order(client, "?q=O%27Neil_") == [other]
    assert queue_order(client, "?q=" + format_reference(other).lower()) == [other]
    assert queue_order(client, "?q=%25") == []  # a % is searched for literally, not as a wildcard


def test_the_queue_is_paged_fifty_at_a_time(app, client):
    for hours in range(51):
        store(app, hours_ago=hours + 1)
    staff_login(client)
    assert len(queue_order(client)) == 50
    second = client.get("/staff/?page=2").get_data(as_text=True)
    assert len(re.findall(r'data-reference="', second)) == 1 and "page 2 of 2" in second


@pytest.mark.parametrize(
    ("query", "field", "words"),
    [
        ("?status=pending", "status", "must be one of open, new, contacted, booked, closed, all"),
        ("?suggestion=surgery", "suggestion", "must be empty (any) or one of neurology_referral"),
        ("?page=abc", "page", "must be a whole number from 1 up"),
        ("?page=-1", "page", "must be a whole number from 1 up"),
        ("?page=0", "page", "must be a whole number from 1 up"),
        ("?page=99999999999999999999", "page", "must be a whole number from 1 up"),
        ("?page=7", "page", "must be from 1 to 1"),
        ("?day=2026-02-30", "day", "must be a real date written YYYY-MM-DD"),
        ("?day=yesterday", "day", "must be a real date written YYYY-MM-DD"),
        ("?q=" + "x" * 121, "q", "at most 120 characters"),
    ],
)
def test_bad_query_parameters_get_a_message_naming_the_parameter(app, client, query, field, words):
    store(app)
    staff_login(client)
    response = client.get("/staff/" + query)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f'href="#{field}"' in html and f"({field})" in html and words in html


def test_the_queue_explains_the_triage_order_in_the_rules_tables_words(app, client, monkeypatch):
    # Regression (issue 9.5): the page restated the order by hand, so it could drift from rules/.
    staff_login(client)
    assert queue.order_in_words() in client.get("/staff/").get_data(as_text=True)
    monkeypatch.setattr(queue, "SUGGESTION_PRIORITY", tuple(reversed(SUGGESTION_PRIORITY)))
    monkeypatch.setattr(
        queue, "SUGGESTION_LABELS", {**SUGGESTION_LABELS, "neurology_referral": "Nerve clinic"}
    )
    assert (
        "then the other new ones: urgent, conservative care, vertebroplasty consult, kyphoplasty consult "
        "and nerve clinic; " in (client.get("/staff/").get_data(as_text=True))
    )
