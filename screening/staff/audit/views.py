"""The administrator's pages: the audit trail filtered by reference, person, action and days; its export."""

import csv
import io
from datetime import datetime
from urllib.parse import urlencode

from flask import Response, render_template, request
from flask_login import current_user

from screening.extensions import db
from screening.staff import audit, bp, clinictime
from screening.staff.auth.access import requires
from screening.staff.auth.accounts import AUDIT_ROLES, normalise_email
from screening.staff.triage.filters import parse_day, whole_number
from screening.submissions import format_reference, parse_reference

EXPORT_MAX = 200_000


def parse_audit_filter(args) -> tuple[dict, dict, list[tuple[str, str]]]:
    """The filters for audit.matching, the raw values to show again, and a message per bad one."""
    problems, raw = (
        [],
        {name: args.get(name, "").strip() for name in ("reference", "email", "action", "from", "to")},
    )
    reference = parse_reference(raw["reference"]) if raw["reference"] else ""
    if reference is None:
        problems.append(("reference", "must be a reference code such as ABCD-1234 (8 letters and digits)"))
    email = normalise_email(raw["email"])
    if len(email) > 254:
        problems.append(("email", "must be at most 254 characters"))
    if raw["action"] and raw["action"] not in audit.ACTIONS:
        problems.append(("action", f"must be one of {', '.join(audit.ACTIONS)} or left empty"))
    bounds = {}
    for name, key, edge in (("from", "since", 0), ("to", "before", 1)):
        if raw[name]:
            day = parse_day(raw[name])
            if day is None:
                problems.append((name, "must be a real date written YYYY-MM-DD"))
            else:
                bounds[key] = clinictime.day_bounds(day)[edge]
    filters = {"reference": reference or "", "email": email, "action": raw["action"], **bounds}
    return filters, raw, problems


def _filter_text(raw: dict) -> str:
    return urlencode({name: value for name, value in raw.items() if value}) or "everything"


@bp.get("/audit")
@requires(*AUDIT_ROLES)
def show_audit():
    """The audit trail, 100 rows a page, newest first; reading it is itself written to the trail."""
    filters, raw, problems = parse_audit_filter(request.args)
    raw_page = request.args.get("page", "").strip() or "1"
    page = int(raw_page) if whole_number(raw_page) else None
    if page is None:
        problems.append(("page", f"must be a whole number from 1 up (got {raw_page[:40]!r})"))
    found = None if problems else audit.entries(page, **filters)
    rows, total, pages = (found.items, found.total, max(1, found.pages)) if found else ([], 0, 1)
    if found and page > pages:
        problems.append(("page", f"must be from 1 to {pages}"))
    if not problems:
        audit.record("view_audit", current_user.email, detail=f"{_filter_text(raw)}: {len(rows)} of {total}")
        db.session.commit()
    return render_template(
        "staff/audit.html",
        rows=rows,
        total=total,
        page=page or 1,
        pages=pages,
        problems=problems,
        raw=raw,
        query={name: value for name, value in raw.items() if value},
        actions=audit.ACTIONS,
        format_reference=format_reference,
        clinictime=clinictime,
    ), (400 if problems else 200)


@bp.get("/audit.csv")
@requires(*AUDIT_ROLES)
def export_audit():
    """The filtered trail as CSV (every row, not one page); the export is itself written to the trail."""
    filters, raw, problems = parse_audit_filter(request.args)
    if problems:
        lines = "\n".join(f"{name}: {message}" for name, message in problems)
        return Response(f"The audit export was refused:\n{lines}\n", status=400, mimetype="text/plain")
    rows = db.session.scalars(audit.matching(**filters).limit(EXPORT_MAX)).all()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["when", "who", "action", "reference", "detail", "address", "sequence"])
    for row in rows:
        when = clinictime.local(row.at).isoformat(timespec="seconds")
        ref = format_reference(row.reference) if row.reference else ""
        writer.writerow([when, row.staff_email, row.action, ref, row.detail, row.address, row.sequence])
    audit.record(
        "export", current_user.email, detail=f"audit trail CSV, {_filter_text(raw)}: {len(rows)} rows"
    )
    db.session.commit()
    stamp = f"{datetime.now(clinictime.zone()):%Y%m%d-%H%M}"
    response = Response("\ufeff" + out.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="audit-{stamp}.csv"'
    return response
