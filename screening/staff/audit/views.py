"""The administrator's page: reading the audit trail, newest first, by reference or by staff member."""

from flask import render_template, request

from screening.staff import audit, bp, clinictime
from screening.staff.auth.access import requires
from screening.staff.auth.accounts import AUDIT_ROLES, normalise_email
from screening.staff.triage.filters import whole_number
from screening.submissions import format_reference, parse_reference


@bp.get("/audit")
@requires(*AUDIT_ROLES)
def show_audit():
    """The audit trail, 100 rows a page; filters: reference, email."""
    problems = []
    raw_reference = request.args.get("reference", "").strip()
    reference = parse_reference(raw_reference) if raw_reference else ""
    if reference is None:
        problems.append(("reference", "must be a reference code such as ABCD-1234 (8 letters and digits)"))
    email = normalise_email(request.args.get("email", ""))
    if len(email) > 254:
        problems.append(("email", "must be at most 254 characters"))
    raw_page = request.args.get("page", "").strip() or "1"
    page = int(raw_page) if whole_number(raw_page) else None
    if page is None:
        problems.append(("page", f"must be a whole number from 1 up (got {raw_page[:40]!r})"))
    found = None if problems else audit.entries(page, reference, email)
    rows, total, pages = (found.items, found.total, max(1, found.pages)) if found else ([], 0, 1)
    if found and page > pages:
        problems.append(("page", f"must be from 1 to {pages}"))
    return render_template(
        "staff/audit.html",
        rows=rows,
        total=total,
        page=page or 1,
        pages=pages,
        problems=problems,
        reference=raw_reference,
        email=email,
        actions=audit.ACTIONS,
        format_reference=format_reference,
        clinictime=clinictime,
    ), (400 if problems else 200)
