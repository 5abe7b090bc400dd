"""A patient who reads Arabic: the whole questionnaire in Arabic on a phone, typing Arabic-Indic digits."""

import re

import pytest
from sqlalchemy import select

from rules.questions import STEPS
from screening.extensions import db
from screening.i18n.catalogues import ROOT, translations_for
from screening.models import Submission
from tests.helpers import neutral

pytestmark = pytest.mark.browser

AR = translations_for("ar")
# Where the screenshots go, to be looked at (not committed: out/ is ignored).
SHOTS = ROOT / "out" / "arabic"
FATIMA = {"full_name": "فاطمة الزهراء أحمد", "date_of_birth": "1948-03-27", "phone": "07700 900123"}
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
EASTERN_ARABIC_INDIC = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
# Latin letters that may stand on an Arabic page: a reference code (XXXX-XXXX), the cookie's name,
# the contact page's example code, and the name of the accessibility tool.
# "PDF" is the file format's name, written in Latin letters in Arabic too ("تنزيل إجاباتي (PDF)").
ALLOWED_LATIN = re.compile(r"(?<![0-9A-Z])[0-9A-Z]{4}-[0-9A-Z]{4}(?![0-9A-Z])|\bsession\b|axe-core|\bPDF\b")


def ar(text: str) -> str:
    """The Arabic catalogue's words for an English source text (what the patient sees)."""
    return AR.gettext(text)


