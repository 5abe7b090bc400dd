"""Patients walking the questionnaire in headless Chromium, as they would on a phone, checked by axe-core."""

import re

import pytest
from sqlalchemy import func, select

from rules.questions import STEPS
from screening.extensions import db
from screening.models import Draft, Submission
from tests.helpers import NEUTRAL, neutral, staff_login

pytestmark = pytest.mark.browser

MARIA = {"full_name": "Maria Lopez", "date_of_birth": "1948-03-27", "phone": "+44 20 7946 0958"}
JOHN = {"full_name": "John O'Neill", "date_of_birth": "1939-11-02", "phone": "020 7946 0000"}
EDITH = {"full_name": "Edith Nørgaard-Ćosić", "date_of_birth": "1931-01-15", "phone": ""}
KOFI = {"full_name": "Kofi Mensah", "date_of_birth": "1955-07-09", "phone": "07700 900123"}


def press(page, button: str) -> None:
    """Press a button that sends a form, and wait until the next page has loaded."""
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state("load")


def follow(page, link: str) -> None:
    """Follow a link to another page, and wait until it has loaded."""
    page.get_by_role("link", name=link).click()
    page.wait_for_load_state("load")


def answer_step(page, step, flat: dict) -> None:
    """Fill one step by its visible labels, the way a patient taps and types, then press Continue."""
    for q in step.questions:
        group = page.locator(f"#{q.name}-group")
        value = flat[q.name]
        if not q.applies(flat):
            continue
        if q.name == "date_of_birth":
            year, month, day = value.split("-")
            for label, part in (("Day", day), ("Month", month), ("Year", year)):
                group.get_by_label(label, exact=True).fill(str(int(part)))
        elif q.in_months_too:
            group.get_by_label("Number", exact=True).fill(str(value))
        elif q.scale:
            group.locator(f"#{q.name}-{value}").check()
        elif q.many:
            labels = dict(q.choices)
            for chosen in value or (["none"] if q.required else []):
                group.get_by_label(labels.get(chosen, "None of these"), exact=True).check()
        elif q.choices:
            group.get_by_label(dict(q.choices)[value], exact=True).check()
        else:
            group.get_by_label(q.text).fill(str(value))
    press(page, "Continue")


def stored(live_server) -> list[Submission]:
    with live_server.app.app_context():
        rows = db.session.scalars(select(Submission)).all()
        db.session.expunge_all()
        return rows


def walk_to_review(page, live_server, answers: dict, patient: dict, check=None) -> None:
    """From the start page through every step to Check your answers, checking each page on the way."""
    page.goto(live_server.url + "/")
    check and check(page, "start page")
    follow(page, "Start now")
    flat = {**answers, **patient}
    asked = [step for step in STEPS if any(q.applies(flat) for q in step.questions)]
    for number, step in enumerate(asked, start=1):
        assert page.locator(".progress").inner_text() == f"Step {number} of {len(asked)}"
        assert page.get_by_role("heading", level=1).inner_text() == step.title
        check and check(page, step.slug)
        answer_step(page, step, {**answers, **patient})
        if page.url.endswith("/urgent-advice"):
            # An urgent answer interrupts at once; the patient may then carry on.
            check and check(page, "urgent advice")
            follow(page, "Finish the questions")
    assert page.url.endswith("/check-answers")
    check and check(page, "check your answers")


PATIENTS = [
    # (who, answers, suggestion stored, urgent)
    (
        MARIA,
        neutral(treatments_tried=["rest", "pain_medication"], allergies="Penicillin"),
        "conservative_care",
        False,
    ),
    (
        JOHN,
        neutral(pain_weeks=3, pain_score=8, load_pain="yes", treatments_tried=[]),
        "vertebroplasty_consult",
        False,
    ),
    (
        EDITH,
        neutral(nerve_symptoms=["weakness", "bladder_bowel"], blood_thinners="unsure"),
        "neurology_referral",
        True,
    ),
]


@pytest.mark.parametrize(
    ("patient", "answers", "suggestion", "urgent"), PATIENTS, ids=["maria", "john", "edith"]
)
def test_a_patient_walks_the_whole_questionnaire(
    live_server, page, assert_accessible, patient, answers, suggestion, urgent
):
    walk_to_review(page, live_server, answers, patient, check=assert_accessible)
    assert patient["full_name"] in page.locator("main").inner_text()
    press(page, "Send my answers")
    assert page.url.endswith("/confirmation")
    assert_accessible(page, "confirmation")
    (row,) = stored(live_server)
    assert (row.suggestion, row.urgent, row.status) == (suggestion, urgent, "new")
    assert row.answers["patient"]["full_name"] == patient["full_name"]
    assert row.answers["pain_score"] == answers["pain_score"]
    reference = page.locator("#reference").inner_text()
    assert reference == f"{row.reference[:4]}-{row.reference[4:]}"
    main_text = page.locator("main").inner_text()
    assert main_text.startswith("Seek emergency care today") is urgent
    assert not re.search(r"(?i)vertebroplasty|kyphoplasty|neurology|conservative", main_text)
    assert page.console_errors == []


