"""The patients' pages: start, one page per step, check your answers, and the confirmation."""

from flask import abort, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError

from rules.advice import urgent_symptoms_reported, urgent_symptoms_to_watch_for
from rules.questions import STEPS
from screening import request_limits, stored_pdfs
from screening.i18n import answering_language
from screening.patient import bp, drafts, flow, resume, urgent
from screening.patient.forms import form_data, step_answers, step_form_class
from screening.patient.pages import render_review, render_step, resume_url
from screening.patient.validation import check_all, check_step
from screening.security import show_error
from screening.submissions import format_reference, store_submission

HONEYPOT = "website"
# The name of the step's second button: save this page's answers and get a return code (12.1).
LATER = "later"
STALE_FORM = _l(
    "This page was open for a long time, so for your security it was not sent. "
    "Your answers are still here: check them and press the button again."
)


@bp.after_request
def forbid_caching(response):
    """Answers are health data: never keep a copy of these pages in any cache."""
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/")
def start():
    """What this is, how long it takes, and a way in: "Continue as <first name>?" when answers wait here."""
    draft = drafts.current_draft()
    done = drafts.submitted()
    reference = format_reference(done.reference) if done is not None else None
    first = url_for("patient.answer_step", slug=STEPS[0].slug)
    # Only a first name before anything else: whoever holds this browser may not be its patient (12.2).
    name = drafts.first_name(draft) if draft is not None else ""
    context = {"returning": draft is not None and done is None, "name": name}
    return render_template("patient/start.html", reference=reference, first=first, **context)


@bp.post("/start-again")
def start_again():
    """Let go of the answers in progress (kept only under a return code) and begin with step 1."""
    drafts.leave_draft()
    return redirect(url_for("patient.answer_step", slug=STEPS[0].slug), 303)


@bp.route("/questions/<slug>", methods=["GET", "POST"])
def answer_step(slug: str):
    """Show one step; on a valid POST save its answers to the draft and go on."""
    step = flow.STEP_BY_SLUG.get(slug) or abort(404)
    if drafts.submitted() is not None:
        return redirect(url_for("patient.show_confirmation"))
    saved = drafts.draft_answers()
    if not flow.may_open(step, saved):
        return redirect(resume_url(saved))
    form = step_form_class(step)(data=form_data(step, saved))
    errors: dict = {}
    if request.method == "POST" and request.form.get(HONEYPOT):
        # Only a program fills a field no person can see: refused like too many attempts.
        raise request_limits.LimitReached()
    if form.validate_on_submit():
        values, form_problems = step_answers(step, form, saved)
        errors = check_step(step, saved, values, form_problems)
        if not errors:
            going_back = (
                request.args.get("change") == flow.REVIEW
                and flow.first_incomplete({**saved, **values}) is None
            )
            target = flow.REVIEW if going_back else flow.next_slug(step, {**saved, **values})
            draft = drafts.save_answers(values)
            if urgent.note_urgent(saved, draft):
                return redirect(url_for("patient.show_urgent_advice"), 303)
            if request.form.get(LATER):
                return resume.show_code_for(draft)
            if target == flow.REVIEW:
                # Back to the changed section (a Location without a fragment would keep the step's).
                anchor = step.slug if going_back else None
                return redirect(url_for("patient.review_answers", _anchor=anchor), 303)
            return redirect(url_for("patient.answer_step", slug=target), 303)
    return render_step(step, form, errors, saved=saved)


@bp.get("/check-answers")
def review_answers():
    """Every answer, grouped by step, each with a link to change it."""
    if drafts.submitted() is not None:
        return redirect(url_for("patient.show_confirmation"))
    saved = drafts.draft_answers()
    if flow.first_incomplete(saved) is not None:
        return redirect(resume_url(saved))
    return render_review({})


@bp.post("/check-answers")
def submit_answers():
    """Validate the whole questionnaire, store it once, delete the draft, show the confirmation."""
    if drafts.submitted() is not None:
        return redirect(url_for("patient.show_confirmation"), 303)
    draft = drafts.current_draft()
    if draft is None or flow.first_incomplete(draft.data) is not None:
        return redirect(resume_url(draft.data if draft else {}), 303)
    answers, errors = check_all(draft.data)
    if answers is None:
        return render_review(errors)
    request_limits.count_or_refuse(request_limits.SUBMISSION)
    submission = store_submission(answers, draft_id=draft.id, language=answering_language())
    stored_pdfs.render_soon(submission.id)
    drafts.mark_sent()
    return redirect(url_for("patient.show_confirmation"), 303)


@bp.post("/finish")
def finish():
    """The patient is done: the browser forgets the confirmation at once and shows the start page."""
    drafts.forget_sent()
    return redirect(url_for("patient.start"), 303)


@bp.get("/confirmation")
def show_confirmation():
    """The reference code and what happens next; an emergency message first when urgent."""
    submission = drafts.submitted()
    if submission is None:
        return redirect(url_for("patient.start"))
    phone = (submission.answers.get("patient") or {}).get("phone", "")
    reference = format_reference(submission.reference)
    context = {"submission": submission, "reference": reference, "phone": phone}
    context.update(
        urgent_symptoms=urgent_symptoms_reported(submission.answers.get("nerve_symptoms")),
        watch_for=urgent_symptoms_to_watch_for(),
    )
    return render_template("patient/confirmation.html", **context)


@bp.errorhandler(CSRFError)
def reshow_stale_form(error: CSRFError):
    """A form whose security token no longer matches: show it again with the answers, not an error page."""
    if request.endpoint == "patient.answer_step":
        step = flow.STEP_BY_SLUG.get(request.view_args.get("slug", ""))
        if step is not None:
            return render_step(step, step_form_class(step)(), {}, notice=STALE_FORM, status=400)
    if request.endpoint == "patient.submit_answers" and drafts.current_draft() is not None:
        return render_review({}, notice=STALE_FORM, status=400)
    return show_error(error)
