"""Save and come back later: the return code page, and reopening a draft with a code and date of birth."""

from flask import current_app, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FormField, StringField

from rules.questions import STEPS
from screening.patient import bp, drafts, parts, return_codes
from screening.patient.messages import BY_KIND, ENTER
from screening.patient.pages import resume_url
from screening.submissions import parse_reference

# The code just issued, kept in this browser's session only while the page showing it is open.
CODE_KEY = "return_code"
DATE_OF_BIRTH = next(q for step in STEPS for q in step.questions if q.name == "date_of_birth")
ENTER_CODE = _l("Enter your code")
CODE_SHAPE = _l("Your code must be 8 letters and numbers, for example 7K3M-Q9TD")
NOT_FOUND = _l(
    "No saved answers match that code and date of birth. Check both and try again. "
    "The code is on the page you printed or wrote down."
)
TOO_MANY = _l(
    "There have been too many tries with this code or from this connection. For your security, "
    "try again tomorrow, or call the clinic. You can also start the questions again."
)


class ContinueForm(FlaskForm):
    """The return code and the date of birth, posted only (never in an address, never logged)."""

    code = StringField(_l("Your code"))
    date_of_birth = FormField(parts.DateParts, label=DATE_OF_BIRTH.text)


def show_code_for(draft) -> object:
    """Issue a code for the draft and go to the page that shows it (303, so a reload shows it again)."""
    session[CODE_KEY] = return_codes.issue(draft)
    return redirect(url_for("patient.show_saved"), 303)


@bp.post("/save-for-later")
def save_for_later():
    """From Check your answers: a code for the answers saved so far."""
    draft = drafts.current_draft()
    if draft is None or "date_of_birth" not in draft.data:
        return redirect(url_for("patient.start"), 303)
    return show_code_for(draft)


@bp.get("/saved")
def show_saved():
    """The code to write down or print, and how to come back with it."""
    code, draft = session.get(CODE_KEY), drafts.current_draft()
    if not code or draft is None:
        return redirect(url_for("patient.start"))
    context = {"code": code, "days": current_app.config["DRAFT_DAYS"], "carry_on": resume_url(draft.data)}
    return render_template("patient/saved.html", **context)


@bp.post("/saved/finish")
def leave_for_now():
    """The patient has the code: this browser lets go of the answers (kept under the code)."""
    drafts.leave_draft()
    return redirect(url_for("patient.start"), 303)


@bp.route("/continue", methods=["GET", "POST"])
def continue_saved():
    """Ask for the code and the date of birth; when both match a live draft, carry on where it stopped."""
    form = ContinueForm()
    errors: dict[str, str] = {}
    notice, status = "", 200
    if form.validate_on_submit():
        code = parse_reference(form.code.data or "")
        born, problem = parts.date_from_parts(form.date_of_birth.data or {})
        if not (form.code.data or "").strip():
            errors["code"] = str(ENTER_CODE)
        elif code is None:
            errors["code"] = str(CODE_SHAPE)
        if problem:
            errors["date_of_birth"] = str(BY_KIND[problem] % {})
        elif born is None:
            errors["date_of_birth"] = str(ENTER["date_of_birth"])
        if not errors:
            draft, refusal = return_codes.open_draft(code, born)
            if draft is not None:
                drafts.leave_draft()
                drafts.adopt(draft)
                return redirect(resume_url(draft.data), 303)
            notice = str(TOO_MANY if refusal == return_codes.LOCKED else NOT_FOUND)
            status = 429 if refusal == return_codes.LOCKED else 200
    links = [(f"#{'code' if name == 'code' else 'date_of_birth-day'}", text) for name, text in errors.items()]
    context = {"form": form, "errors": errors, "error_links": links, "notice": notice}
    context.update(question=DATE_OF_BIRTH, method=request.method)
    return render_template("patient/continue.html", **context), status


@bp.post("/continue-as")
def continue_as():
    """The person at this browser says the answers in progress are theirs: carry on."""
    draft = drafts.current_draft()
    if draft is None:
        return redirect(url_for("patient.start"), 303)
    drafts.note_visit()
    return redirect(resume_url(draft.data), 303)
