"""The supported production set-up survives slow and half-open clients (issue 13.2)."""

from tests.production import Production, health_answers, patient_walk, slow_clients

SLOW = 64


def test_regression_issue_13_2_sixty_four_slow_clients_do_not_take_the_service_down(tmp_path):
    """Regression (issue 13.2): 16 connections trickling a POST body left /healthz answering 0 of 10."""
    production = Production(f"sqlite:///{tmp_path / 'db.sqlite'}")
    held = []
    try:
        held = slow_clients(production.port, SLOW)
        assert health_answers(production.url, tries=10, timeout=5) == 10
        assert patient_walk(production.url) < 30
    finally:
        for sock in held:
            sock.close()
        production.stop()


def test_nginx_serves_the_static_files_itself_and_forwards_the_client_address(tmp_path):
    production = Production(f"sqlite:///{tmp_path / 'db.sqlite'}")
    try:
        import urllib.request

        with urllib.request.urlopen(production.url + "/static/css/site.css", timeout=5) as response:
            assert response.status == 200 and b".button" in response.read()
        assert health_answers(production.url, tries=1, timeout=5) == 1
    finally:
        production.stop()
