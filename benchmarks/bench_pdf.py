"""Benchmark the PDF summary: our renderer (fonts and CSS loaded once) against plain WeasyPrint, and batches.

Run: .venv/bin/python benchmarks/bench_pdf.py [--repeats N]
"""

import argparse
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from weasyprint import HTML

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rules import evaluate, parse_answers  # noqa: E402
from screening.pdf import STYLESHEET, render_pdf, summary_html  # noqa: E402
from screening.summary import summary_values  # noqa: E402

# A typical summary: two matched rules, two flags, a short allergies answer.
TYPICAL = {
    "patient": {"full_name": "Maria Lopez", "date_of_birth": "1948-03-27", "phone": "+44 20 7946 0958"},
    "fracture_confirmed": "yes",
    "cause": "osteoporosis",
    "pain_weeks": 3,
    "pain_score": 8,
    "load_pain": "yes",
    "nerve_symptoms": [],
    "deformity": "no",
    "treatments_tried": ["rest", "pain_medication"],
    "blood_thinners": "yes",
    "fever_or_infection": "no",
    "pregnant": "not_applicable",
    "allergies": "Penicillin (rash)",
    "can_lie_flat": "yes",
    "escort_home": "yes",
}


def typical_summary(number: int = 0) -> dict:
    """The typical summary, with a distinct name and reference per copy."""
    data = {**TYPICAL, "patient": {**TYPICAL["patient"], "full_name": f"Maria Lopez {number}"}}
    answers = parse_answers(data, require_patient=True)
    return summary_values(
        answers,
        evaluate(answers),
        reference=f"7K3M-{number:04d}",
        submitted_at=datetime(2026, 11, 24, 15, 42, tzinfo=UTC),
        timezone="Europe/London",
    )


def plain_render(html_with_style: str) -> bytes:
    """The baseline: what a first attempt would do, a fresh WeasyPrint with nothing reused."""
    return HTML(string=html_with_style, base_url=str(ROOT / "static")).write_pdf()


def timed(function, *args) -> float:
    """Seconds one call takes."""
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def main() -> None:
    """Print the single-summary medians and ratio, then the batch times and per-summary time."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=15, help="renders per variant (median reported)")
    repeats = parser.parse_args().repeats

    summary = typical_summary()
    html = summary_html(summary)
    style = f"<style>{STYLESHEET.read_text(encoding='utf-8')}</style>"
    html_with_style = html.replace("</head>", style + "</head>", 1)
    render_pdf([summary])  # warm-up: the one-time load of fonts and CSS is not what we compare
    plain_render(html_with_style)

    ours, plain = [], []
    for _ in range(repeats):  # interleaved so drift in machine load hits both alike
        ours.append(timed(render_pdf, [summary]))
        plain.append(timed(plain_render, html_with_style))
    median_ours, median_plain = statistics.median(ours), statistics.median(plain)
    print(f"single summary, median of {repeats}:")
    print(f"  ours  (render_pdf, shared FontConfiguration + parsed CSS): {median_ours * 1000:7.1f} ms")
    print(f"  plain (HTML(string=...).write_pdf(), nothing reused):      {median_plain * 1000:7.1f} ms")
    print(f"  ratio ours/plain: {median_ours / median_plain:.2f}  (below 1.0 is the goal)")

    print("batch (one PDF, render_pdf), median of 3:")
    per_summary = {}
    for size in (10, 25, 50):
        batch = [typical_summary(n) for n in range(size)]
        seconds = statistics.median(timed(render_pdf, batch) for _ in range(3))
        per_summary[size] = seconds / size
        print(f"  {size:3d} summaries: {seconds:6.2f} s   {seconds / size * 1000:6.1f} ms per summary")
    growth = per_summary[50] / per_summary[10]
    print(f"  per-summary time at 50 / at 10: {growth:.2f}  (about 1.0 means linear growth)")


if __name__ == "__main__":
    main()
