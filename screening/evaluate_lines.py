"""`screening evaluate --jsonl`: an answers object per line in, a result or an error object per line out."""

import json
from collections.abc import Callable, Iterable

from rules import AnswersError, evaluate, parse_answers

BOM = b"\xef\xbb\xbf"


def line_problem(kind: str, message: str) -> dict:
    """A problem with the whole line (not one field): it names the line's answers object as the field."""
    return {"field": "answers", "kind": kind, "message": message}


def outcome(raw: bytes, version: str | None) -> tuple[dict, list[dict]]:
    """The result of one line (as `screening evaluate` prints it), or its problems."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return {}, [line_problem("not_utf8", f"is not valid UTF-8 (byte {error.start + 1} of the line)")]
    if not text.strip():
        return {}, [line_problem("empty", "is empty; expected one JSON object of answers")]
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return {}, [line_problem("not_json", f"is not valid JSON (column {error.colno}: {error.msg})")]
    except RecursionError:
        return {}, [line_problem("too_deep", "is nested too deeply to be answers")]
    try:
        answers = parse_answers(data)
    except AnswersError as error:
        return {}, [
            {"field": problem.field, "kind": problem.kind, "message": problem.english()}
            for problem in error.problems
        ]
    return evaluate(answers, version).to_dict(), []


def evaluate_lines(
    lines: Iterable[bytes], write: Callable[[str], object], version: str | None
) -> tuple[list[int], int]:
    """Write one JSON line per input line (a result, or {"line", "problems"}); return bad lines and count."""
    bad: list[int] = []
    number = 0
    for number, raw in enumerate(lines, start=1):
        if number == 1 and raw.startswith(BOM):
            raw = raw[len(BOM) :]
        result, problems = outcome(raw.rstrip(b"\r\n"), version)
        if problems:
            bad.append(number)
            write(json.dumps({"line": number, "problems": problems}) + "\n")
        else:
            write(json.dumps(result) + "\n")
    return bad, number


def bad_lines_message(bad: list[int], total: int) -> str:
    """The one line printed on standard error when some lines were bad."""
    shown = ", ".join(str(number) for number in bad[:10]) + (", …" if len(bad) > 10 else "")
    lines, named = ("line" if total == 1 else "lines"), ("line" if len(bad) == 1 else "lines")
    return (
        f"{len(bad)} of {total} {lines} had problems ({named} {shown}); "
        "each has an error object naming its fields on standard output"
    )
