"""The administrator's waiting-room tablets (12.3): enrol the browser in hand, list them, revoke one.

Enrolment happens on the tablet itself: the administrator signs in on it, names it and enrols it (the
response sets the device cookie), then signs out; signing out ends the staff session, not the cookie.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from screening import tablets
from screening.extensions import db
from screening.models import utcnow
from screening.staff import audit, bp, clinictime
from screening.staff.auth.access import requires
from screening.staff.auth.accounts import TABLET_ROLES

NAME_MOST = 60
ENTER_NAME = _l("Enter a name for this tablet, for example Waiting room 1")
NAME_TOO_LONG = _l("Name must be at most %(most)s letters, numbers and spaces")
ENROLLED = _l(
    "This browser is now the waiting-room tablet “%(name)s”. Sign out: it then shows the questions."
)


def _page(problem: str = "", name: str = "", status: int = 200):
    context = {"devices": tablets.enrolled_devices(), "this_device": tablets.this_device()}
    context["clinictime"] = clinictime
    context.update(problem=problem, name=name, name_most=NAME_MOST)
    return render_template("staff/tablets.html", **context), status


@bp.get("/tablets")
@requires(*TABLET_ROLES)
def show_tablets():
    """The enrolled tablets, and a form to enrol this browser as one."""
    return _page()


@bp.post("/tablets")
@requires(*TABLET_ROLES)
def enrol_tablet():
    """Enrol the browser this is sent from as a waiting-room tablet (its cookie set in this response)."""
    name = " ".join(request.form.get("name", "").split())
    if not name:
        return _page(str(ENTER_NAME), name, 400)
    if len(name) > NAME_MOST or not name.isprintable():
        return _page(NAME_TOO_LONG % {"most": NAME_MOST}, name, 400)
    device, token = tablets.enrol(name, current_user.email)
    audit.record("enrol_tablet", current_user.email, detail=f"#{device.id} {name}")
    db.session.commit()
    flash(ENROLLED % {"name": name})
    response = redirect(url_for("staff.show_tablets"), 303)
    tablets.set_cookie(response, token)
    return response


@bp.post("/tablets/<int:device_id>/revoke")
@requires(*TABLET_ROLES)
def revoke_tablet(device_id: int):
    """Stop treating a tablet as the clinic's: its cookie no longer counts, from its next request."""
    device = db.session.get(tablets.TabletDevice, device_id)
    if device is None:
        abort(404)
    if device.revoked_at is None:
        device.revoked_at, device.revoked_by = utcnow(), current_user.email
        audit.record("revoke_tablet", current_user.email, detail=f"#{device.id} {device.name}")
        db.session.commit()
        flash(_("The tablet “%(name)s” is revoked.", name=device.name))
    return redirect(url_for("staff.show_tablets"), 303)
