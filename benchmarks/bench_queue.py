"""Benchmark: the staff queue with ~5,000 submissions in SQLite, against the same page on an empty database.

Both are measured in the same run, through the real app (signed in, CSRF on, templates rendered).
Run: .venv/bin/python benchmarks/bench_queue.py [--rows 5000] [--runs 30]
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rules import parse_answers
from screening import create_app
from screening.extensions import db
from screening.submissions import new_submission
from tests.helpers import PATIENT, neutral, staff_login

VARIANTS = [
    {"nerve_symptoms": ["weakness"]},
    {"nerve_symptoms": ["numbness"]},
    {"deformity": "yes"},
    {"load_pain": "yes"},
    {"pain_weeks": 3, "pain_score": 8},
    {},
    {"blood_thinners": "yes", "allergies": "Latex"},
]
# (label, query): the default queue, a late page, a name search and a filtered view.
REQUESTS = [
    ("queue, page 1", "/staff/"),
    ("queue, page 60", "/staff/?page=60"),
    ("search by name", "/staff/?q=lopez"),
    ("filter status+suggestion", "/staff/?status=new&suggestion=vertebroplasty_consult"),
]


def fill(app, rows: int) -> None:
    """Store `rows` submissions with real rule results, spread over the last 60 days and all statuses."""
    rng = random.Random(7)
    with app.app_context():
        batch = []
        for n in range(rows):
            answers = parse_answers(
                {
                    **neutral(**rng.choice(VARIANTS)),
                    "patient": {**PATIENT, "full_name": f"Patient {n} Lopez"},
                },
                require_patient=True,
            )
            row = new_submission(answers)
            row.created_at = datetime.now(UTC) - timedelta(minutes=rng.randint(0, 60 * 24 * 60))
            row.status = rng.choice(["new", "new", "contacted", "booked", "closed"])
            batch.append(row)
        db.session.add_all(batch)
        db.session.commit()


def median_ms(client, url: str, runs: int) -> float:
    """Median time of `runs` GETs after one warm-up, in milliseconds."""
    assert client.get(url).status_code in (200, 400)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code in (200, 400)
    return statistics.median(times) * 1000


def signed_in_client(rows: int, folder: Path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / f'{rows}.sqlite'}",
        }
    )
    fill(app, rows)
    client = app.test_client()
    staff_login(client, "bench@clinic.example", "doctor")
    return client


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=30)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        empty = signed_in_client(0, Path(folder))
        full = signed_in_client(options.rows, Path(folder))
        baseline = median_ms(empty, "/staff/", options.runs)
        print(f"baseline: /staff/ on an empty database: {baseline:.1f} ms (median of {options.runs})")
        for label, url in REQUESTS:
            took = median_ms(full, url, options.runs)
            print(f"{label:26} {options.rows} rows: {took:7.1f} ms  = {took / baseline:4.1f} x baseline")


if __name__ == "__main__":
    main()