def shoot(page, name: str) -> None:
    """A full-page screenshot at phone size, to be looked at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def english_words(page, typed: tuple[str, ...] = ()) -> list[str]:
    """Latin-letter words on the page, outside elements marked lang="en" and outside what was typed."""
    text = page.evaluate(
        """() => {
            const copy = document.body.cloneNode(true);
            copy.querySelectorAll('[lang="en"], script, style').forEach((el) => el.remove());
            copy.querySelectorAll('input, textarea').forEach((el) => el.remove());
            return copy.innerText + ' ' + document.title;
        }"""
    )
    for value in typed:
        text = text.replace(value, " ")
    text = ALLOWED_LATIN.sub(" ", text)
    return re.findall(r"[A-Za-z]{2,}", text)


def press(page, button: str) -> None:
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state("load")


def answer_in_arabic(page, step, flat: dict) -> None:
    """Fill one step by its Arabic labels; numbers typed key by key in Arabic-Indic digits."""
    for q in step.questions:
        if not q.applies(flat):
            continue
        group = page.locator(f"#{q.name}-group")
        value = flat[q.name]
        if q.name == "date_of_birth":
            year, month, day = value.split("-")
            for label, part in (("Day", day), ("Month", month), ("Year", year)):
                box = group.get_by_label(ar(label), exact=True)
                box.press_sequentially(str(int(part)).translate(ARABIC_INDIC))
        elif q.in_months_too:
            # Eastern Arabic-Indic digits (Persian and Urdu keyboards), in months.
            group.get_by_label(ar("Months"), exact=True).check()
            group.get_by_label(ar("Number"), exact=True).press_sequentially(
                str(value).translate(EASTERN_ARABIC_INDIC)
            )
        elif q.scale:
            group.locator(f"#{q.name}-{value}").check()
        elif q.many:
            labels = dict(q.choices)
            for chosen in value or (["none"] if q.required else []):
                group.get_by_label(ar(labels.get(chosen, "None of these")), exact=True).check()
        elif q.choices:
            group.get_by_label(ar(dict(q.choices)[value]), exact=True).check()
        elif q.inputmode == "tel":
            group.get_by_label(ar(q.text), exact=False).press_sequentially(value.translate(ARABIC_INDIC))
        else:
            group.get_by_label(ar(q.text), exact=False).press_sequentially(value)
    press(page, ar("Continue"))


def test_a_patient_answers_everything_in_arabic_on_a_phone(live_server, page, assert_accessible):
    answers = neutral(pain_weeks=3, pain_score=7, load_pain="yes", allergies="البنسلين")
    flat = {**answers, **FATIMA}
    checked: list[str] = []

    def check(where: str) -> None:
        assert page.locator("html").get_attribute("lang") == "ar"
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert english_words(page, typed=(FATIMA["full_name"],)) == [], where
        assert_accessible(page, f"{where} (Arabic)")
        shoot(page, f"{len(checked):02d}-{where}")
        checked.append(where)

    page.goto(live_server.url + "/?lang=ar")
    check("start")
    page.get_by_role("link", name=ar("Start now")).click()
    asked = [step for step in STEPS if any(q.applies(flat) for q in step.questions)]
    for number, step in enumerate(asked, start=1):
        progress = ar("Step %(number)s of %(total)s") % {"number": number, "total": len(asked)}
        assert page.locator(".progress").inner_text() == progress
        assert page.get_by_role("heading", level=1).inner_text() == ar(step.title)
        check(step.slug)
        answer_in_arabic(page, step, flat)
    assert page.url.endswith("/check-answers")
    main = page.locator("main").inner_text()
    # The date in the patient's language (Babel), and the weeks worked out from three months.
    assert "27 مارس 1948" in main and ar("%(num)d week").replace("%(num)d", "13") not in main
    check("check-answers")
    press(page, ar("Send my answers"))
    assert page.url.endswith("/confirmation")
    check("confirmation")

    with live_server.app.app_context():
        (row,) = db.session.scalars(select(Submission)).all()
    assert row.language == "ar" and row.translation_version.endswith("not yet reviewed")
    patient = row.answers["patient"]
    # Typed in Arabic-Indic digits, stored as ASCII.
    assert patient == {
        "full_name": FATIMA["full_name"],
        "date_of_birth": "1948-03-27",
        "phone": "07700 900123",
    }
    assert (row.answers["pain_weeks"], row.answers["pain_score"]) == (13, 7)
    assert row.answers["allergies"] == "البنسلين"
    assert page.console_errors == []
    assert len(checked) == len(asked) + 3


@pytest.mark.parametrize("path", ["/contact", "/privacy", "/cookies", "/accessibility", "/no-such-page"])
def test_the_pages_about_the_service_read_in_arabic_with_no_axe_violations(
    live_server, page, assert_accessible, path
):
    page.goto(live_server.url + "/?lang=ar")
    page.goto(live_server.url + path)
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert english_words(page) == []
    assert_accessible(page, f"{path} (Arabic)")
    shoot(page, "info" + path.replace("/", "-"))


def test_an_urgent_answer_is_advised_in_arabic(live_server, page, assert_accessible):
    flat = {**neutral(nerve_symptoms=["weakness"]), **FATIMA}
    page.goto(live_server.url + "/?lang=ar")
    page.get_by_role("link", name=ar("Start now")).click()
    for step in STEPS:
        if not any(q.applies(flat) for q in step.questions):
            continue
        answer_in_arabic(page, step, flat)
        if page.url.endswith("/urgent-advice"):
            break
    assert page.url.endswith("/urgent-advice")
    assert page.get_by_role("heading", level=1).inner_text() == ar("Get emergency help now")
    assert ar("Weakness in the legs") in page.locator("#emergency").inner_text()
    assert english_words(page, typed=(FATIMA["full_name"],)) == []
    assert_accessible(page, "urgent advice (Arabic)")
    shoot(page, "urgent-advice")


def test_a_mistake_is_named_in_arabic_and_the_back_chevron_points_right(live_server, page, assert_accessible):
    page.goto(live_server.url + "/questions/about-you?lang=ar")
    group = page.locator("#date_of_birth-group")
    group.get_by_label(ar("Day"), exact=True).press_sequentially("٣٢")
    group.get_by_label(ar("Month"), exact=True).press_sequentially("١٣")
    group.get_by_label(ar("Year"), exact=True).press_sequentially("١٩٤٨")
    press(page, ar("Continue"))
    summary = page.locator(".error-summary").inner_text()
    assert ar("There is a problem") in summary and ar("Enter your full name") in summary
    assert ar("Date of birth must be a real date. For example, 27 3 1948") in summary
    assert english_words(page) == []
    assert_accessible(page, "error summary (Arabic)")
    shoot(page, "error-summary")
    # The Back link sits at the start of the line, which is the right in Arabic, its chevron pointing right.
    back = page.locator(".back-link").bounding_box()
    assert back["x"] > 390 / 2
    transform = page.evaluate("getComputedStyle(document.querySelector('.back-link'), '::before').transform")
    matrix = [float(n) for n in re.findall(r"-?[\d.]+(?:e-?\d+)?", transform)]
    assert matrix[0] < 0, f"the chevron is not mirrored: {transform}"


def test_a_doctor_who_reads_arabic_sees_the_staff_pages_in_arabic(live_server, new_page, assert_accessible):
    """Staff pages by account: the clinic's language (English) until the doctor chooses Arabic."""
    import pyotp

    from screening.staff.auth.accounts import find_staff
    from tests.browser.conftest import STAFF_FATAL_IMPACTS
    from tests.helpers import STAFF_PASSWORD, STAFF_TOTP_SECRET, URGENT, make_staff, store

    app = live_server.app
    reference = store(app, name=FATIMA["full_name"], **URGENT)
    make_staff(app, "doctor@clinic.example", "doctor")
    with app.app_context():
        find_staff("doctor@clinic.example").language = "ar"
        db.session.commit()
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + "/staff/login")
    page.get_by_label("Email address").fill("doctor@clinic.example")
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("6-digit code").fill(pyotp.TOTP(STAFF_TOTP_SECRET).now())
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server.url + "/staff/")
    for path in ("/staff/", f"/staff/submissions/{reference}", "/staff/about"):
        page.goto(live_server.url + path)
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert_accessible(page, f"{path} (Arabic)", STAFF_FATAL_IMPACTS)
        shoot(page, "staff" + path.replace("/", "-").rstrip("-"))
    assert ar("Translation version") in page.locator("main").inner_text()
