"""`screening evaluate` through the real installed command (spec §3), good input and every bad class."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rules import RULES_VERSION
from tests.helpers import PATIENT, neutral

SCREENING = str(Path(sys.executable).with_name("screening"))


def run(*args, stdin: bytes = b""):
    return subprocess.run([SCREENING, "evaluate", *args], input=stdin, capture_output=True, timeout=60)


def test_evaluate_prints_the_result_as_json_from_stdin():
    done = run("-", stdin=json.dumps(neutral(pain_weeks=3, pain_score=8, load_pain="yes")).encode())
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    result = json.loads(done.stdout)
    assert result["suggestion"] == "vertebroplasty_consult"
    assert result["matched"] == ["R3-persistent-pain", "R4-load-pain"]
    assert result["rules_version"] == RULES_VERSION
    assert list(result) == ["suggestion", "urgent", "matched", "reasons", "flags", "rules_version"]


def test_evaluate_reads_a_file_with_a_patient(tmp_path):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({**neutral(nerve_symptoms=["weakness"]), "patient": PATIENT}))
    done = run(str(path))
    assert done.returncode == 0
    assert json.loads(done.stdout)["urgent"] is True


def bad(done):
    assert done.returncode == 2
    assert done.stdout == b""
    text = done.stderr.decode()
    assert "Traceback" not in text
    return text.splitlines()


@pytest.mark.parametrize(
    ("stdin", "expected"),
    [
        (b"", "stdin: is empty"),
        (b"   \n", "stdin: is empty"),
        (b"{not json", "stdin: is not valid JSON (line 1"),
        (b"\xff\xfe\x00", "stdin: is not valid UTF-8"),
        (b"[1, 2]", "answers: must be a JSON object of answers"),
        (b'"text"', "answers: must be a JSON object of answers"),
        (b"[" * 100_000, "stdin: is nested too deeply"),
    ],
)
def test_unreadable_input_exits_2_with_one_line(stdin, expected):
    lines = bad(run("-", stdin=stdin))
    assert len(lines) == 1
    assert lines[0].startswith(expected)


def test_every_bad_field_gets_its_own_line_naming_it():
    data = neutral(pain_score=7.5, pain_weeks=True, nerve_symptoms=["numbness", "numbness"], colour="red")
    lines = bad(run("-", stdin=json.dumps(data).encode()))
    assert sorted(line.split(":")[0] for line in lines) == [
        "colour",
        "nerve_symptoms",
        "pain_score",
        "pain_weeks",
    ]
    assert any("a whole number from 0 to 10" in line for line in lines)


def test_missing_file_and_directory_are_named(tmp_path):
    assert bad(run(str(tmp_path / "nope.json"))) == [f"{tmp_path / 'nope.json'}: no such file"]
    assert bad(run(str(tmp_path))) == [f"{tmp_path}: is a directory, not a JSON file"]


def test_a_file_problem_line_starts_with_the_file_name(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps(neutral(cause="falls")))
    assert bad(run(str(path))) == [
        f'{path}: cause: got "falls"; allowed: one of osteoporosis, injury, cancer, unknown'
    ]


def test_missing_argument_is_a_usage_error_exit_2():
    done = subprocess.run([SCREENING, "evaluate"], capture_output=True, timeout=60)
    assert done.returncode == 2
    assert b"Missing argument 'FILE'" in done.stderr


def jsonl(*lines: bytes) -> bytes:
    return b"".join(line + b"\n" for line in lines)


def test_jsonl_prints_one_result_per_line_as_the_single_call_does(tmp_path):
    answers = [neutral(pain_weeks=3, pain_score=8, load_pain="yes"), neutral(nerve_symptoms=["weakness"])]
    path = tmp_path / "answers.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + jsonl(*(json.dumps(a).encode() for a in answers)))
    done = run("--jsonl", str(path))
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    single = [json.loads(run("-", stdin=json.dumps(a).encode()).stdout) for a in answers]
    assert [json.loads(line) for line in done.stdout.splitlines()] == single


def test_jsonl_bad_lines_get_error_objects_in_place_and_exit_2():
    good = json.dumps(neutral()).encode()
    stdin = jsonl(
        good,
        json.dumps(neutral(pain_score=11, colour="red")).encode(),
        b"{not json",
        b"",
        b"[1, 2]",
        b"\xff",
        b"[" * 100_000,
        good,
    )
    done = run("--jsonl", "-", stdin=stdin)
    assert done.returncode == 2
    assert b"Traceback" not in done.stderr
    assert done.stderr.decode().splitlines() == [
        "6 of 8 lines had problems (lines 2, 3, 4, 5, 6, 7); each has an error object naming its fields "
        "on standard output"
    ]
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(out) == 8
    assert out[0]["suggestion"] == out[7]["suggestion"] == "conservative_care"
    assert out[1] == {
        "line": 2,
        "problems": [
            {
                "field": "pain_score",
                "kind": "out_of_range",
                "message": "must be a whole number from 0 to 10 (got 11)",
            },
            {"field": "colour", "kind": "unknown_field", "message": "is not a known field"},
        ],
    }
    kinds = [[(p["field"], p["kind"]) for p in line["problems"]] for line in out[2:7]]
    assert kinds == [
        [("answers", "not_json")],
        [("answers", "empty")],
        [("answers", "not_an_object")],
        [("answers", "not_utf8")],
        [("answers", "too_deep")],
    ]


@pytest.mark.parametrize(
    ("args", "stdin", "expected"),
    [
        (("--jsonl", "-"), b"", "stdin: is empty; expected one JSON object of answers per line"),
        (("--jsonl", "/nonexistent/a.jsonl"), b"", "/nonexistent/a.jsonl: no such file"),
        (("--jsonl", "--rules", "1999.1", "-"), b"{}", "--rules: unknown rules version '1999.1'"),
    ],
)
def test_jsonl_unusable_input_is_one_line_exit_2(args, stdin, expected):
    lines = bad(run(*args, stdin=stdin))
    assert len(lines) == 1
    assert lines[0].startswith(expected)


def test_jsonl_reader_that_stops_early_gets_no_traceback(tmp_path):
    path = tmp_path / "many.jsonl"
    path.write_bytes(jsonl(*[json.dumps(neutral()).encode()] * 20_000))
    with subprocess.Popen(
        [SCREENING, "evaluate", "--jsonl", str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        first = process.stdout.readline()
        process.stdout.close()  # as `| head -1` does
        stderr = process.stderr.read()
        process.wait(timeout=60)
    assert json.loads(first)["suggestion"] == "conservative_care"
    assert stderr == b""
    assert process.returncode == 1
