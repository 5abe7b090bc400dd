"""The audit trail: trail.py writes and reads the append-only rows; views.py is the administrator's page."""

from screening.staff.audit.trail import (
    ACTIONS,
    PAGE_SIZE,
    AuditEntry,
    client_address,
    entries,
    matching,
    record,
)

__all__ = ["ACTIONS", "PAGE_SIZE", "AuditEntry", "client_address", "entries", "matching", "record"]