def test_back_button_and_reload_after_sending_keep_one_row_and_one_reference(live_server, page):
    walk_to_review(page, live_server, NEUTRAL, MARIA)
    press(page, "Send my answers")
    reference = page.locator("#reference").inner_text()
    page.go_back()
    assert page.url.endswith("/confirmation")
    page.reload()
    assert page.locator("#reference").inner_text() == reference
    assert len(stored(live_server)) == 1


def test_a_wrong_answer_is_announced_focused_and_accessible(live_server, page, assert_accessible):
    page.goto(live_server.url + "/questions/about-you")
    group = page.locator("#date_of_birth-group")
    page.get_by_label("Your full name").fill("Maria Lopez")
    for label, value in (("Day", "31"), ("Month", "2"), ("Year", "1950")):
        group.get_by_label(label, exact=True).fill(value)
    press(page, "Continue")
    summary = page.get_by_role("alert")
    assert "Date of birth must be a real date" in summary.inner_text()
    assert page.evaluate("document.activeElement.className") == "error-summary"
    assert page.title().startswith("Error: ")
    assert page.get_by_label("Your full name").input_value() == "Maria Lopez"
    assert_accessible(page, "about you with an error")
    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "date_of_birth-day"


def test_an_empty_step_shows_the_apps_error_summary_not_a_browser_bubble(live_server, page):
    """Regression (issue 15.2): Chromium's own bubbles hid the error summary, one field at a time."""
    page.goto(live_server.url + "/questions/about-you")
    assert page.evaluate("document.querySelector('main form').noValidate")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        press(page, "Continue")
    assert posted.value.status == 200
    summary = page.locator(".error-summary")
    assert (
        "Enter your full name" in summary.inner_text() and "Enter your date of birth" in summary.inner_text()
    )
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    with live_server.app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Draft)) == 0


def test_the_summary_is_focused_again_after_following_its_link_and_posting(live_server, page):
    """Regression (issue 15.5): the second error render opened scrolled to the field, summary unfocused."""
    page.goto(live_server.url + "/questions/about-you")
    press(page, "Continue")
    follow(page, "Enter your full name")
    assert page.url.endswith("#full_name")
    press(page, "Continue")
    assert "#" not in page.url
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert page.evaluate("document.querySelector('.error-summary').getBoundingClientRect().top") >= 0


def test_changing_an_answer_from_check_your_answers(live_server, page):
    walk_to_review(page, live_server, neutral(pain_weeks=1, pain_score=9), JOHN)
    follow(page, "Change your answer to: How long have you had this back pain?")
    assert page.url.endswith("/questions/your-pain?change=check-answers#pain_weeks-amount")
    page.get_by_label("Number", exact=True).fill("1")
    page.get_by_label("Months", exact=True).check()
    press(page, "Save and check your answers")
    assert page.url.endswith("/check-answers#your-pain")
    assert "4 weeks" in page.locator("#answer-pain_weeks").inner_text()
    press(page, "Send my answers")
    (row,) = stored(live_server)
    assert (row.answers["pain_weeks"], row.suggestion) == (4, "vertebroplasty_consult")


def test_a_patient_without_javascript_can_answer_and_send(live_server, new_page):
    page = new_page(java_script_enabled=False)
    walk_to_review(page, live_server, neutral(deformity="yes", load_pain="yes"), KOFI)
    press(page, "Send my answers")
    assert page.locator("#reference").is_visible()
    (row,) = stored(live_server)
    assert row.suggestion == "kyphoplasty_consult"


def test_coming_back_in_the_same_browser_continues_where_the_patient_stopped(live_server, page):
    page.goto(live_server.url + "/questions/about-you")
    for step in STEPS[:4]:
        answer_step(page, step, {**NEUTRAL, **MARIA})
    page.goto("about:blank")
    page.goto(live_server.url + "/")
    press(page, "Yes, continue as Maria")
    assert page.url.endswith("/questions/legs-and-back")
    follow(page, "Back")
    assert page.locator("#pain_score-0").is_checked()


@pytest.mark.parametrize("width", [390, 1280])
def test_content_lines_up_with_the_header_on_short_pages(live_server, new_page, width):
    # Regression: the page container, a flex item with auto margins, shrank to its content and
    # drifted right of the header on pages with little content (the error summary page on a phone).
    page = new_page(viewport={"width": width, "height": 800})
    for url in ("/", "/no-such-page", "/questions/about-you"):
        page.goto(live_server.url + url)
        edges = page.evaluate(
            "[document.querySelector('.site-header__name').getBoundingClientRect().left,"
            " document.querySelector('main').getBoundingClientRect().left]"
        )
        assert edges[0] == edges[1], f"{url} at {width}px: header at {edges[0]}, content at {edges[1]}"


