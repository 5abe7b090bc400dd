"""Rendering the step and Check your answers pages, and where a returning patient carries on."""

from flask import render_template, request, url_for

from screening.patient import drafts, flow
from screening.patient.messages import summary_line
from screening.patient.review import answer_rows


def resume_url(saved: dict) -> str:
    """Where a patient carries on: the first unanswered step, or Check your answers."""
    step = flow.first_incomplete(saved)
    return url_for("patient.answer_step", slug=step.slug) if step else url_for("patient.review_answers")


def render_step(step, form, errors: dict, notice: str = "", status: int = 200, saved: dict | None = None):
    """The step's page: its questions, the answers given, and any problems at the top and by each field."""
    change = request.args.get("change") == flow.REVIEW
    # The 503 page passes {} rather than read a draft from a database that is down.
    saved = drafts.draft_answers() if saved is None else saved
    previous = flow.previous_step(step, saved)
    if change:
        back = url_for("patient.review_answers")
    elif previous is not None:
        back = url_for("patient.answer_step", slug=previous.slug)
    else:
        back = url_for("patient.start")
    questions = {q.name: q for q in step.questions}
    links = [(f"#{flow.anchor(questions[n])}", summary_line(questions[n], m)) for n, m in errors.items()]
    context = {"step": step, "form": form, "errors": errors, "error_links": links, "notice": notice}
    number, total = flow.step_number(step, saved)
    asked = [q for q in step.questions if q.applies(saved)]
    context.update(back=back, number=number, total=total, change=change, questions=asked)
    return render_template("patient/step.html", **context), status


def render_review(errors: dict, notice: str = "", status: int = 200):
    """The Check your answers page, with a Change link for every answer."""
    saved = drafts.draft_answers()
    rows = answer_rows(saved, errors)
    problems = [row for section in rows for row in section["rows"] if row["error"]]
    links = [(row["change"], f"{row['label']} – {row['error']}") for row in problems]
    back = url_for("patient.answer_step", slug=flow.asked_steps(saved)[-1].slug)
    context = {"rows": rows, "errors": errors, "error_links": links, "notice": notice, "back": back}
    return render_template("patient/review.html", **context), status
