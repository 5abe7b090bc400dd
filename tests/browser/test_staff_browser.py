"""The front desk in real Chromium: sign in with two steps, find the urgent one on top, mark it, print it."""

import pytest

from screening.submissions import format_reference
from tests.browser.conftest import STAFF_FATAL_IMPACTS, sign_in
from tests.helpers import (
    KYPHOPLASTY,
    URGENT,
    VERTEBROPLASTY,
    make_staff,
    store,
)

DESKTOP = {"width": 1280, "height": 900}


@pytest.mark.browser
def test_front_desk_signs_in_finds_the_urgent_one_on_top_marks_it_contacted_and_prints_it(
    live_server, new_page, assert_accessible
):
    app = live_server.app
    store(app, name="Older Vertebro", hours_ago=30, **VERTEBROPLASTY)
    store(app, name="Kypho Patient", hours_ago=20, **KYPHOPLASTY)
    urgent = format_reference(store(app, name="Urgent Patient", hours_ago=1, **URGENT))
    make_staff(app, "desk@clinic.example", "frontdesk")
    page = new_page(viewport=DESKTOP)

    page.goto(live_server.url + "/staff/")
    assert page.url.startswith(live_server.url + "/staff/login")
    assert_accessible(page, "staff login", STAFF_FATAL_IMPACTS)
    sign_in(page, live_server.url)
    first_row = page.locator("#queue tbody tr").first
    assert first_row.get_attribute("data-reference") == urgent
    assert "URGENT" in first_row.inner_text()
    assert_accessible(page, "staff queue", STAFF_FATAL_IMPACTS)

    first_row.get_by_role("link", name=urgent).click()
    page.wait_for_url("**/staff/submissions/*")
    assert page.locator("h1").inner_text() == "Urgent Patient"
    page.get_by_role("button", name="Mark contacted").click()
    assert page.locator("#current-status").inner_text() == "Contacted"
    assert "desk@clinic.example" in page.locator("#history").inner_text()
    assert_accessible(page, "submission page", STAFF_FATAL_IMPACTS)
    # No CSP violation or script error on the staff pages (the PDF viewer's own favicon request comes later).
    assert not page.console_errors, page.console_errors

    with page.expect_response(lambda response: response.url.endswith(".pdf")) as pdf:
        page.get_by_role("link", name="Open the PDF summary").click()
    assert pdf.value.status == 200 and pdf.value.headers["content-type"] == "application/pdf"
    assert pdf.value.headers["cache-control"] == "no-store"
    # Chromium shows the PDF in its viewer; the same request from this signed-in context gives the bytes.
    assert page.url == pdf.value.url
    fetched = page.context.request.get(pdf.value.url)
    assert fetched.ok and fetched.body().startswith(b"%PDF-")
