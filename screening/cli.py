"""The `screening` command: evaluate answers (and more subcommands) without the web app."""

import json
import os
import sys
from typing import BinaryIO

import click

from rules import AnswersError, evaluate, parse_answers
from rules.answers import missing_patient
from rules.tables import VERSIONS

EXIT_BAD_INPUT = 2


class BadInput(click.ClickException):
    """Bad input: one line per problem on stderr, nothing on stdout, exit status 2."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines

    def show(self, file=None) -> None:
        for line in self.lines:
            click.echo(line, err=True)


def open_source(source: str) -> BinaryIO:
    """A path opened for reading bytes, or stdin for `-`; BadInput naming why it cannot be opened."""
    if source == "-":
        return sys.stdin.buffer
    try:
        return open(source, "rb")
    except IsADirectoryError:
        raise BadInput([f"{source}: is a directory, not a JSON file"]) from None
    except FileNotFoundError:
        raise BadInput([f"{source}: no such file"]) from None
    except OSError as error:
        raise BadInput([f"{source}: cannot be read ({error.strerror})"]) from None


def read_json(source: str) -> object:
    """Read one JSON document from a path or `-` (stdin), raising BadInput for anything unreadable."""
    name = "stdin" if source == "-" else source
    handle = open_source(source)
    try:
        raw = handle.read()
    except OSError as error:
        raise BadInput([f"{name}: cannot be read ({error.strerror})"]) from None
    finally:
        if handle is not sys.stdin.buffer:
            handle.close()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadInput([f"{name}: is not valid UTF-8 (byte {error.start})"]) from None
    if not text.strip():
        raise BadInput([f"{name}: is empty; expected one JSON object of answers"])
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise BadInput(
            [f"{name}: is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"]
        ) from None
    except RecursionError:
        raise BadInput([f"{name}: is nested too deeply to be answers"]) from None


def load_answers(source: str, *, require_patient: bool = False):
    """Read and validate one answers object, raising BadInput naming every bad field."""
    data = read_json(source)
    try:
        return parse_answers(data, require_patient=require_patient)
    except AnswersError as error:
        prefix = "" if source == "-" else f"{source}: "
        raise BadInput([prefix + line for line in error.lines()]) from None


@click.group()
def main() -> None:
    """Pre-visit screening for vertebroplasty/kyphoplasty consults (non-diagnostic)."""


@main.command("evaluate")
@click.argument("source", metavar="FILE")
@click.option(
    "--rules",
    "version",
    metavar="VERSION",
    help=f"A released rules version ({', '.join(VERSIONS)}); the newest by default.",
)
@click.option(
    "--jsonl",
    is_flag=True,
    help="FILE holds one answers object per line: print one result, or one error object naming the "
    "line and its fields, per line; exit 2 if any line was bad.",
)
def evaluate_command(source: str, version: str | None, jsonl: bool) -> None:
    """Apply the screening rules to the answers in FILE (or - for stdin); print JSON."""
    if version is not None and version not in VERSIONS:
        raise BadInput([f"--rules: unknown rules version {version!r}; allowed: {', '.join(VERSIONS)}"])
    if jsonl:
        _evaluate_jsonl(source, version)
        return
    answers = load_answers(source)
    click.echo(json.dumps(evaluate(answers, version).to_dict()))


def _evaluate_jsonl(source: str, version: str | None) -> None:
    from screening.evaluate_lines import bad_lines_message, evaluate_lines

    name = "stdin" if source == "-" else source
    handle = open_source(source)
    try:
        bad, total = evaluate_lines(handle, sys.stdout.write, version)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader stopped early (`| head`): no traceback, and nothing more to say to it.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except OSError as error:
        raise BadInput([f"{name}: cannot be read ({error.strerror})"]) from None
    finally:
        if handle is not sys.stdin.buffer:
            handle.close()
    if total == 0:
        raise BadInput([f"{name}: is empty; expected one JSON object of answers per line"])
    if bad:
        raise BadInput([bad_lines_message(bad, total)])


@main.command("pdf")
@click.argument("sources", metavar="FILE...", nargs=-1, required=True)
@click.option("-o", "--output", required=True, metavar="OUT.pdf", help="The PDF to write (- for stdout).")
@click.option(
    "--timezone",
    envvar="CLINIC_TIMEZONE",
    default="UTC",
    show_default=True,
    help="Clinic time zone for the printed time (default: $CLINIC_TIMEZONE, else UTC).",
)
def pdf_command(sources: tuple[str, ...], output: str, timezone: str) -> None:
    """Print the doctor's summary of each answers FILE (with patient) into one PDF; store nothing.

    Several files make one batch: one PDF, each summary starting on a new page. Nothing is
    stored, so the reference reads "Not submitted" and the time shown is the time of printing.
    """
    from screening.pdf import render_pdf  # WeasyPrint loads only when printing
    from screening.pdf_output import output_problems, write_output
    from screening.summary import clinic_zone, summary_values

    problems = output_problems(output, sources)
    if sources.count("-") > 1:
        problems.append("-: standard input can be read only once")
    try:
        clinic_zone(timezone)
    except ValueError as error:
        problems.append(f"--timezone: {error}")
    parsed = []
    for source in dict.fromkeys(sources):
        try:
            parsed.append(_load_with_patient(source))
        except BadInput as bad:
            named = "stdin: " if source == "-" else f"{source}: "
            problems.extend(line if line.startswith(named) else named + line for line in bad.lines)
    if problems:
        raise BadInput(problems)
    summaries = [
        summary_values(a, evaluate(a), reference=None, submitted_at=None, timezone=timezone) for a in parsed
    ]
    write_output(output, render_pdf(summaries))
    where = "standard output" if output == "-" else output
    click.echo(f"Wrote {len(summaries)} summar{'y' if len(summaries) == 1 else 'ies'} to {where}", err=True)


def _load_with_patient(source: str):
    # Like load_answers(require_patient=True), but a missing patient is listed with the other problems.
    data = read_json(source)
    missing = isinstance(data, dict) and "patient" not in data
    try:
        answers = parse_answers(data, require_patient=True)
    except AnswersError as error:
        problems = error.problems
        if missing and all(problem.field != "patient" for problem in problems):
            problems = [missing_patient(), *problems]
        raise BadInput(AnswersError(problems).lines()) from None
    return answers


@main.command("export")
@click.option("--fhir", "as_fhir", is_flag=True, help="Write a FHIR R4 Bundle (the one format for now).")
@click.option("--day", required=True, metavar="YYYY-MM-DD", help="The clinic day whose submissions to write.")
@click.option("-o", "--output", required=True, metavar="OUT.json", help="The file to write (- for stdout).")
def export_command(as_fhir: bool, day: str, output: str) -> None:
    """Write one clinic day's submissions (answers, result, PDF) as a FHIR Bundle; audited.

    Reads the database the app uses (DATABASE_URL); the day is the clinic's (CLINIC_TIMEZONE).
    """
    from screening.fhir.command import export_day, output_problem, parse_day
    from screening.pdf_output import write_output

    problems = [] if as_fhir else ["--fhir: required; the export's one format is a FHIR R4 Bundle"]
    try:
        chosen = parse_day(day)
    except ValueError as error:
        problems.append(f"--day: {error}")
    if problem := output_problem(output):
        problems.append(problem)
    if problems:
        raise BadInput(problems)
    try:
        text, count = export_day(chosen)
    except ValueError as error:
        raise BadInput([f"--day: {error}"]) from None
    write_output(output, text.encode("utf-8"))
    where = "standard output" if output == "-" else output
    click.echo(
        f"Wrote a FHIR Bundle of {count} submission{'' if count == 1 else 's'} of {day} to {where}", err=True
    )


@main.command("serve")
@click.option("--bind", default="127.0.0.1:8000", show_default=True, help="HOST:PORT to listen on.")
@click.option("--workers", default=4, show_default=True, type=click.IntRange(1, 64), help="Processes.")
@click.option("--threads", default=2, show_default=True, type=click.IntRange(1, 32), help="Per worker.")
def serve_command(bind: str, workers: int, threads: int) -> None:
    """Serve the app in production (SECRET_KEY, DATABASE_URL, PROXY_COUNT from the environment)."""
    from screening.serve import serve  # gunicorn loads only when serving

    serve(bind=bind, workers=workers, threads=threads)


@main.command("alerts")
@click.option("--once", is_flag=True, help="One pass, then exit (for cron or a check).")
@click.option(
    "--poll", default=2.0, show_default=True, type=click.FloatRange(0.2, 60), help="Seconds between passes."
)
def alerts_command(once: bool, poll: float) -> None:
    """Send the urgent-submission alerts and escalations (SMTP_URL, ALERT_EMAIL_TO… from the environment)."""
    import logging

    from screening import create_app
    from screening.alerts import sender

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    app = create_app()
    if not app.config["SMTP_URL"]:
        click.echo("SMTP_URL is not set: alerts are printed here, not emailed (development only).", err=True)
    if once:
        with app.app_context():
            click.echo(json.dumps(sender.run_once()))
        return
    sender.run_forever(app, poll)
