"""Sign-in views: email and password, then a TOTP or recovery code (enrolling at first sign-in); sign-out."""

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from rules.words import N_
from screening.extensions import db
from screening.staff import bp, clinictime
from screening.staff.auth.access import safe_next
from screening.staff.auth.accounts import StaffUser, find_staff, normalise_email, password_matches
from screening.staff.auth.attempts import Attempt, attempt
from screening.staff.auth.forms import CodeForm, SignInForm, SignOutForm
from screening.staff.auth.lockout import LOCK
from screening.staff.auth.recovery import recovery_codes_left
from screening.staff.auth.sessions import PENDING_SECONDS, begin_second_step, pending_user, sign_in, sign_out
from screening.staff.auth.twofactor import (
    RECOVERY_CODE,
    accept_totp,
    confirm_enrolment,
    grouped_secret,
    provisioning_uri,
    qr_svg,
    second_factor,
    start_enrolment,
)

# The same words whether the email is unknown, the password wrong or the account disabled.
SIGN_IN_REFUSED = N_("The email address or password is not right.")
WRONG_CODE = N_("That code is not right, or it has already been used. Check the app and try again.")
STEP_ONE_AGAIN = _l(
    "Sign in again: the first step was not completed or took more than %(minutes)s minutes.",
    minutes=PENDING_SECONDS // 60,
)


def _problems(form) -> list[tuple[str, str]]:
    return [(name, messages[0]) for name, messages in form.errors.items()]


def _refusal(outcome: Attempt, wrong: str) -> tuple[str, int]:
    # Locked: 429 and when it opens again; otherwise only that it was wrong, never which part.
    if outcome.locked_until is None:
        return _(wrong), 200
    opens = f"{clinictime.local(outcome.locked_until):%H:%M}"
    paused = f"{LOCK.total_seconds() / 60:g}"
    refused = _(
        "Too many failed attempts. Sign-in is paused for %(minutes)s minutes, until %(time)s. "
        "Try again then.",
        minutes=paused,
        time=opens,
    )
    return refused, 429


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Step one: email and password; a generic message whatever was wrong."""
    if current_user.is_authenticated:
        return redirect(url_for("staff.show_queue"))
    form = SignInForm()
    error, status = None, 200
    if form.validate_on_submit():
        email = normalise_email(form.email.data)
        user = find_staff(email)
        outcome = attempt(
            email, "password", lambda: password_matches(user, form.password.data) and user.is_active
        )
        db.session.commit()
        if outcome.passed:
            wanted = safe_next(request.args.get("next"))
            begin_second_step(user)
            session["staff_next"] = wanted
            return redirect(url_for("staff.second_step" if user.enrolled else "staff.enrol"))
        error, status = _refusal(outcome, SIGN_IN_REFUSED)
    elif request.method == "POST":
        status = 400
    return render_template("staff/login.html", form=form, error=error, problems=_problems(form)), status


def _complete(user: StaffUser, how: str):
    wanted = session.get("staff_next")
    sign_in(user, how)
    db.session.commit()
    if how == RECOVERY_CODE:
        flash(
            _("You signed in with a recovery code. You have %(count)s left.", count=recovery_codes_left(user))
        )
    return redirect(wanted or url_for("staff.show_queue"))


@bp.route("/login/code", methods=["GET", "POST"])
def second_step():
    """Step two: the authenticator's 6-digit code, or one of the recovery codes."""
    user = pending_user()
    if user is None:
        flash(str(STEP_ONE_AGAIN))
        return redirect(url_for("staff.login"))
    if not user.enrolled:
        return redirect(url_for("staff.enrol"))
    form = CodeForm()
    error, status = None, 200
    if form.validate_on_submit():
        outcome = attempt(user.email, "code", lambda: second_factor(user, form.code.data))
        if outcome.passed:
            return _complete(user, outcome.passed)
        db.session.commit()
        error, status = _refusal(outcome, WRONG_CODE)
    elif request.method == "POST":
        status = 400
    return render_template("staff/code.html", form=form, error=error, problems=_problems(form)), status


@bp.route("/login/enrol", methods=["GET", "POST"])
def enrol():
    """First sign-in: scan the QR code (drawn by the app), confirm with a code, get the recovery codes."""
    user = pending_user()
    if user is None:
        flash(str(STEP_ONE_AGAIN))
        return redirect(url_for("staff.login"))
    if user.enrolled:
        return redirect(url_for("staff.second_step"))
    secret = start_enrolment(user)
    form = CodeForm()
    error, status = None, 200
    if form.validate_on_submit():
        outcome = attempt(user.email, "enrolment code", lambda: accept_totp(user, form.code.data))
        if outcome.passed:
            codes = confirm_enrolment(user)
            sign_in(user, "enrolled authenticator")
            db.session.commit()
            # Shown once, straight from this response: the codes are never stored anywhere readable.
            return render_template("staff/recovery_codes.html", codes=codes)
        error, status = _refusal(outcome, WRONG_CODE)
    elif request.method == "POST":
        status = 400
    # Keeps the failure just counted, and the secret start_enrolment may have drawn for the QR code below.
    db.session.commit()
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
        sign_out(current_user._get_current_object())
        db.session.commit()
        flash(_("You have signed out."))
    return redirect(url_for("staff.login"))
