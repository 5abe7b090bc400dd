"""Every table of the staff workspace, imported together so create_schema (and Alembic) sees them all."""

from screening.staff.audit.chain import AuditChainHead
from screening.staff.audit.trail import AuditEntry
from screening.staff.auth.accounts import StaffUser
from screening.staff.auth.lockout import SignInFailure
from screening.staff.auth.recovery import RecoveryCode
from screening.staff.triage.workflow import SubmissionEvent

__all__ = ["AuditChainHead", "AuditEntry", "RecoveryCode", "SignInFailure", "StaffUser", "SubmissionEvent"]
