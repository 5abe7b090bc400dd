"""The production set-up on loopback: `screening serve` behind deploy/nginx.conf, and slow clients."""

import http.cookiejar
import os
import re
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from tests.helpers import NEUTRAL, PATIENT
from tests.patient_walk import STEP_URLS, asked, step_fields
from tests.postgres import free_port

ROOT = Path(__file__).resolve().parent.parent
SCREENING = str(Path(sys.executable).with_name("screening"))
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def wait_for(url: str, seconds: float = 30) -> None:
    """Wait until the URL answers 200."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


class Production:
    """`screening serve` (2 workers) and, unless `proxy` is False, nginx in front, as the README says."""

    def __init__(self, database_url: str, *, proxy: bool = True, workers: int = 2, threads: int = 2):
        self.proxy = proxy
        self.run_dir = Path(tempfile.mkdtemp(prefix="screening-nginx-"))
        # nginx's workers run as an unprivileged user when started as root: they write here.
        self.run_dir.chmod(0o777)
        self.app_port, self.port = free_port(), free_port()
        env = {**os.environ, "SECRET_KEY": "k" * 32, "DATABASE_URL": database_url}
        env["PROXY_COUNT"] = "1" if proxy else "0"
        bind = f"127.0.0.1:{self.app_port}"
        self.processes = [
            subprocess.Popen(
                [SCREENING, "serve", "--bind", bind, "--workers", str(workers), "--threads", str(threads)],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        ]
        if proxy:
            self.processes.append(subprocess.Popen([NGINX, "-c", str(self._config()), "-g", "daemon off;"]))
        self.url = f"http://127.0.0.1:{self.port if proxy else self.app_port}"
        wait_for(self.url + "/healthz")

    def _config(self) -> Path:
        template = string.Template((ROOT / "deploy" / "nginx.conf").read_text())
        values = {
            "LISTEN": f"127.0.0.1:{self.port}",
            "APP": f"127.0.0.1:{self.app_port}",
            "STATIC_ROOT": str(ROOT / "static"),
            "RUN_DIR": str(self.run_dir),
        }
        path = self.run_dir / "nginx.conf"
        path.write_text(template.safe_substitute(values))
        return path

    def stop(self) -> None:
        """Stop nginx and the app, and remove nginx's files."""
        for process in reversed(self.processes):
            process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        shutil.rmtree(self.run_dir, ignore_errors=True)


# The issue's slow client announced 100,000 bytes, now over the 64 KiB limit and refused at once;
# one announcing 60,000 is under it, so the server really waits for its body.
ISSUE_LENGTH, UNDER_LIMIT_LENGTH = 100_000, 60_000


def slow_clients(port: int, count: int, length: int = ISSUE_LENGTH) -> list[socket.socket]:
    """`count` connections each sending a form post announcing `length` bytes but only 4, held open."""
    held = []
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.sendall(
            b"POST /questions/about-you HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: %d\r\n\r\nfull" % length
        )
        held.append(sock)
    return held


def health_answers(url: str, tries: int, timeout: float) -> int:
    """How many of `tries` health checks answered 200 within `timeout` seconds each."""
    answered = 0
    for _ in range(tries):
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=timeout) as response:
                answered += response.status == 200
        except OSError:
            pass
    return answered


def patient_walk(url: str, timeout: float = 10, before_send=None, answers: dict = NEUTRAL) -> float:
    """A whole questionnaire, every step and Send, as a browser posts it; returns the seconds it took.

    `before_send` is called just before Send (to line several patients up); a refusal raises HTTPError.
    """
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    started = time.monotonic()

    def post(path: str, fields: dict) -> str:
        page = opener.open(url + path, timeout=timeout).read().decode()
        token = re.search(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"', page).group(1)
        form = urllib.parse.urlencode({"csrf_token": token, **fields}, doseq=True).encode()
        with opener.open(url + path, data=form, timeout=timeout) as response:
            return response.geturl()

    for index, path in enumerate(STEP_URLS):
        if asked(index, answers, PATIENT):
            post(path, step_fields(index, answers, PATIENT))
    if before_send is not None:
        before_send()
    landed = post("/check-answers", {})
    assert landed.endswith("/confirmation"), landed
    return time.monotonic() - started
