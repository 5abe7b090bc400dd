"""One-time recovery codes: they replace the authenticator once each (lost phone); only hashes are kept."""

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, delete, func, select, update
from sqlalchemy.orm import Mapped, mapped_column

from screening.columns import UtcDateTime
from screening.extensions import db
from screening.models import utcnow
from screening.staff.auth.accounts import StaffUser
from screening.submissions import CROCKFORD

RECOVERY_CODE_COUNT = 10
# 16 Crockford base32 characters = 80 random bits: a plain SHA-256 is enough to store them.
RECOVERY_CODE_LENGTH = 16


class RecoveryCode(db.Model):
    """A one-time code that replaces the authenticator once (lost phone); only its hash is kept."""

    __tablename__ = "staff_recovery_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def normalise_recovery_code(text: str) -> str:
    """A recovery code as typed (any case, dashes and spaces optional) in its stored form."""
    typed = "".join(ch for ch in text if not ch.isspace() and ch != "-")
    return typed.upper().translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))


def issue_recovery_codes(user: StaffUser) -> list[str]:
    """New one-time codes (any older ones stop working), shown once as XXXX-XXXX-XXXX-XXXX."""
    delete_recovery_codes(user)
    codes = [
        "".join(secrets.choice(CROCKFORD) for _ in range(RECOVERY_CODE_LENGTH))
        for _ in range(RECOVERY_CODE_COUNT)
    ]
    db.session.add_all(RecoveryCode(staff_id=user.id, code_hash=_hash(code)) for code in codes)
    db.session.flush()
    return ["-".join(code[i : i + 4] for i in range(0, RECOVERY_CODE_LENGTH, 4)) for code in codes]


def use_recovery_code(user: StaffUser, text: str) -> bool:
    """Spend one unused recovery code; False if it is wrong or already used."""
    code = normalise_recovery_code(text)
    if len(code) != RECOVERY_CODE_LENGTH:
        return False
    # One conditional UPDATE: of several sign-ins racing with the same code, exactly one spends it.
    spent = db.session.execute(
        update(RecoveryCode)
        .where(
            RecoveryCode.staff_id == user.id,
            RecoveryCode.code_hash == _hash(code),
            RecoveryCode.used_at.is_(None),
        )
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    return spent == 1


def recovery_codes_left(user: StaffUser) -> int:
    """How many unused recovery codes the account still has."""
    return db.session.scalar(
        select(func.count()).where(RecoveryCode.staff_id == user.id, RecoveryCode.used_at.is_(None))
    )


def delete_recovery_codes(user: StaffUser) -> None:
    """Remove every recovery code of the account."""
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.staff_id == user.id))
