"""`screening serve`: gunicorn with several workers, health endpoints, and the reverse-proxy setting."""

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from screening import create_app
from tests.postgres import free_port

SCREENING = str(Path(sys.executable).with_name("screening"))


def wait_for(url: str, seconds: float = 30) -> bytes:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_serve_runs_several_workers_and_answers_health_checks(tmp_path):
    port = free_port()
    env = {**os.environ, "SECRET_KEY": "k" * 32, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}"}
    server = subprocess.Popen(
        [SCREENING, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        assert wait_for(f"http://127.0.0.1:{port}/readyz") == b'{"database":"ok","status":"ok"}\n'
        assert b'"ok"' in wait_for(f"http://127.0.0.1:{port}/healthz?name=Maria")
    finally:
        server.send_signal(signal.SIGTERM)
        log = server.communicate(timeout=30)[0].decode()
    assert log.count("Booting worker") == 2
    assert '"GET /readyz" 200' in log
    # The access log never carries query strings, where a staff search could put a name.
    assert "Maria" not in log


def test_serve_without_secret_key_says_so_and_exits_1(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "FLASK_DEBUG")}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite'}"
    done = subprocess.run([SCREENING, "serve"], env=env, capture_output=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.decode().startswith("Error: SECRET_KEY is not set.")
    assert b"Traceback" not in done.stderr


def test_proxy_count_trusts_exactly_that_many_forwarded_hops(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "k",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'db.sqlite'}",
            "PROXY_COUNT": 1,
        }
    )
    seen = {}

    @app.get("/whoami")
    def whoami():
        from flask import request

        seen.update(addr=request.remote_addr, scheme=request.scheme)
        return ""

    headers = {"X-Forwarded-For": "203.0.113.9, 198.51.100.7", "X-Forwarded-Proto": "https"}
    app.test_client().get("/whoami", headers=headers)
    assert seen == {"addr": "198.51.100.7", "scheme": "https"}


def test_regression_issue_13_8_serve_does_not_believe_a_forwarded_scheme_without_a_proxy(tmp_path):
    """Regression (issue 13.8): with PROXY_COUNT=0, gunicorn trusted X-Forwarded-Proto from loopback."""
    port = free_port()
    env = {**os.environ, "SECRET_KEY": "k" * 32, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}"}
    server = subprocess.Popen(
        [SCREENING, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env={**env, "PROXY_COUNT": "0"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz")
        request = urllib.request.Request(f"http://127.0.0.1:{port}/", headers={"X-Forwarded-Proto": "https"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.headers.get("Strict-Transport-Security") is None
            assert "Secure" not in (response.headers.get("Set-Cookie") or "")
    finally:
        server.send_signal(signal.SIGTERM)
        server.communicate(timeout=30)


def test_regression_issue_13_8_a_secure_cookie_takes_the_host_prefix(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "k",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'db.sqlite'}",
            "SESSION_COOKIE_SECURE": True,
        }
    )
    assert app.config["SESSION_COOKIE_NAME"] == "__Host-session"
    # What the browser gets: Secure, Path=/ and no Domain, or it would drop a __Host- cookie.
    cookie = app.test_client().get("/questions/about-you").headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=") and "; Secure" in cookie and "; Path=/" in cookie
    assert "Domain" not in cookie
