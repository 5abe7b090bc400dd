"""Security headers on every response, the session cookie's flags, and friendly error pages."""

import re

import pytest

from screening import create_app
from tests.helpers import NEUTRAL, PATIENT
from tests.patient_walk import STEP_URLS, post_step, step_fields

PAGES = ["/", STEP_URLS[0], "/check-answers", "/confirmation", "/static/css/site.css", "/no-such-page"]


@pytest.mark.parametrize("url", PAGES)
def test_every_response_carries_the_security_headers(client, url):
    response = client.get(url)
    response.close()  # the static file is streamed; close it as a server would
    policy = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'" and "unsafe-inline" not in policy
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_patient_pages_are_never_cached(client):
    assert client.get(STEP_URLS[0]).headers["Cache-Control"] == "no-store"


def test_session_cookie_is_httponly_and_samesite_lax_and_not_secure_over_http(client):
    response = post_step(client, 0, step_fields(0, NEUTRAL, PATIENT))
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_session_cookie_is_secure_when_served_over_https(app):
    client = app.test_client()
    page = client.get(STEP_URLS[0], base_url="https://clinic.example")
    assert "Secure" in page.headers["Set-Cookie"]
    assert page.headers["Strict-Transport-Security"].startswith("max-age=")


@pytest.mark.parametrize(
    ("method", "url", "status", "words"),
    [
        ("get", "/no-such-page", 404, "Page not found"),
        ("get", "/questions/no-such-step", 404, "Page not found"),
        ("delete", "/", 405, "This page cannot do that"),
        ("put", "/check-answers", 405, "This page cannot do that"),
        ("post", "/confirmation", 405, "This page cannot do that"),
        ("post", "/start-again", 400, "Your session has expired"),
    ],
)
def test_client_errors_get_a_friendly_page(client, method, url, status, words):
    response = getattr(client, method)(url)
    assert response.status_code == status
    assert words in response.text
    assert 'href="/"' in response.text and "Traceback" not in response.text
    assert response.headers["Content-Security-Policy"]


def test_method_not_allowed_keeps_the_allow_header(client):
    response = client.delete("/")
    assert set(response.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "HEAD"}


def test_a_malformed_request_gets_the_friendly_400_page(client):
    # A multipart body with a broken boundary makes werkzeug refuse the request.
    response = client.post(
        "/check-answers",
        data=b"--x\r\nbroken",
        content_type="multipart/form-data; boundary=x",
    )
    assert response.status_code == 400
    assert "Traceback" not in response.text and "<html" in response.text


def test_an_unexpected_failure_gets_the_friendly_500_page_without_internals(tmp_path):
    app = create_app({"SECRET_KEY": "k", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'e.sqlite'}"})

    @app.get("/explode")
    def explode():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/explode")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.text
    assert "secret internals" not in response.text and "Traceback" not in response.text


def test_pages_load_nothing_from_outside_the_site(client):
    post_step(client, 0, step_fields(0, NEUTRAL, PATIENT))
    for url in ("/", STEP_URLS[0], STEP_URLS[1], "/no-such-page"):
        page = client.get(url).text
        for ref in re.findall(r'(?:src|href)="([^"]+)"', page):
            assert ref.startswith(("/", "#", "tel:")), f"{url} refers to {ref}"
        # The one script is a file of this site's: never inline (the CSP would refuse it anyway).
        scripts = re.findall(r"<script[^>]*>(.*?)</script>", page, re.S)
        assert re.findall(r'<script src="([^"]+)"', page) == ["/static/js/patient.js"]
        assert scripts == [""] and "style=" not in page
