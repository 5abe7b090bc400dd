"""One code, one sign-in: four sessions racing with the same code against `screening serve` (issue 13.3)."""

import http.cookiejar
import re
import threading
import urllib.error
import urllib.parse
import urllib.request

import pyotp
import pytest

from screening.extensions import db
from screening.staff.auth.accounts import find_staff
from screening.staff.auth.recovery import issue_recovery_codes
from tests.helpers import STAFF_PASSWORD, STAFF_TOTP_SECRET, make_staff

EMAIL = "desk@clinic.example"
SESSIONS = 4


class _Stay(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer to read, not to follow


def _session():
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _Stay()
    )


def _send(opener, url: str, form: dict | None = None) -> tuple[int, str, str]:
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    try:
        with opener.open(url, data=data, timeout=30) as response:
            return response.status, response.headers.get("Location", ""), response.read().decode()
    except urllib.error.HTTPError as answer:
        return answer.code, answer.headers.get("Location", ""), answer.read().decode()


def _token(html: str) -> str:
    return re.search(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"', html).group(1)


@pytest.fixture
def served(serve):
    """`screening serve` on a fresh database of each kind, with one enrolled front-desk account."""
    running = serve()
    make_staff(running.app, EMAIL, "frontdesk")
    return running.url, running.app


def _past_the_password(base: str):
    opener = _session()
    _status, _location, page = _send(opener, base + "/staff/login")
    form = {"csrf_token": _token(page), "email": EMAIL, "password": STAFF_PASSWORD}
    status, location, _ = _send(opener, base + "/staff/login", form)
    assert status == 302 and location.endswith("/staff/login/code"), status
    _status, _location, page = _send(opener, base + "/staff/login/code")
    return opener, _token(page)


def _race(base: str, code: str) -> list[tuple[int, str]]:
    sessions = [_past_the_password(base) for _ in range(SESSIONS)]
    start = threading.Barrier(SESSIONS)
    answers: list = [None] * SESSIONS

    def sign_in(index: int) -> None:
        opener, token = sessions[index]
        start.wait()
        status, location, _ = _send(opener, base + "/staff/login/code", {"csrf_token": token, "code": code})
        answers[index] = (status, location)

    threads = [threading.Thread(target=sign_in, args=(index,)) for index in range(SESSIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


def _signed_in(answers) -> int:
    return sum(1 for status, location in answers if status == 302 and "/login" not in location)


def test_regression_issue_13_3_a_totp_code_used_at_once_by_four_sessions_signs_in_one(served):
    """Regression (issue 13.3): the same TOTP code from 4 sessions at once signed in 2-4 of them."""
    base, _app = served
    answers = _race(base, pyotp.TOTP(STAFF_TOTP_SECRET).now())
    assert _signed_in(answers) == 1, answers
    assert all(status in (200, 302, 429, 503) for status, _ in answers), answers


def test_regression_issue_13_3_a_recovery_code_used_at_once_by_four_sessions_signs_in_one(served):
    """Regression (issue 13.3): the same recovery code from 4 sessions at once signed in 2-4 of them."""
    base, app = served
    with app.app_context():
        codes = issue_recovery_codes(find_staff(EMAIL))
        db.session.commit()
    answers = _race(base, codes[0])
    assert _signed_in(answers) == 1, answers
