"""Slow clients against `screening serve` alone and behind nginx: health answers and a patient walk.

Run on demand: .venv/bin/python benchmarks/slow_clients.py [--slow 64]. Loopback only, bounded in
connections and time. Prints, for each set-up (2 workers of 2 threads, alone or behind nginx) and each
kind of slow client (announcing 100,000 bytes as in the issue, over the 64 KiB limit; or 60,000, under
it), how many of 10 health checks answered (5 s each) while the slow connections are held, and how long
a whole patient walk took then (or that it failed), beside the same walk with no slow clients.
"""

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.production import (
    ISSUE_LENGTH,
    UNDER_LIMIT_LENGTH,
    Production,
    health_answers,
    patient_walk,
    slow_clients,
)


def measure(proxy: bool, slow: int, length: int) -> str:
    """One set-up's figures, as a line of the table."""
    database = Path(tempfile.mkdtemp()) / "db.sqlite"
    production = Production(f"sqlite:///{database}", proxy=proxy)
    held = []
    try:
        calm = patient_walk(production.url)
        held = slow_clients(production.port if proxy else production.app_port, slow, length)
        answered = health_answers(production.url, tries=10, timeout=5)
        try:
            walk = f"{patient_walk(production.url, timeout=5):.2f} s"
        except OSError as error:
            walk = f"failed ({type(error).__name__})"
        name = "nginx + screening serve" if proxy else "screening serve alone"
        return f"| {name} | {slow} x {length:,} bytes | {answered}/10 | {walk} | {calm:.2f} s |"
    finally:
        for sock in held:
            sock.close()
        production.stop()


def main() -> None:
    """Both set-ups, one after the other, in the same run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slow", type=int, default=64, choices=range(1, 257), metavar="1-256")
    slow = parser.parse_args().slow
    print("| set-up | slow connections announcing | /healthz answered | walk held | walk calm |")
    print("|---|---|---|---|---|")
    for length in (ISSUE_LENGTH, UNDER_LIMIT_LENGTH):
        for proxy in (False, True):
            print(measure(proxy, slow, length), flush=True)


if __name__ == "__main__":
    main()
