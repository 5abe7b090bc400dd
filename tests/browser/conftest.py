"""Browser fixtures: the real app on a local port, headless Chromium through Playwright, and axe-core."""

import gc
import threading
from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import Flask
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from screening import create_app
from screening.extensions import db

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 390, "height": 844}
TABLET = {"width": 810, "height": 1080}
# axe-core impacts that fail a test: every one on the patients' pages (issue 15); the staff pages
# are held to serious and critical for now.
ALL_IMPACTS = {"minor", "moderate", "serious", "critical"}
STAFF_FATAL_IMPACTS = {"serious", "critical"}


@dataclass
class LiveServer:
    """The running app: its base URL (no trailing slash) and the Flask app, for reading the database."""

    url: str
    app: Flask


@pytest.fixture
def live_settings() -> dict:
    """Extra settings for the live server; a test module overrides this fixture to change them."""
    return {}


@pytest.fixture
def live_server(tmp_path, live_settings):
    """The real app (CSRF on, temporary SQLite file) served by werkzeug on a free 127.0.0.1 port."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "browser-test-secret-key",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'browser.sqlite'}",
            **live_settings,
        }
    )
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(url=f"http://127.0.0.1:{server.server_port}", app=app)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        # Collect now, so a static file left open by a dropped connection is reported (and ignored,
        # see DROPPED_STATIC_FILE) in this browser test, not in whichever test runs next.
        gc.collect()
        with app.app_context():
            db.engine.dispose()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (the Debian build, never a downloaded one) for the whole test run."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """A factory of pages, each in its own browser context (own cookies); closed after the test.

    Keyword arguments go to browser.new_context (viewport, device_scale_factor, java_script_enabled...).
    Every page records console errors (CSP violations show up there) in `page.console_errors`.
    """
    contexts = []

    def make(**context_options):
        context = browser.new_context(**{"viewport": PHONE, **context_options})
        contexts.append(context)
        page = context.new_page()
        errors: list[str] = []
        page.console_errors = errors
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A fresh phone-sized page (390x844) in its own context."""
    return new_page()


@pytest.fixture(scope="session")
def axe():
    """The axe-core runner (its script ships inside axe-playwright-python; nothing is fetched)."""
    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """A check to call on a loaded page: fails listing every axe-core violation of the impacts given."""

    def check(page, where: str = "", impacts: frozenset | set = ALL_IMPACTS) -> None:
        results = axe.run(page)
        fatal = [v for v in results.response["violations"] if v["impact"] in impacts]
        lines = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}" for v in fatal
        ]
        assert not lines, f"axe-core violations on {where or page.url}:\n" + "\n".join(lines)

    return check


def sign_in(page, base_url: str, email: str = "desk@clinic.example") -> None:
    """Sign in at /staff/login through both steps, as a person types it (the account must exist)."""
    import pyotp

    from tests.helpers import STAFF_PASSWORD, STAFF_TOTP_SECRET

    page.goto(base_url + "/staff/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("6-digit code").fill(pyotp.TOTP(STAFF_TOTP_SECRET).now())
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base_url + "/staff/")


# Chromium may drop a connection while werkzeug's test server is still sending a static file (the
# page moved on); the server then leaves that file for the garbage collector, which Python reports
# as an unraisable ResourceWarning. It is the test server's, never the app's: only that is ignored.
DROPPED_STATIC_FILE = (
    "ignore:Exception ignored in. <_io.FileIO name='[^']*/static/:pytest.PytestUnraisableExceptionWarning"
)


def pytest_collection_modifyitems(items):
    """Ignore, in browser tests only, a static file left open when Chromium dropped its connection."""
    for item in items:
        if item.get_closest_marker("browser") is not None:
            item.add_marker(pytest.mark.filterwarnings(DROPPED_STATIC_FILE))
