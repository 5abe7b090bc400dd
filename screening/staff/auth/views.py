"""Sign-in views: email and password, then a TOTP or recovery code (enrolling at first sign-in); sign-out."""

from flask import flash, redirect, render_template, request, session, url_for
from flask_login import current_user

from screening.extensions import db
from screening.models import utcnow
from screening.staff import audit, bp, clinictime
from screening.staff.auth.access import safe_next
from screening.staff.auth.accounts import StaffUser, find_staff, normalise_email, password_matches
from screening.staff.auth.forms import CodeForm, SignInForm, SignOutForm
from screening.staff.auth.lockout import clear_failures, locked_until, record_failure
from screening.staff.auth.sessions import begin_second_step, pending_user, sign_in, sign_out
from screening.staff.auth.twofactor import (
    accept_totp,
    grouped_secret,
    issue_recovery_codes,
    provisioning_uri,
    qr_svg,
    recovery_codes_left,
    start_enrolment,
    use_recovery_code,
)

# The same words whether the email is unknown, the password wrong or the account disabled.
SIGN_IN_REFUSED = "The email address or password is not right."
WRONG_CODE = "That code is not right, or it has already been used. Check the app and try again."


def _problems(form) -> list[tuple[str, str]]:
    return [(name, messages[0]) for name, messages in form.errors.items()]


def _locked_message(until) -> str:
    opens = f"{clinictime.local(until):%H:%M}"
    return f"Too many failed attempts. Sign-in is paused for 15 minutes, until {opens}. Try again then."


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Step one: email and password; a generic message whatever was wrong."""
    if current_user.is_authenticated:
        return redirect(url_for("staff.show_queue"))
    form = SignInForm()
    error, status = None, 200
    if form.validate_on_submit():
        email, address = normalise_email(form.email.data), audit.client_address()
        until = locked_until(email, address)
        user = find_staff(email)
        if until is not None:
            error, status = _locked_message(until), 429
        elif password_matches(user, form.password.data) and user.is_active:
            wanted = safe_next(request.args.get("next"))
            begin_second_step(user)
            session["staff_next"] = wanted
            return redirect(url_for("staff.second_step" if user.enrolled else "staff.enrol"))
        else:
            record_failure(email, address)
            audit.record("sign_in_failed", email[:254], detail="password")
            error, status = SIGN_IN_REFUSED, 200
    elif request.method == "POST":
        status = 400
    return render_template("staff/login.html", form=form, error=error, problems=_problems(form)), status


def _complete(user: StaffUser, used_recovery_code: bool):
    wanted = session.get("staff_next")
    clear_failures(user.email)
    sign_in(user)
    audit.record("sign_in", user.email, detail="recovery code" if used_recovery_code else "authenticator")
    if used_recovery_code:
        flash(f"You signed in with a recovery code. You have {recovery_codes_left(user)} left.")
    return redirect(wanted or url_for("staff.show_queue"))


@bp.route("/login/code", methods=["GET", "POST"])
def second_step():
    """Step two: the authenticator's 6-digit code, or one of the recovery codes."""
    user = pending_user()
    if user is None:
        flash("Sign in again: the first step was not completed or took more than 5 minutes.")
        return redirect(url_for("staff.login"))
    if not user.enrolled:
        return redirect(url_for("staff.enrol"))
    form = CodeForm()
    error, status = None, 200
    if form.validate_on_submit():
        address = audit.client_address()
        until = locked_until(user.email, address)
        if until is not None:
            error, status = _locked_message(until), 429
        elif accept_totp(user, form.code.data):
            return _complete(user, used_recovery_code=False)
        elif use_recovery_code(user, form.code.data):
            return _complete(user, used_recovery_code=True)
        else:
            record_failure(user.email, address)
            audit.record("sign_in_failed", user.email, detail="code")
            error = WRONG_CODE
    elif request.method == "POST":
        status = 400
    return render_template("staff/code.html", form=form, error=error, problems=_problems(form)), status


@bp.route("/login/enrol", methods=["GET", "POST"])
def enrol():
    """First sign-in: scan the QR code (drawn by the app), confirm with a code, get the recovery codes."""
    user = pending_user()
    if user is None:
        flash("Sign in again: the first step was not completed or took more than 5 minutes.")
        return redirect(url_for("staff.login"))
    if user.enrolled:
        return redirect(url_for("staff.second_step"))
    secret = start_enrolment(user)
    form = CodeForm()
    error, status = None, 200
    if form.validate_on_submit():
        until = locked_until(user.email, audit.client_address())
        if until is not None:
            error, status = _locked_message(until), 429
        elif accept_totp(user, form.code.data):
            user.totp_confirmed_at = utcnow()
            db.session.commit()
            codes = issue_recovery_codes(user)
            sign_in(user)
            audit.record("sign_in", user.email, detail="enrolled authenticator")
            # Shown once, straight from this response: the codes are never stored anywhere readable.
            return render_template("staff/recovery_codes.html", codes=codes)
        else:
            record_failure(user.email, audit.client_address())
            error = WRONG_CODE
    elif request.method == "POST":
        status = 400
    return render_template(
        "staff/enrol.html",
        form=form,
        error=error,
        problems=_problems(form),
        qr=qr_svg(provisioning_uri(user)),
        secret=grouped_secret(secret),
        email=user.email,
    ), status


@bp.post("/logout")
def logout():
    """Sign out: this session and every other session of the same account end now."""
    form = SignOutForm()
    if form.validate_on_submit():
        audit.record("sign_out", current_user.email)
        sign_out(current_user._get_current_object())
        flash("You have signed out.")
    return redirect(url_for("staff.login"))
