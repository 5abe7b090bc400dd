"""Load test: K simulated patients walk the questionnaire against `screening serve`, then rows are counted.

Loopback only, bounded in walks and seconds, stops by itself. For each database (SQLite file, and a
throw-away PostgreSQL cluster) it starts the production server with 4 workers, runs the walks, measures
/healthz on the same server as the baseline, then checks that every completed walk left exactly one row
with the rules' result for the answers that patient gave.

Run: .venv/bin/python benchmarks/load_walkthrough.py [--patients 50] [--walks 200] [--seconds 120]
"""

import argparse
import http.client
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyotp  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from rules import evaluate, parse_answers  # noqa: E402
from rules.questions import STEPS, with_skipped  # noqa: E402
from tests.helpers import STAFF_PASSWORD, STAFF_TOTP_SECRET, make_staff  # noqa: E402
from tests.postgres import ThrowawayPostgres, free_port  # noqa: E402

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
REFERENCE = re.compile(r"\b([0-9A-Z]{4}-[0-9A-Z]{4})\b")


def random_answers(rng: random.Random) -> dict:
    """A plausible patient, drawn so that every suggestion and the urgent mark all occur."""
    return {
        "full_name": f"Load Patient {rng.randrange(10**6)}",
        "date_of_birth": f"{rng.randint(1930, 1975)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "phone": "020 7946 0000",
        "fracture_confirmed": rng.choice(["yes", "no", "unsure"]),
        "cause": rng.choice(["osteoporosis", "injury", "cancer", "unknown"]),
        "pain_weeks": rng.choice([0, 1, 2, 5, 30]),
        "pain_score": rng.randint(0, 10),
        "load_pain": rng.choice(["yes", "no"]),
        "nerve_symptoms": rng.choice([[], [], [], ["numbness"], ["weakness"], ["bladder_bowel"]]),
        "deformity": rng.choice(["yes", "no", "no", "unsure"]),
        "treatments_tried": rng.choice([[], ["rest"], ["rest", "brace"]]),
        "blood_thinners": rng.choice(["yes", "no", "unsure"]),
        "allergies": rng.choice(["", "penicillin"]),
        "fever_or_infection": rng.choice(["yes", "no"]),
        "pregnant": rng.choice(["no", "not_applicable"]),
        "can_lie_flat": rng.choice(["yes", "no"]),
        "escort_home": rng.choice(["yes", "no"]),
    }


def form_fields(name: str, value) -> list[tuple[str, str]]:
    """How one answer is posted by the browser's form."""
    if name == "date_of_birth":
        year, month, day = value.split("-")
        return [(f"{name}-day", day), (f"{name}-month", month), (f"{name}-year", year)]
    if name == "pain_weeks":
        return [(f"{name}-amount", str(value)), (f"{name}-unit", "weeks")]
    if isinstance(value, list):
        return [(name, v) for v in value] or [(name, "none")]
    return [(name, str(value))]


class Patient:
    """One browser: its own connection and cookies, timing every HTTP request on its own."""

    def __init__(self, port: int, latencies: list, lock: threading.Lock):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies: dict[str, str] = {}
        self.latencies = latencies
        self.lock = lock

    def request(self, path: str, fields: list | None = None) -> str:
        """GET (or POST the fields), following redirects as a browser does; returns the final page."""
        method, body = ("POST", urllib.parse.urlencode(fields)) if fields is not None else ("GET", None)
        for _hop in range(5):
            headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
            if body is not None:
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            start = time.perf_counter()
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            # A PDF is not text: decoding only has to keep the HTML pages readable.
            page = response.read().decode(errors="replace")
            with self.lock:
                self.latencies.append(time.perf_counter() - start)
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
            if response.status in (301, 302, 303):
                path = urllib.parse.urlsplit(response.headers["Location"]).path
                method, body = "GET", None
                continue
            if response.status != 200:
                raise RuntimeError(f"{method} {path}: HTTP {response.status}")
            return page
        raise RuntimeError(f"{path}: too many redirects")

    def walk(self, answers: dict) -> str:
        """Start page, every step, the review page and the submit; returns the reference shown."""
        self.request("/")
        page = self.request(f"/questions/{STEPS[0].slug}")
        # The token belongs to the session, so it is kept across pages without a form (urgent advice).
        token = CSRF.search(page).group(1)
        for step in STEPS:
            asked = [q for q in step.questions if q.applies(answers)]
            if not asked:
                continue
            fields = [("csrf_token", token)]
            for question in asked:
                fields += form_fields(question.name, answers[question.name])
            page = self.request(f"/questions/{step.slug}", fields)
            token = CSRF.search(page).group(1) if CSRF.search(page) else token
        page = self.request("/check-answers", [("csrf_token", token)])
        found = REFERENCE.search(page)
        if not found:
            raise RuntimeError("no reference code on the confirmation page")
        self.connection.close()
        return found.group(1).replace("-", "")


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def start_server(database_url: str, port: int, workers: int) -> subprocess.Popen:
    """`screening serve` on loopback, waiting until /readyz answers."""
    env = {**os.environ, "SECRET_KEY": "load-test-" + "k" * 32, "DATABASE_URL": database_url}
    # Every simulated patient comes from 127.0.0.1: the per-address limits would stop the test.
    env.update(DRAFTS_PER_HOUR="0", SUBMISSIONS_PER_HOUR="0")
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("screening")), "serve", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the server did not become ready within 60 s")


