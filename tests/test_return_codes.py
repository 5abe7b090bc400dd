"""Save and come back later (issue 12.1): a return code and the date of birth reopen answers anywhere."""

import hashlib
import hmac
import http.cookiejar
import os
import re
import signal
import subprocess
import urllib.parse
import urllib.request
from datetime import timedelta

import pytest
from sqlalchemy import select

from screening import ConfigError, create_app
from screening.extensions import db
from screening.models import Draft, Submission
from screening.patient.return_codes import TRIES_PER_CODE
from screening.request_limits import AddressCount
from screening.submissions import CROCKFORD
from tests.helpers import NEUTRAL, PATIENT, count, page_csrf_token
from tests.patient_walk import STEP_URLS, answer_all_steps, post_step, send, step_fields
from tests.postgres import free_port
from tests.test_serve import SCREENING, wait_for

CODE = re.compile(r'id="return-code">([0-9A-Z]{4}-[0-9A-Z]{4})<')
BORN = {"date_of_birth-day": "27", "date_of_birth-month": "3", "date_of_birth-year": "1948"}
NOT_FOUND = "No saved answers match that code and date of birth"
TOO_MANY = "There have been too many tries with this code or from this connection"


def save_for_later(client, steps: int = 3) -> str:
    """Answer the first `steps` steps, the last with "Save and come back later"; the code shown."""
    for index in range(steps - 1):
        assert post_step(client, index, step_fields(index, NEUTRAL, PATIENT)).status_code == 303
    last = steps - 1
    response = post_step(client, last, {**step_fields(last, NEUTRAL, PATIENT), "later": "1"})
    assert response.status_code == 303 and response.headers["Location"] == "/saved"
    page = client.get("/saved").text
    return CODE.search(page).group(1)


def try_code(client, code: str, born: dict = BORN, address: str = "127.0.0.1"):
    """POST the Continue a saved questionnaire form from `address`; the response."""
    where = {"environ_base": {"REMOTE_ADDR": address}}
    token = page_csrf_token(client.get("/continue", **where).text)
    return client.post("/continue", data={"csrf_token": token, "code": code, **born}, **where)


def other_code(code: str) -> str:
    """A well-formed code that differs from `code` in its last character."""
    last = CROCKFORD[(CROCKFORD.index(code[-1]) + 1) % len(CROCKFORD)]
    return code[:-1] + last


def test_a_second_device_resumes_exactly_where_the_first_stopped_with_code_and_date_of_birth(app):
    first, second = app.test_client(), app.test_client()
    code = save_for_later(first, steps=3)
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", code)
    assert "Write this code down or print this page now" in first.get("/saved").text
    response = try_code(second, code.lower().replace("-", " "))
    assert response.status_code == 303 and response.headers["Location"] == STEP_URLS[3]
    assert 'value="Maria Lopez"' in second.get(STEP_URLS[0]).text
    # The second device carries on to the end; one submission, and the draft (and its code) is gone.
    answer_all_steps(second, NEUTRAL, PATIENT)
    assert send(second).headers["Location"] == "/confirmation"
    assert count(app, Submission) == 1 and count(app, Draft) == 0
    assert try_code(app.test_client(), code).status_code == 200


def test_only_a_keyed_hash_of_the_code_is_stored(app, client):
    code = save_for_later(client, steps=1)
    with app.app_context():
        draft = db.session.scalars(select(Draft)).one()
        stored = code.replace("-", "")
        expected = hmac.new(b"test-secret-key", b"return-code:" + stored.encode(), hashlib.sha256).hexdigest()
        assert draft.return_code_hash == expected
        row = {column.name: str(getattr(draft, column.name)) for column in Draft.__table__.columns}
        assert not any(stored in value or code in value for value in row.values())


def test_a_new_code_replaces_the_old_one(app, client):
    old = save_for_later(client, steps=1)
    response = post_step(client, 1, {**step_fields(1, NEUTRAL, PATIENT), "later": "1"})
    new = CODE.search(client.get(response.headers["Location"]).text).group(1)
    assert new != old
    assert NOT_FOUND in try_code(app.test_client(), old).text
    assert try_code(app.test_client(), new).status_code == 303


def test_the_code_page_is_shown_only_while_it_is_open(client):
    save_for_later(client, steps=1)
    assert client.get("/saved?lang=en").status_code == 200
    client.get(STEP_URLS[1])
    assert client.get("/saved").headers["Location"] == "/"


def test_a_wrong_date_of_birth_and_a_code_nobody_has_get_the_same_answer(app, client):
    code = save_for_later(client, steps=1)
    born_28 = {**BORN, "date_of_birth-day": "28"}
    wrong_birth = try_code(app.test_client(), code, born_28, "10.0.0.1")
    no_such_code = try_code(app.test_client(), other_code(code), born_28, "10.0.0.2")
    assert wrong_birth.status_code == no_such_code.status_code == 200
    token = re.compile(r'value="[^"]{40,}"')
    bodies = [token.sub("", response.text) for response in (wrong_birth, no_such_code)]
    bodies[1] = bodies[1].replace(other_code(code), code)
    assert bodies[0] == bodies[1]
    assert NOT_FOUND in bodies[0]


