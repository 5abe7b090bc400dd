"""Save and come back on another device, and the waiting-room tablet's idle reset, in real Chromium (12)."""

import re

import pytest
from sqlalchemy import func, select

from rules.questions import STEPS
from screening.extensions import db
from screening.i18n.catalogues import ROOT
from screening.models import Draft
from screening.staff.auth.accounts import StaffUser
from tests.browser.conftest import PHONE, STAFF_FATAL_IMPACTS, TABLET, sign_in
from tests.browser.test_arabic_walkthrough import ar, english_words
from tests.browser.test_patient_walkthrough import MARIA, answer_step, follow, press
from tests.helpers import NEUTRAL, make_staff

pytestmark = pytest.mark.browser

# Where the screenshots go, to be looked at (out/ is not committed).
SHOTS = ROOT / "out" / "return"
SIZES = {"phone": PHONE, "tablet": TABLET}
ADMIN = "admin@clinic.example"
WARN_SECONDS, RESET_SECONDS, CONFIRMATION_SECONDS = 2, 5, 3


@pytest.fixture
def live_settings() -> dict:
    """A tablet warns after 2 seconds idle, clears after 5, leaves the confirmation after 3 (120, 180, 60)."""
    return {
        "TABLET_IDLE_WARN_SECONDS": WARN_SECONDS,
        "TABLET_IDLE_RESET_SECONDS": RESET_SECONDS,
        "TABLET_CONFIRMATION_SECONDS": CONFIRMATION_SECONDS,
    }


def enrol_tablet(live_server, page, language: str = "en") -> None:
    """An administrator enrols this browser from the staff pages, then signs out (screenshot taken)."""
    words = ar if language == "ar" else str
    make_staff(live_server.app, ADMIN, "admin")
    with live_server.app.app_context():
        # The administrator's own staff pages in the language of this run.
        db.session.get(StaffUser, db.session.scalar(select(StaffUser.id))).language = language
        db.session.commit()
    sign_in(page, live_server.url, ADMIN)
    page.goto(live_server.url + "/staff/tablets")
    page.get_by_label(words("Name of this tablet")).fill("Waiting room 1")
    press(page, words("Enrol this tablet"))
    assert "Waiting room 1" in page.locator("#tablets").inner_text()
    shoot(page, f"staff-tablets-{language}")
    press(page, words("Sign out"))


