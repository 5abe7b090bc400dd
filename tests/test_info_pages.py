"""The pages about the service (issue 15.9): contact, privacy, cookies, accessibility; the clinic named."""

import pytest

from screening import ConfigError, create_app
from screening.extensions import db

CLINIC = {
    "CLINIC_NAME": "Riverside Spine Clinic",
    "CLINIC_PHONE": "020 7946 0000",
    "CLINIC_ADDRESS": "1 River Street,   London",
}


@pytest.fixture
def clinic_client(database_url):
    settings = {"TESTING": True, "SECRET_KEY": "k", "SQLALCHEMY_DATABASE_URI": database_url}
    app = create_app({**settings, "DATABASE_SCHEMA": "create_all", **CLINIC})
    yield app.test_client()
    with app.app_context():
        db.engine.dispose()


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/contact", ['href="tel:02079460000"', "1 River Street, London", "In an emergency, call"]),
        (
            "/privacy",
            ["deleted 14 days after you last saved", "never the code itself", "marked urgent", "analytics"],
        ),
        ("/cookies", ["<td>session</td>", "After 14 days", "15 minutes"]),
        (
            "/accessibility",
            ["axe-core", "200%", "320 pixels", "JavaScript turned off", "not yet been audited"],
        ),
    ],
)
def test_each_page_about_the_service_is_written_for_it(clinic_client, path, words):
    page = clinic_client.get(path)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Riverside Spine Clinic" in text
    for word in words:
        assert word in text


def test_every_patient_page_names_the_clinic_and_links_the_pages_in_its_footer(clinic_client):
    start = clinic_client.get("/").get_data(as_text=True)
    assert '<a class="site-header__name" href="/">Riverside Spine Clinic</a>' in start
    for path in ("/contact", "/privacy", "/cookies", "/accessibility"):
        assert f'href="{path}"' in start
    assert "1 River Street, London" in start and 'href="tel:02079460000"' in start


def test_the_back_link_sits_in_a_landmark(clinic_client):
    """Regression (issue 15.9): axe "region": the Back link was outside every landmark."""
    step = clinic_client.get("/questions/about-you").get_data(as_text=True)
    assert '<nav class="back-nav" aria-label="Back"><a class="back-link"' in step
    assert 'class="back-nav"' not in clinic_client.get("/").get_data(as_text=True)


def test_a_too_long_clinic_address_stops_the_start():
    with pytest.raises(ConfigError, match="CLINIC_ADDRESS must be at most 200 characters"):
        create_app(
            {"TESTING": True, "SECRET_KEY": "k", "DATABASE_SCHEMA": "none", "CLINIC_ADDRESS": "x" * 201}
        )


def test_the_patient_cookie_lasts_as_long_as_a_draft(client):
    """Regression (issue 13.8): the cookie lasted Flask's 31 days though drafts lived 24 hours."""
    from tests.helpers import NEUTRAL, PATIENT
    from tests.patient_walk import post_step, step_fields

    response = post_step(client, 0, step_fields(0, NEUTRAL, PATIENT))
    from datetime import UTC, datetime, timedelta
    from email.utils import parsedate_to_datetime

    with client.application.app_context():
        from screening.patient.drafts import draft_lifetime

        lifetime = draft_lifetime()
    expires = parsedate_to_datetime(response.headers["Set-Cookie"].split("Expires=")[1].split(";")[0])
    assert abs(expires - (datetime.now(UTC) + lifetime)).total_seconds() < 120
    assert client.application.permanent_session_lifetime == lifetime == timedelta(days=14)
