"""Benchmark: does a wrong return-code try take longer for a code that exists than for one nobody has?

The answer must not tell them apart (issue 12.1): same page, same status, and similar timing. This
times, in the same run and interleaved, a wrong date of birth for live codes against codes nobody has,
through the real app (CSRF on) on an SQLite file; the ratio of the medians should be close to 1.
Run: .venv/bin/python benchmarks/bench_return_timing.py [--drafts 200]
"""

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from screening import create_app
from tests.helpers import NEUTRAL, PATIENT, page_csrf_token
from tests.patient_walk import post_step, step_fields

WRONG_BIRTH = {"date_of_birth-day": "28", "date_of_birth-month": "3", "date_of_birth-year": "1948"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=200, help="live drafts, each with a code (default 200)")
    drafts = parser.parse_args().drafts
    folder = tempfile.mkdtemp()
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "benchmark",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite",
            "DATABASE_SCHEMA": "create_all",
            "RETURN_FAILURES_PER_HOUR": 10_000,
            "DRAFTS_PER_HOUR": 0,
        }
    )
    codes = []
    for _ in range(drafts):
        patient = app.test_client()
        post_step(patient, 0, {**step_fields(0, NEUTRAL, PATIENT), "later": "1"})
        codes.append(re.search(r'id="return-code">([^<]+)<', patient.get("/saved").text).group(1))
    stranger = app.test_client()
    token = page_csrf_token(stranger.get("/continue").text)

    def timed(code: str, n: int) -> float:
        # A new address each time, so no address limit is reached.
        where = {"REMOTE_ADDR": f"10.{n // 62500}.{n // 250 % 250}.{n % 250}"}
        started = time.perf_counter()
        form = {"csrf_token": token, "code": code, **WRONG_BIRTH}
        stranger.post("/continue", data=form, environ_base=where)
        return time.perf_counter() - started

    live, unknown = [], []
    for n, code in enumerate(codes):
        nobody = "ZZZZ-" + f"{n:04d}".replace("0", "Z")
        pair = [(live, code, 2 * n), (unknown, nobody, 2 * n + 1)]
        for times, tried, address in pair if n % 2 else reversed(pair):
            times.append(timed(tried, address))
    a, b = statistics.median(live), statistics.median(unknown)
    print(f"wrong date of birth, live code:  median {a * 1000:.2f} ms over {len(live)} tries")
    print(f"code nobody has (the baseline):  median {b * 1000:.2f} ms over {len(unknown)} tries")
    print(f"ratio live / nobody: {a / b:.3f}")


if __name__ == "__main__":
    main()
