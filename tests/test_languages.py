"""Arabic and English (issue 11): which language a page is in, the link to the other, digits, storage."""

import re

import pytest
from sqlalchemy import select

from rules.checks import ascii_digits, whole_number
from screening import ConfigError, create_app
from screening.extensions import db
from screening.i18n.catalogues import translations_for
from screening.models import Submission
from tests.helpers import NEUTRAL, PATIENT, staff_login
from tests.patient_walk import STEP_URLS, answer_all_steps, post_step, send, step_fields

AR = translations_for("ar")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
EASTERN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def html_lang(page: str) -> tuple[str, str]:
    found = re.search(r'<html lang="([a-z]+)" dir="(ltr|rtl)">', page)
    assert found, page[:200]
    return found.group(1), found.group(2)


@pytest.mark.parametrize(
    ("headers", "query", "expected"),
    [
        ({}, "", ("en", "ltr")),
        ({"Accept-Language": "ar-EG,ar;q=0.9,en;q=0.5"}, "", ("ar", "rtl")),
        ({"Accept-Language": "fr-FR,en;q=0.5"}, "", ("en", "ltr")),
        ({"Accept-Language": "de-DE"}, "", ("en", "ltr")),
        ({}, "?lang=ar", ("ar", "rtl")),
        ({"Accept-Language": "ar"}, "?lang=en", ("en", "ltr")),
        # An unknown language is ignored: the page is shown as it would have been.
        ({}, "?lang=xx", ("en", "ltr")),
        ({"Accept-Language": "ar"}, "?lang=<script>", ("ar", "rtl")),
    ],
)
def test_the_language_comes_from_the_link_then_the_browser_then_english(client, headers, query, expected):
    assert html_lang(client.get("/" + query, headers=headers).text) == expected


def test_a_chosen_language_holds_for_the_session_on_every_page(client):
    client.get("/?lang=ar")
    for path in ["/", STEP_URLS[0], "/contact", "/privacy", "/cookies", "/accessibility", "/no-such-page"]:
        response = client.get(path, headers={"Accept-Language": "en"})
        assert html_lang(response.text) == ("ar", "rtl"), path
    client.get("/contact?lang=en")
    assert html_lang(client.get("/").text) == ("en", "ltr")


@pytest.mark.parametrize("path", ["/", STEP_URLS[0], "/contact", "/privacy", "/cookies", "/accessibility"])
def test_every_patient_page_links_to_itself_in_the_other_language(client, path):
    english = client.get(path).text
    assert f'href="{path}?lang=ar" lang="ar" hreflang="ar"' in english
    assert ">العربية</a>" in english
    arabic = client.get(path + "?lang=ar").text
    assert f'href="{path}?lang=en" lang="en" hreflang="en"' in arabic and ">English</a>" in arabic


def test_the_language_link_keeps_the_pages_other_arguments(client):
    answer_all_steps(client, NEUTRAL, PATIENT)
    page = client.get(STEP_URLS[3] + "?change=check-answers").text
    assert f'href="{STEP_URLS[3]}?change=check-answers&amp;lang=ar"' in page


def test_the_error_pages_are_in_the_patients_language(client):
    page = client.get("/no-such-page?lang=ar")
    assert page.status_code == 404
    assert AR.gettext("Page not found") in page.text and "Page not found" not in page.text
    assert 'href="/no-such-page?lang=en"' in page.text


def test_a_step_posted_in_arabic_says_what_is_wrong_in_arabic(client):
    client.get("/?lang=ar")
    fields = {**step_fields(0, NEUTRAL, PATIENT), "full_name": "", "date_of_birth-year": "٤٨"}
    page = post_step(client, 0, fields).text
    assert AR.gettext("Enter your full name") in page
    assert AR.gettext("Year must have 4 numbers, for example 1948") in page
    assert AR.gettext("There is a problem") in page


