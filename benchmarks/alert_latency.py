"""Benchmark: how soon the clinic hears of an urgent submission (issue 10), in the production set-up.

`screening serve` and `screening alerts` run as processes on one SQLite file with their default
settings (the queue polls every 5 s, the sender every 2 s); a local SMTP server (aiosmtpd) receives
the email; a signed-in Chromium holds the queue open. Each round stores one urgent submission and
measures the time until its row shows in the open queue and until its email arrives. The baseline,
measured in the same run, is one plain reload of the queue page: what a clerk pressing F5 waits.

Run: .venv/bin/python benchmarks/alert_latency.py [--rounds 10]
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright

from screening import create_app
from screening.submissions import format_reference
from tests.browser.conftest import CHROMIUM_ARGS, sign_in
from tests.helpers import URGENT, make_staff, store
from tests.listeners import SmtpServer
from tests.postgres import free_port
from tests.production import wait_for

BIN = Path(sys.executable).parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    rounds = parser.parse_args().rounds
    folder = Path(tempfile.mkdtemp(prefix="alert-latency-"))
    database = f"sqlite:///{folder / 'bench.sqlite'}"
    app = create_app({"SECRET_KEY": "k", "SQLALCHEMY_DATABASE_URI": database})  # migrates the file
    make_staff(app, "desk@clinic.example", "frontdesk")
    smtp = SmtpServer().start()
    arrivals: dict[str, float] = {}
    keep = smtp.inbox.handle_DATA

    async def timed(server, session, envelope):
        answer = await keep(server, session, envelope)
        arrivals[smtp.messages[-1]["Subject"].rsplit(" ", 1)[-1]] = time.monotonic()
        return answer

    smtp.inbox.handle_DATA = timed
    port = free_port()
    env = {
        **os.environ,
        "SECRET_KEY": "k" * 32,
        "DATABASE_URL": database,
        "SMTP_URL": smtp.url,
        "ALERT_EMAIL_FROM": "alerts@clinic.example",
        "ALERT_EMAIL_TO": "oncall@clinic.example",
    }
    processes = [
        subprocess.Popen(
            [BIN / "screening", "serve", "--bind", f"127.0.0.1:{port}"], env=env, stderr=subprocess.DEVNULL
        ),
        subprocess.Popen([BIN / "screening", "alerts"], env=env, stderr=subprocess.DEVNULL),
    ]
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/readyz")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            sign_in(page, base)
            reloads = []
            for _ in range(rounds):
                started = time.monotonic()
                page.reload()
                page.locator("#queue-count").wait_for()
                reloads.append(time.monotonic() - started)
            shown, emailed = [], []
            for _ in range(rounds):
                time.sleep(random.uniform(0, 5))  # land anywhere in the polling cycle
                started = time.monotonic()
                reference = format_reference(store(app, **URGENT))
                page.locator(f'#queue tbody tr[data-reference="{reference}"]').wait_for(timeout=30_000)
                shown.append(time.monotonic() - started)
                while reference not in arrivals and time.monotonic() - started < 60:
                    time.sleep(0.02)
                emailed.append(arrivals[reference] - started)
            browser.close()
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)
        smtp.stop()
    baseline = statistics.median(reloads)
    print(f"baseline: one reload of the queue page, median of {rounds}: {baseline * 1000:.0f} ms")
    for label, times in (("appears in the open queue", shown), ("first email arrives", emailed)):
        median = statistics.median(times)
        print(
            f"{label}: median {median:.2f} s, max {max(times):.2f} s over {rounds} "
            f"({median / baseline:.1f}x a reload)"
        )


if __name__ == "__main__":
    main()
