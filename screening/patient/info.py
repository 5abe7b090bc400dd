"""The pages about the service: contact, privacy, cookies and accessibility, each written for this service."""

from flask import current_app, render_template
from flask_babel import gettext as _

from screening.patient import bp
from screening.patient.drafts import CONFIRMATION_LIFETIME


def _render(name: str, title: str):
    days = current_app.config["DRAFT_DAYS"]
    minutes = int(CONFIRMATION_LIFETIME.total_seconds() // 60)
    timezone = current_app.config["CLINIC_TIMEZONE"]
    context = {"title": title, "draft_days": days, "confirmation_minutes": minutes, "timezone": timezone}
    return render_template(f"patient/info/{name}.html", **context)


@bp.get("/contact")
def show_contact():
    """How to reach the clinic, and what to do in an emergency."""
    return _render("contact", _("Contact the clinic"))


@bp.get("/privacy")
def show_privacy():
    """What the questionnaire keeps, for how long, who sees it, and the patient's rights."""
    return _render("privacy", _("How we use your answers"))


@bp.get("/cookies")
def show_cookies():
    """The one cookie this service sets, and why."""
    return _render("cookies", _("Cookies"))


@bp.get("/accessibility")
def show_accessibility():
    """What was tested, what is known not to work, and how to report a problem."""
    return _render("accessibility", _("Accessibility statement"))