def worker_memory_mib(server: subprocess.Popen) -> dict[int, float]:
    """Resident memory of each worker process (children of the gunicorn master), in MiB."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    sizes = {}
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes[int(pid)] = int(line.split()[1]) / 1024
    return sizes


def run_walks(port: int, patients: int, walks: int, seconds: float, seed: int) -> dict:
    """K threads, each a patient after another, until `walks` are done or time is up."""
    latencies: list[float] = []
    lock = threading.Lock()
    done: list[tuple[str, dict]] = []
    errors: list[str] = []
    counter = iter(range(walks))
    deadline = time.monotonic() + seconds

    def patient_loop(index: int) -> None:
        rng = random.Random(seed * 1000 + index)
        while time.monotonic() < deadline:
            with lock:
                if next(counter, None) is None:
                    return
            answers = random_answers(rng)
            try:
                reference = Patient(port, latencies, lock).walk(answers)
            except Exception as error:
                with lock:
                    errors.append(f"{type(error).__name__}: {error}")
                continue
            with lock:
                done.append((reference, answers))

    start = time.perf_counter()
    threads = [threading.Thread(target=patient_loop, args=(i,)) for i in range(patients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    return {"done": done, "errors": errors, "latencies": latencies, "elapsed": elapsed}


def baseline_latencies(port: int, requests: int = 500, patients: int = 50) -> list[float]:
    """/healthz under the same concurrency: the server's hello-world cost in this run."""
    latencies: list[float] = []
    lock = threading.Lock()

    def loop() -> None:
        patient = Patient(port, latencies, lock)
        for _ in range(requests // patients):
            patient.request("/healthz")

    threads = [threading.Thread(target=loop) for _ in range(patients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies


def sign_in_doctor(database_url: str, port: int) -> "Patient":
    """A doctor's browser, signed in through both steps (the account is made directly in the database)."""
    from screening import create_app

    app = create_app(
        {"SECRET_KEY": "setup", "SQLALCHEMY_DATABASE_URI": database_url, "DATABASE_SCHEMA": "none"}
    )
    make_staff(app, "doctor@clinic.example", "doctor")
    doctor = Patient(port, [], threading.Lock())
    page = doctor.request("/staff/login")
    fields = [("email", "doctor@clinic.example"), ("password", STAFF_PASSWORD)]
    page = doctor.request("/staff/login", [("csrf_token", CSRF.search(page).group(1)), *fields])
    code = pyotp.TOTP(STAFF_TOTP_SECRET).now()
    doctor.request("/staff/login/code", [("csrf_token", CSRF.search(page).group(1)), ("code", code)])
    return doctor


def walks_while_printing(database_url: str, port: int, references: list[str], args) -> dict:
    """The same walks while a doctor prints summary PDFs one after another on the same server."""
    doctor = sign_in_doctor(database_url, port)
    printing = threading.Event()
    printed: list[float] = []

    def print_loop() -> None:
        for reference in iter(lambda: random.choice(references), None):
            if not printing.is_set():
                return
            start = time.perf_counter()
            doctor.request(f"/staff/submissions/{reference}.pdf")
            printed.append(time.perf_counter() - start)

    printing.set()
    printer = threading.Thread(target=print_loop)
    printer.start()
    try:
        result = run_walks(port, args.patients, args.walks // 2, args.seconds, seed=2)
    finally:
        printing.clear()
        printer.join()
    result["printed"] = printed
    return result


def check_rows(database_url: str, done: list[tuple[str, dict]]) -> tuple[int, int]:
    """(rows in the table, rows that match a completed walk exactly once with the right result)."""
    engine = sa.create_engine(database_url)
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text("SELECT reference, suggestion, urgent, matched, flags, full_name FROM submissions")
        ).all()
    engine.dispose()
    by_reference = {}
    for row in rows:
        by_reference.setdefault(row.reference, []).append(row)
    right = 0
    for reference, answers in done:
        found = by_reference.get(reference, [])
        answers = with_skipped(answers)  # what was stored for the questions not asked
        patient = {k: answers[k] for k in ("full_name", "date_of_birth", "phone")}
        rest = {k: v for k, v in answers.items() if k not in patient}
        expected = evaluate(parse_answers({**rest, "patient": patient}))
        if len(found) == 1 and (found[0].suggestion, bool(found[0].urgent)) == (
            expected.suggestion,
            expected.urgent,
        ):
            right += 1
    return len(rows), right


def measure(name: str, database_url: str, args) -> dict:
    """One database: serve, load, baseline, memory, count rows."""
    port = free_port()
    server = start_server(database_url, port, args.workers)
    try:
        warm = run_walks(port, min(args.patients, 10), 20, args.seconds, seed=0)
        memory_warm = worker_memory_mib(server)
        result = run_walks(port, args.patients, args.walks, args.seconds, seed=1)
        memory_after = worker_memory_mib(server)
        base = baseline_latencies(port)
        calm = run_walks(port, args.patients, args.walks // 2, args.seconds, seed=3)
        busy = walks_while_printing(database_url, port, [r for r, _ in warm["done"]], args)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    every_walk = warm["done"] + result["done"] + calm["done"] + busy["done"]
    rows, right = check_rows(database_url, every_walk)
    errors = result["errors"] + calm["errors"] + busy["errors"]
    lat = result["latencies"]
    return {
        "database": name,
        "walks": len(result["done"]),
        "walks_per_s": len(result["done"]) / result["elapsed"],
        "requests": len(lat),
        "p50": percentile(lat, 0.50) * 1000,
        "p95": percentile(lat, 0.95) * 1000,
        "p99": percentile(lat, 0.99) * 1000,
        "errors": len(errors),
        "first_errors": errors[:3],
        "hello_p50": statistics.median(base) * 1000,
        "all_walks": len(every_walk),
        "rows": rows,
        "rows_right": right,
        "calm_p50": statistics.median(calm["latencies"]) * 1000,
        "busy_p50": statistics.median(busy["latencies"]) * 1000,
        "pdfs": len(busy["printed"]),
        "pdf_p50": statistics.median(busy["printed"]) * 1000 if busy["printed"] else float("nan"),
        "rss_warm": max(memory_warm.values()),
        "rss_after": max(memory_after.values()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=50, help="concurrent simulated patients")
    parser.add_argument("--walks", type=int, default=200, help="walks per database, at most")
    parser.add_argument("--seconds", type=float, default=120, help="time limit per database")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as folder:
        if args.only in (None, "sqlite"):
            results.append(measure("SQLite", f"sqlite:///{folder}/load.sqlite", args))
        if args.only in (None, "postgresql"):
            server = ThrowawayPostgres().init()
            try:
                results.append(measure("PostgreSQL", server.create_database("load"), args))
            finally:
                server.destroy()
    print(f"{args.patients} concurrent patients, {args.workers} workers, loopback")
    print(TABLE_HEAD)
    for r in results:
        print(
            f"| {r['database']} | {r['walks']} | {r['walks_per_s']:.1f} | {r['requests']} | {r['p50']:.1f} "
            f"| {r['p95']:.1f} | {r['p99']:.1f} | {r['errors']} | {r['hello_p50']:.1f} "
            f"| {r['p50'] / r['hello_p50']:.1f} | {r['rss_warm']:.0f} → {r['rss_after']:.0f} |"
        )
    print()
    print(ROWS_HEAD)
    for r in results:
        print(
            f"| {r['database']} | {r['all_walks']} | {r['rows']} | {r['rows_right']} | {r['calm_p50']:.1f} "
            f"| {r['busy_p50']:.1f} | {r['busy_p50'] / r['calm_p50']:.2f} | {r['pdfs']} "
            f"| {r['pdf_p50']:.0f} |"
        )
    for r in results:
        for error in r["first_errors"]:
            print(f"  {r['database']} error: {error}")


TABLE_HEAD = """\
| database | walks | walks/s | requests | p50 ms | p95 ms | p99 ms | errors | /healthz p50 ms | p50 ratio \
| worker RSS warm → after MiB |
|---|---|---|---|---|---|---|---|---|---|---|"""
ROWS_HEAD = """\
| database | completed walks (all phases) | rows | rows right, exactly once | patient p50 calm ms \
| patient p50 while printing ms | ratio | PDFs printed | PDF p50 ms |
|---|---|---|---|---|---|---|---|---|"""


if __name__ == "__main__":
    main()
