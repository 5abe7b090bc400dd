"""Return codes: with the date of birth, they reopen a draft on any device; guessing is bounded (12.1).

A code is 8 Crockford base32 characters (40 bits), shown XXXX-XXXX like a submission's reference.
Only its HMAC-SHA256 under SECRET_KEY is stored: a plain hash of 40 bits would give every code back
to anyone holding a copy of the table within minutes; without the key the hashes give nothing away.
The lookup must be exact (an indexed column), so a salted slow hash per row is not an option.
"""

import hashlib
import hmac

from flask import current_app
from sqlalchemy import select

from screening import request_limits
from screening.extensions import db
from screening.models import Draft, utcnow
from screening.patient import drafts
from screening.submissions import format_reference, new_reference

# Wrong tries at one code in a (UTC) day before it is refused until the day ends: a day rather than an
# hour, so someone holding a code but not its date of birth gets 5 guesses a day, not 120.
TRIES_PER_CODE = 5
WRONG, LOCKED = "wrong", "locked"


def code_hash(code: str) -> str:
    """What is stored for a code (its stored form: 8 characters, no dash)."""
    key = current_app.config["SECRET_KEY"]
    key = key if isinstance(key, bytes) else str(key).encode()
    return hmac.new(key, b"return-code:" + code.encode(), hashlib.sha256).hexdigest()


def issue(draft: Draft) -> str:
    """A new code for the draft, replacing any earlier one; returned as shown (XXXX-XXXX), never stored."""
    while True:
        code = new_reference()
        digest = code_hash(code)
        # Two live drafts with one code would be one too many: draw again (1 in 2^40 per pair).
        if db.session.scalar(select(Draft.id).where(Draft.return_code_hash == digest)) is None:
            break
    draft.return_code_hash = digest
    db.session.commit()
    return format_reference(code)


def open_draft(code: str, born: str) -> tuple[Draft | None, str | None]:
    """The live draft with this code whose date of birth is `born` (ISO), or None and WRONG or LOCKED.

    Every try is counted first, against the code (by its hash, whether or not a draft has it) and the
    address, so racing tries on any worker cannot pass the limits; a right one is taken back. A code
    that exists and one that does not take the same steps and give the same answer.
    """
    digest = code_hash(code)
    address = request_limits.client_address()
    per_code = request_limits.count(request_limits.RETURN_CODE, digest, request_limits.DAY)
    per_address = request_limits.count(request_limits.RETURN_ADDRESS, address)
    if per_code > TRIES_PER_CODE or per_address > current_app.config["RETURN_FAILURES_PER_HOUR"]:
        return None, LOCKED
    drafts.delete_expired_drafts()
    draft = db.session.scalar(select(Draft).where(Draft.return_code_hash == digest))
    stored = str((draft.data or {}).get("date_of_birth", "")) if draft is not None else ""
    # Compared in constant time, and even when there is no draft, so the timing says nothing.
    same = hmac.compare_digest(stored.encode(), born.encode())
    if draft is None or not same or draft.expires_at < utcnow():
        db.session.commit()
        return None, WRONG
    request_limits.forgive(request_limits.RETURN_CODE, digest, request_limits.DAY)
    request_limits.forgive(request_limits.RETURN_ADDRESS, address)
    db.session.commit()
    return draft, None
