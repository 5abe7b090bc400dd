"""Benchmark: kept PDFs against rendering them, for print-the-day of 50 and for one re-download.

Baseline (same run): rendering, as every download and print did before PDFs were kept. Measured through
the real app on SQLite (signed in; each request writes its audit row), against render_pdf directly.
Run: .venv/bin/python benchmarks/bench_stored_pdf.py [--patients 50] [--runs 5]
"""

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select

from rules import parse_answers
from screening import create_app
from screening.extensions import db
from screening.models import Submission, SummaryPdf
from screening.pdf import render_pdf
from screening.stored_pdfs import combined, summary_pdfs
from screening.submissions import store_submission
from screening.summary import summary_for_submission
from tests.helpers import PATIENT, neutral, staff_login

TYPICAL = neutral(pain_weeks=3, pain_score=8, load_pain="yes", blood_thinners="yes", allergies="Penicillin")


def timed(function, *args) -> float:
    """Seconds one call takes."""
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="bench-stored-pdf-")
    app = create_app(
        {"TESTING": True, "SECRET_KEY": "k", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/b.sqlite"}
    )
    with app.app_context():
        for n in range(options.patients):
            data = {**TYPICAL, "patient": {**PATIENT, "full_name": f"Patient {n} Lopez"}}
            store_submission(parse_answers(data, require_patient=True))
    client = app.test_client()
    staff_login(client)
    day = datetime.now(UTC).date().isoformat()
    print_url = f"/staff/print?day={day}&status=all"

    with app.app_context():
        submissions = db.session.scalars(select(Submission).order_by(Submission.id)).all()
        reference = submissions[0].reference
        summaries = [summary_for_submission(s, "UTC") for s in submissions]
        render_pdf(summaries[:1])  # warm-up: fonts and stylesheet load once per process
        first_print = timed(client.get, print_url)  # renders and keeps every PDF of the day
        kept = db.session.scalar(select(SummaryPdf.pdf).where(SummaryPdf.submission_id == submissions[0].id))
        assert db.session.query(SummaryPdf).count() == options.patients
        client.get(f"/staff/submissions/{reference}.pdf")  # warm-up of the single download's path

        # Interleaved, so drift in the machine's load (2 shared cores) hits baseline and kept alike.
        render_day, kept_day, render_one, kept_one, join_only = [], [], [], [], []
        for _ in range(options.runs):
            render_day.append(timed(render_pdf, summaries))
            kept_day.append(timed(client.get, print_url))
            join_only.append(timed(lambda: combined(summary_pdfs(submissions))))
            for _ in range(5):
                render_one.append(timed(render_pdf, summaries[:1]))
                kept_one.append(timed(client.get, f"/staff/submissions/{reference}.pdf"))
        downloads = {client.get(f"/staff/submissions/{reference}.pdf").data for _ in range(3)}
        fetch_one = statistics.median(timed(summary_pdfs, submissions[:1]) for _ in range(50))
    render_day, kept_day, join_only = map(statistics.median, (render_day, kept_day, join_only))
    render_one, kept_one = statistics.median(render_one), statistics.median(kept_one)

    n = options.patients
    print(f"print the day, {n} summaries:")
    print(f"  render them (render_pdf, the baseline):        {render_day * 1000:8.1f} ms")
    print(f"  first print, nothing kept yet (route):          {first_print * 1000:8.1f} ms")
    print(f"  kept PDFs joined with pypdf (route, audited):   {kept_day * 1000:8.1f} ms")
    print(f"    of which kept PDFs read and joined:          {join_only * 1000:8.1f} ms")
    print(f"  ratio render / kept (route): {render_day / kept_day:.1f}x  (goal: at least 20x)")
    print("one summary:")
    print(f"  render it (render_pdf, the baseline):           {render_one * 1000:8.1f} ms")
    print(f"  re-download the kept PDF (route, audited):      {kept_one * 1000:8.1f} ms")
    print(f"    of which the kept PDF fetched and checked:   {fetch_one * 1000:8.1f} ms")
    print(f"  ratio render / re-download (route):  {render_one / kept_one:.1f}x")
    print(f"  ratio render / kept PDF fetched:     {render_one / fetch_one:.1f}x  (goal: at least 50x)")
    print(f"  re-downloads byte-identical to the kept PDF: {downloads == {kept}}")


if __name__ == "__main__":
    main()
