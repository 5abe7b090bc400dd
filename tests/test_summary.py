"""The values one summary prints: plain data, plain words, the clinic's time zone, the frozen result."""

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from rules import RULES_VERSION, evaluate, parse_answers
from rules.questions import STEPS
from rules.table import FLAG_LINES, URGENT_REASON
from screening.extensions import db
from screening.models import Submission
from screening.submissions import store_submission
from screening.summary import DISCLAIMER, NOT_SUBMITTED, summary_for_submission, summary_values
from tests.helpers import PATIENT, neutral

NOON_UTC = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)


def summarise(reference="7K3M-Q9TZ", submitted_at=NOON_UTC, timezone="UTC", patient=PATIENT, **changes):
    answers = parse_answers({**neutral(**changes), "patient": patient}, require_patient=True)
    return summary_values(
        answers, evaluate(answers), reference=reference, submitted_at=submitted_at, timezone=timezone
    )


def answer_words(summary: dict) -> dict[str, str]:
    return {
        item["question"]: item["answer"] for section in summary["sections"] for item in section["answers"]
    }


def only_plain_values(value) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and only_plain_values(v) for k, v in value.items())
    if isinstance(value, list):
        return all(only_plain_values(v) for v in value)
    return value is None or isinstance(value, str | int | bool)


def test_summary_is_plain_data_that_survives_json():
    summary = summarise(nerve_symptoms=["weakness"], treatments_tried=[], allergies="Latex")
    assert only_plain_values(summary)
    assert json.loads(json.dumps(summary)) == summary


def test_summary_carries_the_result_labels_reasons_and_disclaimer():
    summary = summarise(pain_weeks=3, pain_score=8, load_pain="yes", blood_thinners="unsure")
    assert summary["suggestion"] == "vertebroplasty_consult"
    assert summary["suggestion_label"] == "Vertebroplasty consult"
    assert summary["matched"] == ["R3-persistent-pain", "R4-load-pain"]
    assert summary["reasons"][0] == "Severe pain (7 or more out of 10) has lasted at least two weeks."
    assert summary["flags"] == [{"id": "F-blood-thinners", "line": FLAG_LINES["F-blood-thinners"]}]
    assert summary["urgent"] is False
    assert summary["urgent_reason"] == ""
    assert (
        summary["disclaimer"]
        == DISCLAIMER
        == "Screening suggestion only — not a diagnosis. The doctor decides."
    )
    assert summary["rules_version"] == RULES_VERSION
    assert summary["no_rule_matched"] == ""


def test_urgent_summary_gives_the_reason_for_the_banner():
    summary = summarise(nerve_symptoms=["bladder_bowel"])
    assert summary["urgent"] is True
    assert summary["urgent_reason"] == URGENT_REASON


def test_conservative_care_without_a_matched_rule_says_so():
    summary = summarise()
    assert summary["reasons"] == []
    assert "No referral rule matched" in summary["no_rule_matched"]
    assert "Fractures can be treated without surgical intervention" in summary["no_rule_matched"]


def test_answers_are_grouped_as_in_the_questionnaire_in_plain_words():
    summary = summarise(load_pain="yes", cause="injury", pregnant="not_applicable", treatments_tried=[])
    assert [s["title"] for s in summary["sections"]] == list(dict.fromkeys(s.section for s in STEPS[1:]))
    words = answer_words(summary)
    assert words["Worse when standing, carrying or getting up"] == "Yes"
    assert words["Cause (patient's view)"] == "A fall, an accident or an injury"
    assert words["Pregnant or could be"] == "This does not apply to me"
    assert words["Treatments already tried"] == "None"
    assert words["Allergies"] == "None given"
    assert "injury" not in words.values() and "not_applicable" not in words.values()


@pytest.mark.parametrize(
    ("weeks", "score", "weeks_words", "score_words"),
    [
        (0, 0, "Less than a week", "0 out of 10"),
        (1, 7, "1 week", "7 out of 10"),
        (3, 10, "3 weeks", "10 out of 10"),
    ],
)
def test_numbers_are_printed_with_their_unit(weeks, score, weeks_words, score_words):
    words = answer_words(summarise(pain_weeks=weeks, pain_score=score))
    assert words["Back pain for"] == weeks_words
    assert words["Worst pain in the last week"] == score_words


