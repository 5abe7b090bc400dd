"""The doctor's PDFs rendered once and kept: served as stored while what they print is unchanged."""

import hashlib
import io
import json
import logging
import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor, wait
from functools import cache

import weasyprint
from flask import Flask, current_app
from pypdf import PdfWriter
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from screening.extensions import db
from screening.models import Submission, SummaryPdf, utcnow
from screening.pdf import STATIC, TEMPLATES, render_pdf
from screening.summary import summary_for_submission

# Reference codes only: never a patient's name or answers.
log = logging.getLogger("screening.pdf")


@cache
def renderer_key() -> bytes:
    """What decides a PDF's bytes besides its values: the PDF template, its stylesheet, WeasyPrint."""
    digest = hashlib.sha256(weasyprint.__version__.encode())
    for folder in (TEMPLATES / "pdf", STATIC / "pdf"):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.digest()


def fingerprint(summary: dict) -> str:
    """sha256 of everything the PDF prints (the summary's values) and of the renderer."""
    printed = json.dumps(summary, sort_keys=True, ensure_ascii=False, default=str).encode()
    return hashlib.sha256(renderer_key() + printed).hexdigest()


def summary_pdfs(submissions: list[Submission]) -> list[bytes]:
    """Each submission's PDF: the kept one while it prints the same values, else rendered now and kept.

    A status or a note changes the PDF only if the summary prints it (today's template prints neither);
    what does change it is a finished urgent questionnaire, the clinic's time zone, or a new template.
    New PDFs are written to the session; the caller's one commit keeps them with its audit row.
    """
    timezone = current_app.config.get("CLINIC_TIMEZONE", "UTC")
    ids = [submission.id for submission in submissions]
    query = select(SummaryPdf.submission_id, SummaryPdf.fingerprint, SummaryPdf.pdf)
    kept = {
        row.submission_id: row for row in db.session.execute(query.where(SummaryPdf.submission_id.in_(ids)))
    }
    pdfs, fresh = [], []
    for submission in submissions:
        summary = summary_for_submission(submission, timezone)
        key = fingerprint(summary)
        row = kept.get(submission.id)
        if row is not None and row.fingerprint == key:
            pdfs.append(row.pdf)
            continue
        pdf = render_pdf([summary])
        pdfs.append(pdf)
        fresh.append(
            {"submission_id": submission.id, "fingerprint": key, "pdf": pdf, "rendered_at": utcnow()}
        )
    if fresh:
        db.session.execute(_upsert(fresh))
    return pdfs


def _upsert(rows: list[dict]):
    # Insert or replace in one statement: two requests keeping the same PDF at once never collide.
    insert = sqlite_insert if db.session.get_bind().dialect.name == "sqlite" else postgresql_insert
    statement = insert(SummaryPdf).values(rows)
    kept = ("fingerprint", "pdf", "rendered_at")
    return statement.on_conflict_do_update(
        index_elements=[SummaryPdf.submission_id], set_={name: statement.excluded[name] for name in kept}
    )


def combined(pdfs: list[bytes]) -> bytes:
    """One PDF of several kept ones, in order, joined with pypdf (nothing rendered); one comes back as is."""
    if len(pdfs) == 1:
        return pdfs[0]
    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(io.BytesIO(pdf))
    writer.add_metadata({"/Title": f"Screening summaries ({len(pdfs)} patients)"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# One background thread per process renders new submissions' PDFs, one at a time, after the request
# that stored them: the patient's confirmation never waits for a render.
_background: dict[int, ThreadPoolExecutor] = {}
_pending: set[Future] = set()
_pending_lock = threading.Lock()


def render_soon(submission_id: int) -> None:
    """Render and keep a just-stored submission's PDF in the background (a failure only costs speed)."""
    app = current_app._get_current_object()
    # Keyed by process: a worker forked from a process that already had the thread starts its own.
    executor = _background.get(os.getpid())
    if executor is None:
        executor = _background[os.getpid()] = ThreadPoolExecutor(1, thread_name_prefix="summary-pdf")
    future = executor.submit(_render_kept, app, submission_id)
    with _pending_lock:
        _pending.add(future)
    future.add_done_callback(_forget)


def _forget(future: Future) -> None:
    with _pending_lock:
        _pending.discard(future)


def _render_kept(app: Flask, submission_id: int) -> None:
    with app.app_context():
        try:
            submission = db.session.get(Submission, submission_id)
            if submission is not None:
                summary_pdfs([submission])
                db.session.commit()
        except Exception as error:  # the PDF is then rendered on its first download instead
            log.warning(
                "could not render the PDF of submission %s ahead: %s", submission_id, type(error).__name__
            )


def wait_for_background(timeout: float = 60) -> None:
    """Wait for the background renders started so far (a test's end, before its database goes)."""
    with _pending_lock:
        pending = list(_pending)
    wait(pending, timeout=timeout)
