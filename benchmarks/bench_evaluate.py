"""Benchmark: `screening evaluate` per call against `python -c pass`, and `--jsonl` against separate calls.

Run: .venv/bin/python benchmarks/bench_evaluate.py [--runs 20] [--calls 1000] [--lines 100000]
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
# What any start-up that validates with pydantic pays at least: the floor under `screening evaluate`.
PYDANTIC_FLOOR = "from pydantic import BaseModel"


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


def separate_calls_seconds(screening: str, calls: int) -> float:
    """Wall time of `calls` separate `screening evaluate -` runs, one after another."""
    start = time.perf_counter()
    for _ in range(calls):
        subprocess.run([screening, "evaluate", "-"], input=ANSWERS, capture_output=True, check=True)
    return time.perf_counter() - start


def jsonl_seconds(screening: str, lines: int) -> float:
    """Wall time of one `screening evaluate --jsonl -` over `lines` lines (checking every line came out)."""
    stdin = (ANSWERS + b"\n") * lines
    start = time.perf_counter()
    done = subprocess.run(
        [screening, "evaluate", "--jsonl", "-"], input=stdin, capture_output=True, check=True
    )
    seconds = time.perf_counter() - start
    assert done.stdout.count(b"\n") == lines
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--calls", type=int, default=1000, help="separate calls timed (then scaled)")
    parser.add_argument("--lines", type=int, default=100_000, help="lines in the --jsonl run")
    options = parser.parse_args()
    runs = options.runs
    screening = str(Path(sys.executable).with_name("screening"))
    baseline = median_seconds([sys.executable, "-c", "pass"], runs)
    floor = median_seconds([sys.executable, "-c", PYDANTIC_FLOOR], runs)
    ours = median_seconds([screening, "evaluate", "-"], runs, ANSWERS)
    print(f"python -c pass                   median of {runs}: {baseline * 1000:7.1f} ms")
    print(f"python -c '{PYDANTIC_FLOOR}' median of {runs}: {floor * 1000:7.1f} ms  ({floor / baseline:.2f}x)")
    print(f"screening evaluate -             median of {runs}: {ours * 1000:7.1f} ms")
    print(f"ratio (evaluate / python -c pass): {ours / baseline:.2f}  (goal: at most 3)")
    print(f"in-process parse_answers + evaluate: {in_process_microseconds():.1f} µs per call")

    separate = separate_calls_seconds(screening, options.calls)
    scaled = separate * options.lines / options.calls
    bulk = jsonl_seconds(screening, options.lines)
    print(f"{options.calls} separate calls: {separate:7.2f} s -> {options.lines}: {scaled:8.1f} s (scaled)")
    print(f"one --jsonl run of {options.lines} lines: {bulk:7.2f} s")
    ratio = scaled / bulk
    print(f"ratio (separate calls / --jsonl), {options.lines} lines: {ratio:.0f}x  (goal: at least 50x)")


if __name__ == "__main__":
    main()
