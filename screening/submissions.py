"""Storing a submitted questionnaire: reference codes and the one-transaction write."""

import secrets

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from rules import Answers, evaluate
from screening.extensions import db
from screening.models import Draft, Submission

# Crockford base32: no I, L, O or U, so a code read aloud over the phone is not misheard.
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_reference() -> str:
    """A random 8-character code (40 bits): unique in practice, never guessable in sequence."""
    return "".join(secrets.choice(CROCKFORD) for _ in range(8))


def format_reference(reference: str) -> str:
    """The code as people see it: XXXX-XXXX."""
    return f"{reference[:4]}-{reference[4:]}"


def parse_reference(text: str) -> str | None:
    """The stored form of a code typed by a person (any case, dash optional), or None if malformed."""
    code = text.strip().upper().replace("-", "").replace(" ", "").translate(_READ_AS)
    if len(code) == 8 and all(ch in CROCKFORD for ch in code):
        return code
    return None


def new_submission(answers: Answers, *, draft_id: str | None = None) -> Submission:
    """An unsaved row for the answers, with a fresh reference and the rules result frozen in it."""
    result = evaluate(answers)
    return Submission(
        reference=new_reference(),
        draft_id=draft_id,
        full_name=answers.patient.full_name if answers.patient else "",
        answers=answers.model_dump(mode="json"),
        suggestion=result.suggestion,
        urgent=result.urgent,
        matched=list(result.matched),
        reasons=list(result.reasons),
        flags=list(result.flags),
        rules_version=result.rules_version,
        status="new",
    )


def store_submission(answers: Answers, *, draft_id: str | None = None) -> Submission:
    """Evaluate and store the answers, deleting their draft in the same transaction; never twice."""
    if draft_id is not None:
        existing = db.session.scalar(select(Submission).where(Submission.draft_id == draft_id))
        if existing is not None:
            return existing
    for _attempt in range(5):
        submission = new_submission(answers, draft_id=draft_id)
        db.session.add(submission)
        if draft_id is not None:
            db.session.execute(delete(Draft).where(Draft.id == draft_id))
        try:
            db.session.commit()
            return submission
        except IntegrityError:
            db.session.rollback()
            if draft_id is not None:
                existing = db.session.scalar(select(Submission).where(Submission.draft_id == draft_id))
                if existing is not None:
                    return existing
            # Otherwise the reference collided (1 in 2^40 per pair): draw another.
    raise RuntimeError("could not allocate a unique reference code")