def shoot(page, name: str, *, full_page: bool = True) -> None:
    """A screenshot to be looked at; of the screen only where something is fixed on top of the page."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def drafts(live_server) -> int:
    with live_server.app.app_context():
        return db.session.scalar(select(func.count()).select_from(Draft))


@pytest.mark.parametrize("size", SIZES)
def test_answers_saved_with_a_code_continue_on_another_device(live_server, new_page, assert_accessible, size):
    first = new_page(viewport=SIZES[size])
    first.goto(live_server.url + "/")
    follow(first, "Start now")
    for label, part in (("Day", "27"), ("Month", "3"), ("Year", "1948")):
        first.locator("#date_of_birth-group").get_by_label(label, exact=True).fill(part)
    first.get_by_label("Your full name").fill(MARIA["full_name"])
    press(first, "Save and come back later")
    code = first.locator("#return-code").inner_text()
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", code)
    assert first.get_by_role("button", name="Print this page").is_visible()
    assert_accessible(first, "the code page")
    shoot(first, f"saved-{size}-en")
    first.goto(live_server.url + "/")
    assert first.get_by_role("heading", name="Continue as Maria?").is_visible()
    assert_accessible(first, "Continue as Maria?")
    shoot(first, f"continue-as-{size}-en")

    second = new_page(viewport=SIZES[size])
    second.goto(live_server.url + "/")
    follow(second, "Continue a saved questionnaire")
    second.get_by_label("Your code").fill(code.lower())
    press(second, "Continue")
    assert "Enter your date of birth" in second.locator(".error-summary").inner_text()
    assert_accessible(second, "the code form with an error")
    shoot(second, f"continue-error-{size}-en")
    for label, part in (("Day", "27"), ("Month", "3"), ("Year", "1948")):
        second.locator("#date_of_birth-group").get_by_label(label, exact=True).fill(part)
    press(second, "Continue")
    assert second.url == live_server.url + "/questions/" + STEPS[1].slug
    assert not second.console_errors


@pytest.mark.parametrize("size", SIZES)
def test_the_new_pages_in_arabic(live_server, new_page, assert_accessible, size):
    page = new_page(viewport=SIZES[size])
    page.goto(live_server.url + "/?lang=ar")
    page.get_by_role("link", name=ar("Start now")).click()
    page.wait_for_load_state("load")
    for label, part in (("Day", "٢٧"), ("Month", "٣"), ("Year", "١٩٤٨")):
        page.locator("#date_of_birth-group").get_by_label(ar(label), exact=True).fill(part)
    page.get_by_label(ar("Your full name")).fill("فاطمة الزهراء أحمد")
    page.get_by_role("button", name=ar("Save and come back later")).click()
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert english_words(page) == []
    assert_accessible(page, "the code page in Arabic")
    shoot(page, f"saved-{size}-ar")
    page.goto(live_server.url + "/")
    assert page.get_by_role("heading", name=ar("Continue as %(name)s?") % {"name": "فاطمة"}).is_visible()
    assert english_words(page) == []
    shoot(page, f"continue-as-{size}-ar")
    page.get_by_role("button", name=ar("Start again as someone else")).click()
    page.wait_for_load_state("load")
    page.goto(live_server.url + "/continue")
    page.get_by_role("button", name=ar("Continue")).click()
    page.wait_for_load_state("load")
    assert english_words(page) == []
    assert_accessible(page, "the code form in Arabic")
    shoot(page, f"continue-error-{size}-ar")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_tablet_warns_when_idle_then_clears_the_answers(live_server, new_page, assert_accessible, language):
    words = ar if language == "ar" else str
    page = new_page(viewport=TABLET)
    enrol_tablet(live_server, page, language)
    page.goto(live_server.url + "/staff/tablets")
    assert_accessible(page, "the tablets page", STAFF_FATAL_IMPACTS)
    page.goto(live_server.url + f"/?lang={language}")
    assert page.locator("body.tablet").count() == 1
    assert page.locator("footer a").count() == 0
    shoot(page, f"tablet-start-{language}")
    page.get_by_role("link", name=words("Start now")).click()
    page.wait_for_load_state("load")
    if language == "en":
        answer_step(page, STEPS[0], MARIA)
    else:
        for label, part in (("Day", "27"), ("Month", "3"), ("Year", "1948")):
            page.locator("#date_of_birth-group").get_by_label(ar(label), exact=True).fill(part)
        page.get_by_label(ar("Your full name")).fill("فاطمة الزهراء أحمد")
        page.get_by_role("button", name=ar("Continue")).click()
        page.wait_for_load_state("load")
    assert drafts(live_server) == 1
    on_step_two = page.url

    # The warning after WARN_SECONDS; a touch keeps the answers.
    warning = page.locator("#tablet-warning")
    warning.wait_for(state="visible", timeout=(WARN_SECONDS + 3) * 1000)
    assert page.get_by_role("alertdialog", name=words("Are you still there?")).is_visible()
    assert_accessible(page, "the idle warning")
    if language == "ar":
        assert english_words(page, typed=("فاطمة الزهراء أحمد",)) == []
    shoot(page, f"tablet-warning-{language}", full_page=False)
    page.get_by_role("button", name=words("I am still here")).click()
    assert warning.is_hidden() and page.url == on_step_two

    # Left alone: the warning again, then the tablet is cleared for the next person.
    warning.wait_for(state="visible", timeout=(WARN_SECONDS + 3) * 1000)
    page.wait_for_url(live_server.url + "/", timeout=(RESET_SECONDS + 5) * 1000)
    page.wait_for_load_state("load")
    assert drafts(live_server) == 0
    # The next person starts in the tablet's own language (its browser's), with a link to the other.
    page.get_by_role("link", name="Start now").click()
    page.wait_for_load_state("load")
    assert page.get_by_label("Your full name").input_value() == ""
    assert not page.console_errors


def test_a_tablet_goes_back_to_the_start_page_after_the_confirmation(live_server, new_page):
    page = new_page(viewport=TABLET)
    enrol_tablet(live_server, page)
    page.goto(live_server.url + "/")
    follow(page, "Start now")
    for step in STEPS:
        if any(q.applies({**NEUTRAL, **MARIA}) for q in step.questions):
            answer_step(page, step, {**NEUTRAL, **MARIA})
    press(page, "Send my answers")
    assert page.url == live_server.url + "/confirmation"
    shoot(page, "tablet-confirmation-en")
    page.wait_for_url(live_server.url + "/", timeout=(CONFIRMATION_SECONDS + 5) * 1000)
    page.wait_for_load_state("load")
    assert page.get_by_role("link", name="Start now").is_visible()
    assert "already sent" not in page.content()
