"""The values one screening summary shows, as plain data: what the PDF (and any other view) prints."""

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale
from babel.dates import format_datetime

from rules import Answers, Result
from rules.words import ENGLISH, N_, Translator
from screening.summary_answers import answer_sections, patient_values

DISCLAIMER = N_("Screening suggestion only — not a diagnosis. The doctor decides.")
NOT_SUBMITTED = N_("Not submitted")
NO_RULE_MATCHED = N_("No referral rule matched. The clinic page: “%(quote)s.”")
NO_FLAGS = N_("No flags.")
# An unfinished (urgent) questionnaire was never checked for flags: "No flags" would mislead.
FLAGS_NOT_CHECKED = N_("Not checked: the questionnaire was not finished.")
SUBMITTED = N_("Submitted")
PRINTED_NOW = N_("Not stored — printed")
# The doctor reads which language the patient answered in, and whether that translation was reviewed.
ANSWERED_IN = N_("Answered in %(language)s")
ANSWERED_IN_TRANSLATION = N_("Answered in %(language)s (translation %(version)s)")


def clinic_zone(timezone: str) -> ZoneInfo:
    """The clinic's time zone by IANA name (e.g. "Europe/London"), or ValueError naming what is allowed."""
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown time zone {timezone!r}; allowed: an IANA name such as UTC or Europe/London"
        ) from None


def summary_values(
    answers: Answers | dict,
    result: Result | dict,
    *,
    reference: str | None,
    submitted_at: datetime | None,
    timezone: str = "UTC",
    today: date | None = None,
    language: str = "en",
    words: Translator = ENGLISH,
    answered_in: str | None = None,
    translation_version: str | None = None,
) -> dict:
    """Everything one summary prints, as plain values; no reference or time means not stored (now).

    `answers` and `result` are fresh (Answers, Result) or as stored (their JSON and the result record).
    The summary is written in `language` with `words` (its translations); `answered_in` is the language
    the patient answered in, when known, with its catalogue's `translation_version` then.
    """
    if isinstance(answers, Answers):
        answers = answers.model_dump(mode="json")
    record = result.to_record() if isinstance(result, Result) else result
    zone = clinic_zone(timezone)
    stored = submitted_at is not None
    moment = submitted_at.astimezone(zone) if stored else datetime.now(zone)
    matched = list(record.get("matched", []))
    quote = record.get("no_rule_quote", "")
    return {
        "language": language,
        "answered_in": _answered_in(answered_in, translation_version, language, words),
        "reference": reference or words.gettext(NOT_SUBMITTED),
        "patient": patient_values(answers, today or moment.date(), words, language),
        "submitted_label": words.gettext(SUBMITTED if stored else PRINTED_NOW),
        "submitted_text": f"{format_datetime(moment, 'dd MMM y, HH:mm', locale=language)} ({zone.key})",
        "suggestion": record.get("suggestion", ""),
        "suggestion_label": record.get("suggestion_label") or record.get("suggestion", ""),
        "urgent": bool(record.get("urgent")),
        "urgent_reason": record.get("urgent_reason", ""),
        "matched": matched,
        "reasons": list(record.get("reasons", [])),
        "no_rule_matched": words.gettext(NO_RULE_MATCHED) % {"quote": quote} if quote and not matched else "",
        "flags": [stored_flag(flag) for flag in record.get("flags", [])],
        "no_flags": words.gettext(FLAGS_NOT_CHECKED if record.get("suggestion") == "" else NO_FLAGS),
        "disclaimer": words.gettext(DISCLAIMER),
        "rules_version": record.get("rules_version", ""),
        "sections": answer_sections(answers, words),
    }


def summary_for_submission(submission, timezone: str, language: str | None = None) -> dict:
    """The summary of a stored Submission exactly as stored: answers and result never re-validated.

    Written in `language`, by default the clinic's (CLINIC_LANGUAGE), whatever the patient answered in.
    """
    # Imported here: `screening pdf` prints from files and should not load the database layer.
    from flask import current_app, has_app_context

    from screening.i18n.catalogues import translations_for
    from screening.staff.triage.workflow import STATUS_LABELS
    from screening.submissions import format_reference

    if language is None:
        language = current_app.config["CLINIC_LANGUAGE"] if has_app_context() else "en"
    words = translations_for(language)
    values = summary_values(
        submission.answers,
        submission.result,
        reference=format_reference(submission.reference),
        submitted_at=submission.created_at,
        timezone=timezone,
        language=language,
        words=words,
        answered_in=getattr(submission, "language", None) or "en",
        translation_version=getattr(submission, "translation_version", None),
    )
    # Printed, so a closed submission never looks like live work and the desk's note travels with it.
    values["workflow"] = {
        "status": submission.status,
        "status_label": words.gettext(STATUS_LABELS.get(submission.status, submission.status)),
        "note": submission.note or "",
    }
    return values


def _answered_in(answered: str | None, version: str | None, language: str, words: Translator) -> str:
    if answered is None:
        return ""
    name = Locale(answered).get_display_name(language) or answered
    if version:
        return words.gettext(ANSWERED_IN_TRANSLATION) % {"language": name, "version": version}
    return words.gettext(ANSWERED_IN) % {"language": name}


def stored_flag(flag: object) -> dict:
    """A stored flag as {id, line}, whatever form the record keeps it in."""
    # A record stores each flag with its words; a bare id (hand-made or very old data) shows as itself.
    if isinstance(flag, dict):
        return {"id": str(flag.get("id", "")), "line": str(flag.get("line") or flag.get("id", ""))}
    return {"id": str(flag), "line": str(flag)}
