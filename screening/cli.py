"""The `screening` command: evaluate answers (and more subcommands) without the web app."""

import json
import sys
from pathlib import Path

import click

from rules import AnswersError, evaluate, parse_answers

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


def read_json(source: str) -> object:
    """Read one JSON document from a path or `-` (stdin), raising BadInput for anything unreadable."""
    name = "stdin" if source == "-" else source
    try:
        raw = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except IsADirectoryError:
        raise BadInput([f"{name}: is a directory, not a JSON file"]) from None
    except FileNotFoundError:
        raise BadInput([f"{name}: no such file"]) from None
    except OSError as error:
        raise BadInput([f"{name}: cannot be read ({error.strerror})"]) from None
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
def evaluate_command(source: str) -> None:
    """Apply the screening rules to the answers in FILE (or - for stdin); print JSON."""
    answers = load_answers(source)
    click.echo(json.dumps(evaluate(answers).to_dict()))


@main.command("serve")
@click.option("--bind", default="127.0.0.1:8000", show_default=True, help="HOST:PORT to listen on.")
@click.option("--workers", default=4, show_default=True, type=click.IntRange(1, 64), help="Processes.")
@click.option("--threads", default=2, show_default=True, type=click.IntRange(1, 32), help="Per worker.")
def serve_command(bind: str, workers: int, threads: int) -> None:
    """Serve the app in production (SECRET_KEY, DATABASE_URL, PROXY_COUNT from the environment)."""
    from screening.serve import serve  # gunicorn loads only when serving

    serve(bind=bind, workers=workers, threads=threads)
