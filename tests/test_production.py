"""The supported production set-up survives slow and half-open clients (issue 13.2)."""

import urllib.error
import urllib.request

import pytest

from tests.production import (
    ISSUE_LENGTH,
    UNDER_LIMIT_LENGTH,
    Production,
    health_answers,
    patient_walk,
    slow_clients,
)

SLOW = 64


@pytest.mark.parametrize("length", [ISSUE_LENGTH, UNDER_LIMIT_LENGTH])
def test_regression_issue_13_2_sixty_four_slow_clients_do_not_take_the_service_down(tmp_path, length):
    """Regression (issue 13.2): 16 connections trickling a POST body left /healthz answering 0 of 10."""
    production = Production(f"sqlite:///{tmp_path / 'db.sqlite'}")
    held = []
    try:
        held = slow_clients(production.port, SLOW, length)
        assert health_answers(production.url, tries=10, timeout=5) == 10
        assert patient_walk(production.url) < 30
    finally:
        for sock in held:
            sock.close()
        production.stop()


def test_regression_issue_13_2_serve_alone_drops_a_client_that_stops_sending(tmp_path):
    """Regression (issue 13.2): without a proxy, a stalled request body held a gunicorn thread for ever."""
    production = Production(f"sqlite:///{tmp_path / 'db.sqlite'}", proxy=False, workers=1, threads=1)
    held = []
    try:
        held = slow_clients(production.app_port, 1, UNDER_LIMIT_LENGTH)
        # The one thread waits for the stalled body until CLIENT_IDLE_SECONDS (10 s) pass, then answers.
        assert health_answers(production.url, tries=1, timeout=30) == 1
        held[0].settimeout(5)
        assert held[0].recv(100).startswith(b"HTTP/1.1 400 ")
    finally:
        for sock in held:
            sock.close()
        production.stop()


def test_nginx_serves_the_static_files_itself(tmp_path):
    production = Production(f"sqlite:///{tmp_path / 'db.sqlite'}")
    try:
        with urllib.request.urlopen(production.url + "/static/css/site.css", timeout=5) as response:
            assert response.status == 200 and b".button" in response.read()
        assert health_answers(production.url, tries=1, timeout=5) == 1
    finally:
        production.stop()


def test_regression_issue_13_4_a_huge_post_through_nginx_gets_the_page_naming_the_limit(tmp_path):
    """Regression (issue 13.4): nginx refused big bodies with its own bare page, not the app's."""
    production = Production(f"sqlite:///{tmp_path / 'db.sqlite'}")
    try:
        post = urllib.request.Request(
            production.url + "/questions/about-you", data=b"full_name=" + b"x" * 200_000
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(post, timeout=10)
        assert refused.value.code == 413
        page = refused.value.read().decode()
        assert "A form may send at most 64 KB" in page and "nginx" not in page
        assert refused.value.headers["Content-Security-Policy"].startswith("default-src 'self'")
    finally:
        production.stop()
