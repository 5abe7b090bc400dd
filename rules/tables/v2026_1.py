"""Rules version 2026.1 (spec §2), as released: tables a clinician can read top to bottom. Never edited."""

from collections.abc import Callable
from dataclasses import dataclass

from rules.answers import Answers

RULES_VERSION = "2026.1"

SUGGESTION_LABELS = {
    "conservative_care": "Conservative care",
    "vertebroplasty_consult": "Vertebroplasty consult",
    "kyphoplasty_consult": "Kyphoplasty consult",
    "neurology_referral": "Neurology referral",
}
# Triage order for the front desk: the most pressing suggestion first.
SUGGESTION_PRIORITY = (
    "neurology_referral",
    "kyphoplasty_consult",
    "vertebroplasty_consult",
    "conservative_care",
)
CONSERVATIVE_CARE = "conservative_care"
CONSERVATIVE_CARE_QUOTE = "Fractures can be treated without surgical intervention"


@dataclass(frozen=True)
class Rule:
    """One row: when it holds, what it suggests, why in plain words, and the clinic page's words."""

    id: str
    holds: Callable[[Answers], bool]
    outcome: str
    reason: str
    clinic_page: str


RULES = (
    Rule(
        "R1-nerve",
        lambda a: len(a.nerve_symptoms) > 0,
        "neurology_referral",
        "Nerve symptoms since the pain began: stabilising the fracture will not relieve them, "
        "so a neurology assessment comes first.",
        "If there are any nerve problems associated with a vertebral fracture, then stabilizing "
        "vertebral fractures will not help in pain treatment and relief. Nerve problems appear in "
        "nervous incoordination, numbness, or anesthesia, which occurs due to pressure on the "
        "spinal cord or nerve roots.",
    ),
    Rule(
        "R2-deformity",
        lambda a: a.deformity == "yes",
        "kyphoplasty_consult",
        "The back has become more curved or lost height: kyphoplasty can restore the height "
        "of the fractured vertebra.",
        "if a fracture of the vertebrae causes severe curvature of the spine, the appropriate "
        "treatment, in that case, is kyphoplasty ... It also works to return the fractured "
        "vertebra to the normal height as much as possible",
    ),
    Rule(
        "R3-persistent-pain",
        # 7-10 is severe on the 0-10 numeric rating scale.
        lambda a: a.pain_weeks >= 2 and a.pain_score >= 7,
        "vertebroplasty_consult",
        "Severe pain (7 or more out of 10) has lasted at least two weeks.",
        "Severe pain persists for at least two weeks.",
    ),
    Rule(
        "R4-load-pain",
        lambda a: a.load_pain == "yes",
        "vertebroplasty_consult",
        "The pain gets worse with load (standing, carrying, getting up from bed), which points "
        "to the fracture as its cause.",
        "Presence of pain with an increase in the vertical load on the vertebrae, such as "
        "carrying extra weights or increase of pain when getting up from bed",
    ),
)

# Possible pressure on the spinal cord: same-day medical attention.
URGENT_SYMPTOMS = frozenset({"weakness", "bladder_bowel"})
URGENT_REASON = (
    "New leg weakness or loss of bladder or bowel control: possible pressure on the spinal cord. "
    "Same-day medical attention."
)


@dataclass(frozen=True)
class Flag:
    """A point for the doctor: it never changes the suggestion."""

    id: str
    holds: Callable[[Answers, str], bool]
    line: str


FLAGS = (
    Flag(
        "F-unconfirmed",
        lambda a, s: a.fracture_confirmed in ("no", "unsure"),
        "Fracture not confirmed — imaging needed",
    ),
    Flag("F-cancer", lambda a, s: a.cause == "cancer", "Patient names cancer as the cause"),
    Flag("F-injury", lambda a, s: a.cause == "injury", "Caused by a fall, accident or injury"),
    Flag(
        "F-deformity-unsure",
        lambda a, s: a.deformity == "unsure",
        "Unsure about curvature or height loss — examine posture",
    ),
    Flag(
        "F-blood-thinners",
        lambda a, s: a.blood_thinners in ("yes", "unsure"),
        "Takes blood thinners (or is unsure) — check before the procedure",
    ),
    Flag(
        "F-infection",
        lambda a, s: a.fever_or_infection == "yes",
        "Fever or infection now — treat before any procedure",
    ),
    Flag("F-pregnancy", lambda a, s: a.pregnant == "yes", "Is or could be pregnant"),
    Flag(
        "F-allergies",
        lambda a, s: a.allergies.strip() != "",
        "Allergies reported — see the answers",
    ),
    Flag(
        "F-positioning",
        lambda a, s: a.can_lie_flat == "no",
        "Cannot lie on the front for an hour — plan positioning",
    ),
    Flag(
        "F-no-escort",
        lambda a, s: a.escort_home == "no",
        "No one to take them home after the procedure",
    ),
    Flag(
        "F-no-conservative-care",
        lambda a, s: not a.treatments_tried and s != CONSERVATIVE_CARE,
        "No conservative treatment tried yet",
    ),
)

FLAG_LINES = {flag.id: flag.line for flag in FLAGS}
