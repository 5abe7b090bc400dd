"""The rules table of spec §2: worked examples, boundaries, precedence, and the whole answer space."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rules import evaluate, parse_answers
from rules.table import FLAGS, RULES, RULES_VERSION, SUGGESTION_LABELS
from tests.helpers import neutral

NERVE = ("numbness", "weakness", "coordination", "bladder_bowel")
TREATMENTS = ("rest", "pain_medication", "brace", "physiotherapy")


def result_of(**changes):
    return evaluate(parse_answers(neutral(**changes)))


@pytest.mark.parametrize(
    ("changes", "suggestion", "urgent", "matched", "flags"),
    [
        ({}, "conservative_care", False, [], []),
        ({"pain_weeks": 3, "pain_score": 8}, "vertebroplasty_consult", False, ["R3-persistent-pain"], []),
        ({"pain_weeks": 1, "pain_score": 9}, "conservative_care", False, [], []),
        (
            {"load_pain": "yes", "treatments_tried": []},
            "vertebroplasty_consult",
            False,
            ["R4-load-pain"],
            ["F-no-conservative-care"],
        ),
        (
            {"deformity": "yes", "load_pain": "yes"},
            "kyphoplasty_consult",
            False,
            ["R2-deformity", "R4-load-pain"],
            [],
        ),
        (
            {"nerve_symptoms": ["numbness"], "deformity": "yes"},
            "neurology_referral",
            False,
            ["R1-nerve", "R2-deformity"],
            [],
        ),
        ({"nerve_symptoms": ["bladder_bowel"]}, "neurology_referral", True, ["R1-nerve"], []),
        (
            {"cause": "cancer", "fracture_confirmed": "unsure"},
            "conservative_care",
            False,
            [],
            ["F-unconfirmed", "F-cancer"],
        ),
    ],
)
def test_worked_examples_of_spec_section_4(changes, suggestion, urgent, matched, flags):
    result = result_of(**changes)
    assert result.suggestion == suggestion
    assert result.urgent is urgent
    assert list(result.matched) == matched
    assert list(result.flags) == flags
    assert result.rules_version == RULES_VERSION
    assert len(result.reasons) == len(matched)


@pytest.mark.parametrize(
    ("weeks", "score", "holds"),
    [(1, 7, False), (2, 7, True), (2, 6, False), (1, 6, False), (2, 10, True), (520, 7, True)],
)
def test_persistent_pain_needs_two_weeks_and_a_score_of_seven(weeks, score, holds):
    result = result_of(pain_weeks=weeks, pain_score=score)
    assert ("R3-persistent-pain" in result.matched) is holds
    assert result.suggestion == ("vertebroplasty_consult" if holds else "conservative_care")


@pytest.mark.parametrize("symptom", NERVE)
def test_each_nerve_symptom_alone_refers_to_neurology(symptom):
    result = result_of(nerve_symptoms=[symptom])
    assert result.suggestion == "neurology_referral"
    assert result.matched == ("R1-nerve",)
    assert result.urgent is (symptom in ("weakness", "bladder_bowel"))


def test_nerve_symptoms_outrank_every_other_rule_and_matched_keeps_table_order():
    result = result_of(
        nerve_symptoms=["coordination"], deformity="yes", pain_weeks=4, pain_score=9, load_pain="yes"
    )
    assert result.suggestion == "neurology_referral"
    assert result.matched == ("R1-nerve", "R2-deformity", "R3-persistent-pain", "R4-load-pain")
    assert result.reasons == tuple(rule.reason for rule in RULES)


def test_deformity_outranks_pain_rules():
    assert result_of(deformity="yes", pain_weeks=2, pain_score=7).suggestion == "kyphoplasty_consult"


@pytest.mark.parametrize("deformity", ["no", "unsure"])
def test_only_a_definite_deformity_suggests_kyphoplasty(deformity):
    assert result_of(deformity=deformity).suggestion == "conservative_care"


def test_every_flag_at_once_comes_in_spec_order():
    result = result_of(
        fracture_confirmed="no",
        cause="cancer",
        deformity="unsure",
        blood_thinners="unsure",
        fever_or_infection="yes",
        pregnant="yes",
        allergies="penicillin",
        can_lie_flat="no",
        escort_home="no",
        treatments_tried=[],
        load_pain="yes",
    )
    assert result.flags == (
        "F-unconfirmed",
        "F-cancer",
        "F-deformity-unsure",
        "F-blood-thinners",
        "F-infection",
        "F-pregnancy",
        "F-allergies",
        "F-positioning",
        "F-no-escort",
        "F-no-conservative-care",
    )
    assert result_of(cause="injury").flags == ("F-injury",)


def test_flags_never_change_the_suggestion():
    assert result_of(fever_or_infection="yes", pregnant="yes", escort_home="no").suggestion == (
        "conservative_care"
    )


def test_blank_allergies_raise_no_flag():
    assert result_of(allergies="   ").flags == ()


def test_no_conservative_care_flag_is_not_raised_for_conservative_care():
    assert result_of(treatments_tried=[]).flags == ()


def test_result_json_shape_of_spec_section_3():
    assert result_of(pain_weeks=3, pain_score=8, load_pain="yes").to_dict() == {
        "suggestion": "vertebroplasty_consult",
        "urgent": False,
        "matched": ["R3-persistent-pain", "R4-load-pain"],
        "reasons": [RULES[2].reason, RULES[3].reason],
        "flags": [],
        "rules_version": RULES_VERSION,
    }


def test_every_suggestion_has_its_human_label():
    assert result_of().label == "Conservative care"
    assert set(SUGGESTION_LABELS.values()) == {
        "Conservative care",
        "Vertebroplasty consult",
        "Kyphoplasty consult",
        "Neurology referral",
    }


def subsets(values):
    return [list(c) for r in range(len(values) + 1) for c in itertools.combinations(values, r)]


def expected_suggestion(a):
    """The spec's §2 precedence, written again independently of the table, as the test's oracle."""
    if a["nerve_symptoms"]:
        return "neurology_referral"
    if a["deformity"] == "yes":
        return "kyphoplasty_consult"
    if (a["pain_weeks"] >= 2 and a["pain_score"] >= 7) or a["load_pain"] == "yes":
        return "vertebroplasty_consult"
    return "conservative_care"


def check_invariants(data):
    result = evaluate(parse_answers(data))
    assert result.suggestion == expected_suggestion(data)
    outcomes = {rule.id: rule.outcome for rule in RULES}
    assert (result.suggestion == "conservative_care") is (result.matched == ())
    if result.matched:
        assert result.suggestion == outcomes[result.matched[0]]
    order = [rule.id for rule in RULES]
    assert list(result.matched) == sorted(result.matched, key=order.index)
    assert len(result.reasons) == len(result.matched)
    flag_order = [flag.id for flag in FLAGS]
    assert list(result.flags) == sorted(result.flags, key=flag_order.index)
    assert result.urgent is bool({"weakness", "bladder_bowel"} & set(data["nerve_symptoms"]))
    if result.urgent:
        assert result.suggestion == "neurology_referral"
    if "F-no-conservative-care" in result.flags:
        assert result.suggestion != "conservative_care"
        assert data["treatments_tried"] == []
    return result


RULE_SPACE = list(
    itertools.product(
        [0, 1, 2, 3, 520],  # pain_weeks: both sides of the 2-week boundary and the extremes
        range(11),  # pain_score: every value
        ["yes", "no"],  # load_pain
        subsets(NERVE),  # nerve_symptoms: all 16 subsets
        ["yes", "no", "unsure"],  # deformity
        [[], ["rest"]],  # treatments_tried: none or some
    )
)


def test_exhaustive_over_every_rule_input_combination():
    """5 x 11 x 2 x 16 x 3 x 2 = 10,560 combinations of everything the rules and urgency read."""
    assert len(RULE_SPACE) == 10_560
    seen = set()
    for weeks, score, load, nerves, deformity, treatments in RULE_SPACE:
        result = check_invariants(
            neutral(
                pain_weeks=weeks,
                pain_score=score,
                load_pain=load,
                nerve_symptoms=nerves,
                deformity=deformity,
                treatments_tried=treatments,
            )
        )
        seen.add(result.suggestion)
    assert seen == set(SUGGESTION_LABELS)


FLAG_SPACE = list(
    itertools.product(
        ["yes", "no", "unsure"],  # fracture_confirmed
        ["osteoporosis", "injury", "cancer", "unknown"],  # cause
        ["yes", "no", "unsure"],  # deformity
        ["yes", "no", "unsure"],  # blood_thinners
        ["yes", "no"],  # fever_or_infection
        ["yes", "no", "not_applicable"],  # pregnant
        ["", "latex"],  # allergies
        ["yes", "no"],  # can_lie_flat
        ["yes", "no"],  # escort_home
        [[], ["brace"]],  # treatments_tried
        ["yes", "no"],  # load_pain, so the suggestion varies too
    )
)


def test_exhaustive_over_every_flag_input_combination():
    """3 x 4 x 3 x 3 x 2 x 3 x 2 x 2 x 2 x 2 x 2 = 20,736 combinations of everything the flags read."""
    assert len(FLAG_SPACE) == 20_736
    for (
        fracture,
        cause,
        deformity,
        thinners,
        fever,
        pregnant,
        allergies,
        flat,
        escort,
        tried,
        load,
    ) in FLAG_SPACE:
        data = neutral(
            fracture_confirmed=fracture,
            cause=cause,
            deformity=deformity,
            blood_thinners=thinners,
            fever_or_infection=fever,
            pregnant=pregnant,
            allergies=allergies,
            can_lie_flat=flat,
            escort_home=escort,
            treatments_tried=tried,
            load_pain=load,
        )
        result = check_invariants(data)
        expected = {
            "F-unconfirmed": fracture in ("no", "unsure"),
            "F-cancer": cause == "cancer",
            "F-injury": cause == "injury",
            "F-deformity-unsure": deformity == "unsure",
            "F-blood-thinners": thinners in ("yes", "unsure"),
            "F-infection": fever == "yes",
            "F-pregnancy": pregnant == "yes",
            "F-allergies": allergies != "",
            "F-positioning": flat == "no",
            "F-no-escort": escort == "no",
            "F-no-conservative-care": tried == [] and result.suggestion != "conservative_care",
        }
        assert set(result.flags) == {flag for flag, holds in expected.items() if holds}


answers_strategy = st.fixed_dictionaries(
    {
        "fracture_confirmed": st.sampled_from(["yes", "no", "unsure"]),
        "cause": st.sampled_from(["osteoporosis", "injury", "cancer", "unknown"]),
        "pain_weeks": st.integers(0, 520),
        "pain_score": st.integers(0, 10),
        "load_pain": st.sampled_from(["yes", "no"]),
        "nerve_symptoms": st.lists(st.sampled_from(NERVE), unique=True),
        "deformity": st.sampled_from(["yes", "no", "unsure"]),
        "treatments_tried": st.lists(st.sampled_from(TREATMENTS), unique=True),
        "blood_thinners": st.sampled_from(["yes", "no", "unsure"]),
        "fever_or_infection": st.sampled_from(["yes", "no"]),
        "pregnant": st.sampled_from(["yes", "no", "not_applicable"]),
        "allergies": st.text(max_size=40).filter(lambda s: s.isprintable()),
        "can_lie_flat": st.sampled_from(["yes", "no"]),
        "escort_home": st.sampled_from(["yes", "no"]),
    }
)


@settings(max_examples=2000, deadline=None)
@given(answers_strategy)
def test_invariants_hold_across_the_whole_answer_space(data):
    check_invariants(data)