def test_several_choices_print_one_per_line():
    words = answer_words(summarise(nerve_symptoms=["numbness", "bladder_bowel"]))
    assert words["Nerve symptoms since the pain began"] == (
        "Numbness or tingling in the legs\nNew loss of bladder or bowel control"
    )


def test_a_long_allergies_answer_is_marked_for_the_full_width():
    short = summarise(allergies="Penicillin")
    long = summarise(
        allergies="Penicillin (rash), iodinated contrast dye (anaphylaxis in 2021), latex gloves"
    )
    assert [i["long"] for s in short["sections"] for i in s["answers"] if i["name"] == "allergies"] == [False]
    assert [i["long"] for s in long["sections"] for i in s["answers"] if i["name"] == "allergies"] == [True]


def test_allergies_typed_one_per_line_cannot_fill_pages():
    listed = "\n\n".join(f"Allergen {n}" for n in range(20))
    words = answer_words(summarise(allergies=listed))["Allergies"]
    assert "\n" not in words
    assert words.startswith("Allergen 0 / Allergen 1 / ")
    assert answer_words(summarise(allergies="Latex\n\nCodeine"))["Allergies"] == "Latex\nCodeine"


@pytest.mark.parametrize(
    ("submitted", "expected_age"),
    [(datetime(2026, 3, 26, 12, tzinfo=UTC), 77), (datetime(2026, 3, 27, 12, tzinfo=UTC), 78)],
)
def test_age_is_counted_on_the_day_of_submission(submitted, expected_age):
    patient = summarise(submitted_at=submitted)["patient"]
    assert patient["age"] == expected_age
    assert patient["date_of_birth"] == "27 Mar 1948"
    assert patient["full_name"] == "Maria Lopez"
    assert patient["phone"] == "+44 20 7946 0958"


def test_submission_time_is_shown_in_the_clinic_time_zone():
    summary = summarise(timezone="Europe/London")
    assert summary["submitted_text"] == "01 Jul 2026, 13:00 (Europe/London)"
    assert summary["submitted_label"] == "Submitted"


def test_answers_not_stored_read_not_submitted_and_are_timed_now():
    summary = summarise(reference=None, submitted_at=None)
    assert summary["reference"] == NOT_SUBMITTED == "Not submitted"
    assert summary["submitted_label"] == "Not stored — printed"
    printed = datetime.strptime(summary["submitted_text"], "%d %b %Y, %H:%M (UTC)").replace(tzinfo=UTC)
    assert abs(datetime.now(UTC) - printed) < timedelta(minutes=2)


def test_today_can_be_given_for_the_age():
    answers = parse_answers({**neutral(), "patient": PATIENT}, require_patient=True)
    summary = summary_values(
        answers, evaluate(answers), reference=None, submitted_at=None, today=date(2000, 3, 27)
    )
    assert summary["patient"]["age"] == 52


def test_an_unknown_time_zone_is_refused_naming_what_is_allowed():
    with pytest.raises(ValueError, match="unknown time zone 'Mars/Olympus'; allowed: an IANA name"):
        summarise(timezone="Mars/Olympus")


def test_summary_for_submission_uses_the_result_frozen_in_the_row(app):
    with app.app_context():
        row = store_submission(parse_answers({**neutral(load_pain="yes"), "patient": PATIENT}))
        # As if stored under an older rules table: the summary must show what was decided then.
        row.suggestion, row.rules_version = "kyphoplasty_consult", "2025.9"
        row.result = {
            **row.result,
            "suggestion": "kyphoplasty_consult",
            "suggestion_label": "Kyphoplasty consult",
            "matched": ["R2-old"],
            "reasons": ["An older reason."],
            "flags": [{"id": "F-retired-flag", "line": "A flag worded as it was then"}],
            "rules_version": "2025.9",
        }
        db.session.commit()
        summary = summary_for_submission(db.session.get(Submission, row.id), "Europe/London")
    assert summary["suggestion_label"] == "Kyphoplasty consult"
    assert summary["matched"] == ["R2-old"]
    assert summary["reasons"] == ["An older reason."]
    assert summary["flags"] == [{"id": "F-retired-flag", "line": "A flag worded as it was then"}]
    assert summary["rules_version"] == "2025.9"
    assert summary["reference"] == f"{row.reference[:4]}-{row.reference[4:]}"
    assert summary["submitted_text"].endswith("(Europe/London)")
    assert answer_words(summary)["Worse when standing, carrying or getting up"] == "Yes"