@pytest.mark.parametrize("digits", [ARABIC_INDIC, EASTERN], ids=["arabic-indic", "eastern-arabic-indic"])
def test_arabic_indic_digits_in_every_number_and_date_box_are_stored_as_ascii(client, app, digits):
    client.get("/?lang=ar")
    patient = {**PATIENT, "phone": "07700 900123"}
    answers = {**NEUTRAL, "pain_weeks": 14, "pain_score": 6}
    for index in range(len(STEP_URLS)):
        fields = step_fields(index, answers, patient)
        typed = {k: str(v).translate(digits) for k, v in fields.items() if k.startswith("date_of_birth")}
        for name in ("pain_weeks-amount", "phone"):
            if name in fields:
                typed[name] = str(fields[name]).translate(digits)
        response = post_step(client, index, {**fields, **typed})
        assert response.status_code == 303, response.text
    assert send(client).status_code == 303
    with app.app_context():
        row = db.session.scalars(select(Submission)).one()
    assert row.answers["patient"]["date_of_birth"] == PATIENT["date_of_birth"]
    assert row.answers["patient"]["phone"] == "07700 900123"
    assert (row.answers["pain_weeks"], row.answers["pain_score"]) == (14, 6)
    assert (row.language, row.translation_version) == ("ar", "2026.12-1, not yet reviewed")


def test_a_submission_in_english_records_english_and_no_translation(client, app):
    answer_all_steps(client, NEUTRAL, PATIENT)
    send(client)
    with app.app_context():
        row = db.session.scalars(select(Submission)).one()
    assert (row.language, row.translation_version) == ("en", None)


def test_the_number_boxes_accept_any_digits_and_refuse_no_arabic_typing():
    page = create_app({"TESTING": True, "SECRET_KEY": "k", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    with page.test_client() as client:
        client.get("/?lang=ar")
        answer_all_steps(client, NEUTRAL, PATIENT)
        html = client.get(STEP_URLS[0]).text + client.get(STEP_URLS[3]).text
    boxes = re.findall(r"<input[^>]*(?:date_of_birth-|pain_weeks-amount)[^>]*>", html)
    assert len(boxes) == 4
    for box in boxes:
        assert 'inputmode="numeric"' in box and "pattern=" not in box


@pytest.mark.parametrize(
    ("typed", "ascii", "number"),
    [
        ("٢٧", "27", 27),
        ("۱۹۴۸", "1948", 1948),
        ("1٩4۸", "1948", 1948),
        (" ١٠ ", " 10 ", 10),
        ("١٢٣٤٥", "12345", None),  # more digits than the box allows
        ("١٫٥", "1٫5", None),  # an Arabic decimal point is not a whole number
        ("x٣", "x3", None),
        ("", "", None),
    ],
)
def test_arabic_indic_digits_read_as_ascii(typed, ascii, number):
    assert ascii_digits(typed) == ascii
    assert whole_number(typed, most_digits=4) == number


def test_clinic_language_is_checked_at_start():
    with pytest.raises(ConfigError, match="CLINIC_LANGUAGE 'fr' must be one of: en, ar"):
        create_app({"SECRET_KEY": "k", "CLINIC_LANGUAGE": "fr", "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_the_clinics_arabic_name_is_shown_on_arabic_pages():
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "k",
            "SQLALCHEMY_DATABASE_URI": "sqlite://",
            "CLINIC_NAME": "Riverside Spine Clinic",
            "CLINIC_NAME_AR": "عيادة ريفرسايد للعمود الفقري",
        }
    )
    client = app.test_client()
    assert "Riverside Spine Clinic" in client.get("/").text
    arabic = client.get("/?lang=ar").text
    assert "عيادة ريفرسايد للعمود الفقري" in arabic and "Riverside" not in arabic


def test_staff_pages_follow_the_clinic_language_then_the_account(app):
    app.config["CLINIC_LANGUAGE"] = "ar"
    client = app.test_client()
    staff_login(client, "admin@clinic.example", "admin")
    page = client.get("/staff/about", headers={"Accept-Language": "en"}).text
    assert html_lang(page) == ("ar", "rtl")
    # ?lang= is for patients: staff pages follow the account.
    assert html_lang(client.get("/staff/about?lang=en").text) == ("ar", "rtl")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post("/staff/language", data={"csrf_token": token, "language": "en"})
    assert response.status_code == 303
    page = client.get("/staff/about").text
    assert html_lang(page) == ("en", "ltr")
    assert re.search(r'id="translation-ar">\s*<td>Arabic [^<]*</td>\s*<td>2026.12-1</td>', page)
    assert "not yet reviewed" in page
    refused = client.post("/staff/language", data={"csrf_token": token, "language": "fr"})
    assert refused.status_code == 400 and "language must be one of: en, ar" in refused.text