@pytest.mark.parametrize("width", [320, 640])
def test_pages_reflow_without_sideways_scrolling_when_zoomed(live_server, new_page, width):
    # 640 CSS pixels is a 1280-pixel screen at 200% zoom; 320 is the WCAG reflow width (400%).
    page = new_page(viewport={"width": width, "height": 600}, device_scale_factor=2)
    wide = "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    page.goto(live_server.url + "/")
    assert not page.evaluate(wide)
    follow(page, "Start now")
    for step in STEPS:
        assert not page.evaluate(wide), f"{step.slug} scrolls sideways at {width}px"
        answer_step(page, step, {**NEUTRAL, **EDITH})
    assert not page.evaluate(wide), "check your answers scrolls sideways"
    press(page, "Send my answers")
    assert not page.evaluate(wide), "confirmation scrolls sideways"


def test_a_step_sent_after_the_session_was_lost_is_reshown_with_the_answers(live_server, page):
    page.goto(live_server.url + "/questions/about-you")
    answers = {**NEUTRAL, **MARIA}
    page.get_by_label("Your full name").fill(answers["full_name"])
    page.context.clear_cookies()  # as if the browser dropped the session while the patient paused
    answer_step(page, STEPS[0], answers)
    assert "for your security it was not sent" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Your full name").input_value() == "Maria Lopez"
    assert page.get_by_label("Year", exact=True).input_value() == "1948"
    press(page, "Continue")
    assert page.url.endswith("/questions/broken-bone")


def test_ticking_leg_weakness_interrupts_at_once_and_reaches_the_staff_queue(
    live_server, page, assert_accessible
):
    """Regression (issue 15.1): the emergency advice came only after three more pages and Send."""
    page.goto(live_server.url + "/questions/about-you")
    nerves_step = next(index for index, step in enumerate(STEPS) if step.slug == "legs-and-back")
    for step in STEPS[:nerves_step]:
        answer_step(page, step, {**NEUTRAL, **MARIA})
    nerves = page.locator("#nerve_symptoms-group")
    nerves.get_by_label("Weakness in the legs", exact=True).check()
    page.locator("#deformity-group").get_by_label("No", exact=True).check()
    press(page, "Continue")
    assert page.url.endswith("/urgent-advice"), "the advice comes before the next step"
    assert page.get_by_role("heading", level=1).inner_text() == "Get emergency help now"
    assert page.locator("#call-emergency").get_attribute("href") == "tel:112"
    assert "Weakness in the legs" in page.locator("#emergency").inner_text()
    assert_accessible(page, "urgent advice")
    reference = page.locator("#reference").inner_text()
    (row,) = stored(live_server)
    assert (row.urgent, row.complete, row.status) == (True, False, "new")
    assert f"{row.reference[:4]}-{row.reference[4:]}" == reference
    staff = live_server.app.test_client()
    staff_login(staff)
    queue = staff.get("/staff/").get_data(as_text=True)
    assert reference in queue and "Not finished" in queue
    follow(page, "Finish the questions")
    assert page.url.endswith("/questions/" + STEPS[nerves_step + 1].slug)
    assert page.console_errors == []


INFO_PAGES = ["/contact", "/privacy", "/cookies", "/accessibility", "/no-such-page"]


@pytest.mark.parametrize("path", INFO_PAGES)
def test_the_pages_about_the_service_have_no_axe_violations_of_any_impact(
    live_server, page, assert_accessible, path
):
    """Regression (issue 15.9): /privacy, /accessibility and /cookies were 404s; every page passes axe."""
    response = page.goto(live_server.url + path)
    assert response.status == (404 if path == "/no-such-page" else 200)
    assert_accessible(page, path)
    if path != "/no-such-page":
        assert page.locator("footer").get_by_role("link", name="Privacy").is_visible()


def test_ticking_none_of_these_clears_the_symptoms_and_a_symptom_clears_none(live_server, page):
    """Issue 15.7: "None of these" and the symptoms exclude each other (a script; the server checks too)."""
    for step in STEPS[:4]:
        if step is STEPS[0]:
            page.goto(live_server.url + "/questions/about-you")
        answer_step(page, step, {**NEUTRAL, **MARIA})
    group = page.locator("#nerve_symptoms-group")
    group.get_by_label("Weakness in the legs", exact=True).check()
    group.get_by_label("None of these", exact=True).check()
    assert not group.get_by_label("Weakness in the legs", exact=True).is_checked()
    group.get_by_label("Numbness or tingling in the legs", exact=True).check()
    assert not group.get_by_label("None of these", exact=True).is_checked()
