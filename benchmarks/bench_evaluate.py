"""Benchmark: `screening evaluate` per call, against `python -c pass` measured in the same run.

Run: .venv/bin/python benchmarks/bench_evaluate.py [--runs 20]
"""

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rules import evaluate, parse_answers
from tests.helpers import neutral

ANSWERS = json.dumps(neutral(pain_weeks=3, pain_score=8, load_pain="yes", treatments_tried=[])).encode()


def median_seconds(command: list[str], runs: int, stdin: bytes = b"") -> float:
    """Median wall time of `runs` runs of a command, after one warm-up run."""
    subprocess.run(command, input=stdin, capture_output=True, check=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, input=stdin, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def in_process_microseconds(calls: int = 20_000) -> float:
    """Mean time of parse_answers + evaluate inside one process."""
    data = json.loads(ANSWERS)
    start = time.perf_counter()
    for _ in range(calls):
        evaluate(parse_answers(data))
    return (time.perf_counter() - start) / calls * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    screening = str(Path(sys.executable).with_name("screening"))
    baseline = median_seconds([sys.executable, "-c", "pass"], runs)
    ours = median_seconds([screening, "evaluate", "-"], runs, ANSWERS)
    print(f"python -c pass        median of {runs}: {baseline * 1000:7.1f} ms")
    print(f"screening evaluate -  median of {runs}: {ours * 1000:7.1f} ms")
    print(f"ratio (evaluate / python -c pass): {ours / baseline:.2f}")
    print(f"in-process parse_answers + evaluate: {in_process_microseconds():.1f} µs per call")


if __name__ == "__main__":
    main()
