"""Every table of the staff workspace, imported together so create_schema (and Alembic) sees them all."""

from screening.staff.accounts import StaffUser
from screening.staff.audit import AuditEntry
from screening.staff.lockout import SignInFailure
from screening.staff.twofactor import RecoveryCode
from screening.staff.workflow import SubmissionEvent

__all__ = ["AuditEntry", "RecoveryCode", "SignInFailure", "StaffUser", "SubmissionEvent"]
