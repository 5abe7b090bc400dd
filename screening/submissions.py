"""Storing a submitted questionnaire: reference codes and the one-transaction write."""

import secrets

from flask import current_app
from sqlalchemy import delete, exists, select, update
from sqlalchemy.exc import IntegrityError

from rules import SCHEMA_VERSION, Answers, evaluate, unfinished_result
from screening import search_text
from screening.alerts import outbox
from screening.extensions import db
from screening.i18n.catalogues import SOURCE_LANGUAGE, catalogue_info
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


def new_submission(answers: Answers, *, draft_id: str | None = None, language: str = "en") -> Submission:
    """An unsaved row for the answers, with a fresh reference and the rules result frozen in it."""
    result = evaluate(answers)
    return Submission(
        **answered_in(language),
        reference=new_reference(),
        draft_id=draft_id,
        full_name=answers.patient.full_name if answers.patient else "",
        answers=answers.model_dump(mode="json"),
        schema_version=SCHEMA_VERSION,
        result=result.to_record(),
        suggestion=result.suggestion,
        urgent=result.urgent,
        rules_version=result.rules_version,
        status="new",
        search_text=search_text.for_answers(answers.model_dump(mode="json")),
    )


def answered_in(language: str) -> dict:
    """The row's language columns: the language, and (if translated) its catalogue's version and review."""
    if language == SOURCE_LANGUAGE:
        return {"language": language, "translation_version": None}
    info = catalogue_info(language)
    return {"language": language, "translation_version": f"{info.version}, {info.review}"[:40]}


def store_submission(answers: Answers, *, draft_id: str | None = None, language: str = "en") -> Submission:
    """Evaluate and store the answers, deleting their draft in the same transaction; never twice.

    A row stored early for this draft (an urgent answer, unfinished) is completed in place, keeping
    its reference and time: the clinic may already be acting on it.
    """
    existing = _from_draft(draft_id)
    if existing is not None:
        if not existing.complete:
            _complete(existing, answers, language)
        return existing
    return _insert(
        lambda: new_submission(answers, draft_id=draft_id, language=language), draft_id, delete_draft=True
    )


def store_unfinished(partial: dict, *, draft_id: str, language: str = "en") -> Submission:
    """Store (or update) an unfinished questionnaire whose answers are already urgent, for the clinic."""
    existing = _from_draft(draft_id)
    result = unfinished_result(partial.get("nerve_symptoms"))
    if existing is not None:
        if not existing.complete:
            existing.answers, existing.result, existing.urgent = partial, result.to_record(), result.urgent
            existing.search_text = search_text.for_answers(partial)
            db.session.commit()
        return existing

    def row() -> Submission:
        return Submission(
            **answered_in(language),
            reference=new_reference(),
            draft_id=draft_id,
            full_name=str((partial.get("patient") or {}).get("full_name", "")),
            answers=partial,
            schema_version=SCHEMA_VERSION,
            result=result.to_record(),
            suggestion=result.suggestion,
            urgent=result.urgent,
            rules_version=result.rules_version,
            complete=False,
            status="new",
            search_text=search_text.for_answers(partial),
        )

    return _insert(row, draft_id, delete_draft=False)


def _from_draft(draft_id: str | None) -> Submission | None:
    if draft_id is None:
        return None
    return db.session.scalar(select(Submission).where(Submission.draft_id == draft_id))


def _complete(row: Submission, answers: Answers, language: str) -> None:
    # Conditional, so two sends racing each other complete the row once.
    fresh = new_submission(answers, language=language)
    kept = ("full_name", "answers", "schema_version", "result", "suggestion", "urgent", "rules_version")
    kept += ("language", "translation_version", "search_text")
    db.session.execute(
        update(Submission)
        .where(Submission.id == row.id, Submission.complete.is_(False))
        .values(complete=True, **{name: getattr(fresh, name) for name in kept})
    )
    db.session.execute(delete(Draft).where(Draft.id == row.draft_id))
    if fresh.urgent and not db.session.scalar(select(exists().where(outbox.Alert.submission_id == row.id))):
        db.session.add_all(outbox.first_alerts(row, current_app.config))
    db.session.commit()
    db.session.refresh(row)


def _insert(make_row, draft_id: str | None, *, delete_draft: bool) -> Submission:
    for _attempt in range(5):
        submission = make_row()
        db.session.add(submission)
        if submission.urgent:
            # The outbox row commits with the submission or not at all: no urgent row without its alert.
            db.session.add_all(outbox.first_alerts(submission, current_app.config))
        if delete_draft and draft_id is not None:
            db.session.execute(delete(Draft).where(Draft.id == draft_id))
        try:
            db.session.commit()
            return submission
        except IntegrityError:
            db.session.rollback()
            existing = _from_draft(draft_id)
            if existing is not None:
                return existing
            # Otherwise the reference collided (1 in 2^40 per pair): draw another.
    raise RuntimeError("could not allocate a unique reference code")