@pytest.mark.parametrize("exists", [True, False], ids=["live code", "code nobody has"])
def test_five_wrong_tries_lock_a_code_whether_or_not_it_exists(app, client, exists):
    code = save_for_later(client, steps=1)
    target = code if exists else other_code(code)
    wrong = {**BORN, "date_of_birth-year": "1949"}
    # From a new address each time: the code's own limit, not an address's, is what locks it.
    statuses = [try_code(app.test_client(), target, wrong, f"10.0.1.{n}").status_code for n in range(5)]
    assert statuses == [200] * TRIES_PER_CODE
    locked = try_code(app.test_client(), target, BORN, "10.0.2.1")
    assert locked.status_code == 429 and TOO_MANY in locked.text
    assert NOT_FOUND not in locked.text
    # Locked for the rest of the (UTC) day, not only the hour: 5 guesses a day at a date of birth.
    with app.app_context():
        windows = db.session.scalars(select(AddressCount.hour).where(AddressCount.kind == "return_code"))
        assert {(start.hour, start.minute) for start in windows} == {(0, 0)}


def test_many_wrong_tries_from_one_address_lock_that_address_only(app, client):
    app.config["RETURN_FAILURES_PER_HOUR"] = 6
    code = save_for_later(client, steps=1)
    stranger = app.test_client()
    codes = [f"ZZZZ-ZZZ{last}" for last in "012345"]
    assert [try_code(stranger, guess, BORN, "192.0.2.9").status_code for guess in codes] == [200] * 6
    refused = try_code(stranger, code, BORN, "192.0.2.9")
    assert refused.status_code == 429 and TOO_MANY in refused.text
    assert try_code(app.test_client(), code, BORN, "192.0.2.10").status_code == 303


def test_right_tries_are_not_counted_against_the_code(app, client):
    code = save_for_later(client, steps=1)
    for n in range(TRIES_PER_CODE + 2):
        assert try_code(app.test_client(), code, BORN, f"10.0.3.{n}").status_code == 303


@pytest.mark.parametrize(
    ("code", "born", "message"),
    [
        ("", BORN, "Enter your code"),
        ("ABC", BORN, "Your code must be 8 letters and numbers"),
        ("ABCD-EFGU", BORN, "Your code must be 8 letters and numbers"),
        ("ABCD-EFGH", {}, "Enter your date of birth"),
        ("ABCD-EFGH", {**BORN, "date_of_birth-month": "13"}, "Date of birth must be a real date"),
    ],
)
def test_a_malformed_code_or_date_is_named_and_not_counted(app, client, code, born, message):
    response = try_code(client, code, born)
    assert response.status_code == 200 and message in response.text
    assert NOT_FOUND not in response.text and TOO_MANY not in response.text


def test_drafts_are_kept_draft_days_after_the_last_save_then_deleted(app, client):
    app.config["DRAFT_DAYS"] = 3
    code = save_for_later(client, steps=1)
    with app.app_context():
        draft = db.session.scalars(select(Draft)).one()
        assert draft.expires_at - draft.updated_at == timedelta(days=3)
        draft.expires_at -= timedelta(days=3, minutes=1)
        db.session.commit()
    assert NOT_FOUND in try_code(app.test_client(), code).text
    assert count(app, Draft) == 0


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"DRAFT_DAYS": "0"}, "DRAFT_DAYS '0' must be a whole number from 1 to 365"),
        ({"DRAFT_DAYS": "two weeks"}, "DRAFT_DAYS 'two weeks' must be a whole number from 1 to 365"),
        ({"RETURN_FAILURES_PER_HOUR": "1"}, "RETURN_FAILURES_PER_HOUR '1' must be a whole number from 5"),
        (
            {"TABLET_IDLE_WARN_SECONDS": "200", "TABLET_IDLE_RESET_SECONDS": "100"},
            "TABLET_IDLE_RESET_SECONDS (100) must be longer than TABLET_IDLE_WARN_SECONDS (200)",
        ),
    ],
)
def test_bad_return_and_tablet_settings_stop_the_start(settings, message):
    with pytest.raises(ConfigError, match=re.escape(message)):
        create_app({"TESTING": True, "SECRET_KEY": "k", "DATABASE_SCHEMA": "none", **settings})


def test_the_code_and_date_of_birth_never_reach_a_url_or_the_access_log(database_url, tmp_path):
    """Through `screening serve` itself: its access log, and every address a browser is sent to."""
    port = free_port()
    env = {**os.environ, "SECRET_KEY": "k" * 32, "DATABASE_URL": database_url}
    log_path = tmp_path / "serve.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [SCREENING, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url, seen = f"http://127.0.0.1:{port}", []
    try:
        wait_for(url + "/readyz")
        first, second = (
            urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
            for _ in range(2)
        )

        def post(opener, path: str, fields: dict) -> str:
            token = page_csrf_token(opener.open(url + path).read().decode())
            form = urllib.parse.urlencode({"csrf_token": token, **fields}, doseq=True).encode()
            with opener.open(url + path, data=form) as response:
                seen.append(response.geturl())
                return response.read().decode()

        post(first, STEP_URLS[0], {**step_fields(0, NEUTRAL, PATIENT), "later": "1"})
        code = CODE.search(first.open(url + "/saved").read().decode()).group(1)
        page = post(second, "/continue", {"code": code, **BORN})
        assert "Your back bone" in page
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    logged = log_path.read_text()
    assert '"POST /continue" 303' in logged and '"GET /saved" 200' in logged
    for secret in (code, code.replace("-", ""), "1948"):
        assert secret not in logged
        assert not any(secret in address for address in seen)
