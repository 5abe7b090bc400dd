"""`screening pdf` through the real installed command: one file, a batch, and every kind of bad input."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.helpers import PATIENT, neutral

SCREENING = str(Path(sys.executable).with_name("screening"))


def run(*args, stdin: bytes = b"", env: dict | None = None):
    return subprocess.run([SCREENING, "pdf", *args], input=stdin, capture_output=True, timeout=120, env=env)


def write(folder: Path, name: str, data) -> str:
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def pages_text(path: Path) -> list[str]:
    return ["".join(page.extract_text().split()) for page in PdfReader(path).pages]


def refused(done) -> list[str]:
    """The stderr lines of a bad-input run, after checking it exited 2 with no traceback."""
    text = done.stderr.decode()
    assert done.returncode == 2, text
    assert "Traceback" not in text
    assert done.stdout == b""
    return text.splitlines()


def test_pdf_renders_one_answers_file_without_storing(tmp_path):
    source = write(tmp_path, "maria.json", {**neutral(pain_weeks=3, pain_score=8), "patient": PATIENT})
    out = tmp_path / "maria.pdf"
    done = run(source, "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stderr.decode().strip() == f"Wrote 1 summary to {out}"
    (text,) = pages_text(out)
    assert "MariaLopez" in text and "Vertebroplastyconsult" in text
    assert "ReferenceNotsubmitted" in text
    assert "Notstored—printed" in text


def test_pdf_writes_a_batch_of_files_into_one_pdf_in_the_order_given(tmp_path):
    names = ["Ann First", "Bea Second", "Cy Third"]
    sources = [
        write(tmp_path, f"{n}.json", {**neutral(), "patient": {**PATIENT, "full_name": name}})
        for n, name in enumerate(names)
    ]
    out = tmp_path / "batch.pdf"
    done = run(*sources, "-o", str(out))
    assert done.returncode == 0, done.stderr
    pages = pages_text(out)
    assert len(pages) == 3
    for page, name in zip(pages, names, strict=True):
        assert name.replace(" ", "") in page and "Page1of1" in page


def test_pdf_shows_the_time_in_the_clinic_time_zone(tmp_path):
    source = write(tmp_path, "a.json", {**neutral(), "patient": PATIENT})
    out = tmp_path / "a.pdf"
    done = run(source, "-o", str(out), "--timezone", "Asia/Tokyo")
    assert done.returncode == 0, done.stderr
    assert "(Asia/Tokyo)" in pages_text(out)[0]


def test_pdf_reads_the_clinic_time_zone_from_the_environment(tmp_path):
    source = write(tmp_path, "a.json", {**neutral(), "patient": PATIENT})
    out = tmp_path / "a.pdf"
    env = {"PATH": "/usr/bin:/bin", "CLINIC_TIMEZONE": "America/New_York"}
    done = run(source, "-o", str(out), env=env)
    assert done.returncode == 0, done.stderr
    assert "(America/New_York)" in pages_text(out)[0]


def test_pdf_reads_stdin_and_writes_stdout():
    data = json.dumps({**neutral(nerve_symptoms=["weakness"]), "patient": PATIENT}).encode()
    done = run("-", "-o", "-", stdin=data)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"%PDF-")
    text = "".join(PdfReader(io.BytesIO(done.stdout)).pages[0].extract_text().split())
    assert "URGENT" in text


def test_every_bad_file_is_reported_with_its_name_and_nothing_is_written(tmp_path):
    good = write(tmp_path, "good.json", {**neutral(), "patient": PATIENT})
    no_patient = write(tmp_path, "no_patient.json", neutral(pain_weeks=-1))
    broken = write(tmp_path, "broken.json", "{not json")
    bad_patient = write(
        tmp_path, "bad_patient.json", {**neutral(), "patient": {**PATIENT, "date_of_birth": "x"}}
    )
    out = tmp_path / "out.pdf"
    lines = refused(
        run(good, no_patient, broken, bad_patient, str(tmp_path / "missing.json"), "-o", str(out))
    )
    assert f"{no_patient}: patient: is required; allowed: an object with full_name, date_of_birth" in lines[0]
    assert lines[1] == f"{no_patient}: pain_weeks: must be a whole number from 0 to 520 (got -1)"
    assert lines[2].startswith(f"{broken}: is not valid JSON (line 1, column 2")
    assert lines[3].startswith(
        f"{bad_patient}: patient.date_of_birth: must be a real date written YYYY-MM-DD"
    )
    assert lines[4] == f"{tmp_path / 'missing.json'}: no such file"
    assert len(lines) == 5
    assert not any(good in line for line in lines)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.suffix != ".json"] == []


def test_bad_stdin_is_named_stdin(tmp_path):
    lines = refused(
        run("-", "-o", str(tmp_path / "out.pdf"), stdin=json.dumps(neutral(cause="aliens")).encode())
    )
    assert lines[0].startswith("stdin: patient: is required")
    assert lines[1] == 'stdin: cause: got "aliens"; allowed: one of osteoporosis, injury, cancer, unknown'


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("{tmp}/no/such/folder/out.pdf", "folder {tmp}/no/such/folder does not exist"),
        ("{tmp}", "is a folder; give a file name such as summary.pdf"),
        ("{tmp}/a.json", "is one of the answers files; refusing to overwrite it"),
    ],
)
def test_an_unusable_output_path_is_refused_before_rendering(tmp_path, output, expected):
    source = write(tmp_path, "a.json", {**neutral(), "patient": PATIENT})
    before = Path(source).read_bytes()
    output = output.format(tmp=tmp_path)
    (line,) = refused(run(source, "-o", output))
    assert line == f"-o {output}: {expected.format(tmp=tmp_path)}"
    assert Path(source).read_bytes() == before


def test_output_is_required():
    done = run("a.json")
    assert done.returncode == 2
    assert "Missing option '-o' / '--output'" in done.stderr.decode()


def test_an_unknown_time_zone_is_refused_with_the_other_problems(tmp_path):
    source = write(tmp_path, "a.json", neutral())
    lines = refused(run(source, "-o", str(tmp_path / "a.pdf"), "--timezone", "Mars/Olympus"))
    assert lines[0] == (
        "--timezone: unknown time zone 'Mars/Olympus'; allowed: an IANA name such as UTC or Europe/London"
    )
    assert lines[1].startswith(f"{source}: patient: is required")


def test_stdin_can_be_named_only_once(tmp_path):
    lines = refused(run("-", "-", "-o", str(tmp_path / "a.pdf"), stdin=b"{}"))
    assert lines[0] == "-: standard input can be read only once"
