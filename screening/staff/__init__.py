"""The clinic staff's workspace under /staff/, one package per job.

auth/    signing in and out: accounts, passwords, lockout, two-factor, sessions, the sign-in pages
triage/  the front desk's queue, one submission's page and workflow, PDFs and exports
audit/   the append-only audit trail and the administrator's page that reads it
about.py the About page (translations' versions and review) and each account's own language
devices.py the administrator's waiting-room tablets: enrol this browser, list, revoke
clinictime.py (times in the clinic's zone) and tables.py (every staff table) serve all three.

Operations (every module but views.py, documents.py and access.py) change rows, write their own audit
row and flush; they never commit. The view commits once, after its operations and before it answers,
so a request's changes are saved together or not at all, and a failed commit is still the view's
error (a 503 page when the database is busy), not a response already on its way.
"""

from importlib import import_module

from flask import Blueprint, Flask

from screening.extensions import login_manager

bp = Blueprint("staff", __name__, url_prefix="/staff")
# Importing these registers their pages (and the sign-in check) on bp.
PAGES = (
    "auth.access",
    "auth.views",
    "triage.views",
    "triage.actions",
    "triage.live",
    "triage.documents",
    "triage.fhir_export",
    "audit.views",
    "about",
    "devices",
)


def init_app(app: Flask) -> None:
    """Sign-in (Flask-Login), the staff commands, the blueprint, and no-store on every /staff/ response."""
    for module in PAGES:
        import_module(f"screening.staff.{module}")
    from screening.staff.auth.access import no_store
    from screening.staff.auth.commands import COMMANDS
    from screening.staff.auth.sessions import load_user

    app.config.setdefault("STAFF_IDLE_MINUTES", 30)
    app.config.setdefault("STAFF_ABSOLUTE_HOURS", 12)
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.login_view = "staff.login"
    for command in COMMANDS:
        app.cli.add_command(command)
    app.register_blueprint(bp)
    # App-wide, so a 404 or 405 under /staff/ (which never reaches the blueprint) is not cached either.
    app.after_request(no_store)
