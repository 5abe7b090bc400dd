"""One sign-in attempt, the same at every step: refused while locked, else checked; a wrong one is counted."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from screening.staff import audit
from screening.staff.auth.lockout import locked_until, record_failure


@dataclass(frozen=True)
class Attempt:
    """What came of one attempt: what the check returned (falsy when wrong), or when sign-in opens again."""

    passed: object = None
    locked_until: datetime | None = None


def attempt(email: str, step: str, check: Callable[[], object]) -> Attempt:
    """Run `check` unless this email or address is locked out; a failed check is counted and audited.

    `step` names what was tried ("password", "code", "enrolment code") in the audit trail.
    """
    address = audit.client_address()
    until = locked_until(email, address)
    if until is not None:
        # Not even checked: a guess made while locked must not tell the guesser whether it was right.
        audit.record("sign_in_locked", email, detail=step)
        return Attempt(locked_until=until)
    passed = check()
    if not passed:
        record_failure(email, address)
        audit.record("sign_in_failed", email, detail=step)
    return Attempt(passed=passed)
