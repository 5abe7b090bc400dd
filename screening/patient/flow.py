"""Where a patient is in the questionnaire: step order, which steps are done, where to go next."""

from rules.questions import STEPS, Question, Step
from rules.schema import DATE

STEP_BY_SLUG = {step.slug: step for step in STEPS}
REVIEW = "check-answers"


def asked_steps(saved: dict) -> list[Step]:
    """The steps with at least one question asked, given the answers so far, in order."""
    return [step for step in STEPS if any(q.applies(saved) for q in step.questions)]


def step_number(step: Step, saved: dict) -> tuple[int, int]:
    """The step's position among the steps asked, counting from 1, and how many (for "Step 2 of 7")."""
    asked = asked_steps(saved)
    return (asked.index(step) + 1 if step in asked else 1), len(asked)


def is_complete(step: Step, saved: dict) -> bool:
    """True when every question of the step that is asked has a saved answer (optional: saved empty)."""
    return all(q.name in saved or not q.applies(saved) for q in step.questions)


def first_incomplete(saved: dict) -> Step | None:
    """The first step not yet answered, or None when the whole questionnaire is."""
    return next((step for step in STEPS if not is_complete(step, saved)), None)


def may_open(step: Step, saved: dict) -> bool:
    """A step opens once every step before it is answered and it asks something (no skipping by URL)."""
    earlier_done = all(is_complete(earlier, saved) for earlier in STEPS[: STEPS.index(step)])
    return earlier_done and step in asked_steps(saved)


def next_slug(step: Step, saved: dict) -> str:
    """The next step asked after this one, or the review page after the last."""
    later = [s for s in asked_steps(saved) if STEPS.index(s) > STEPS.index(step)]
    return later[0].slug if later else REVIEW


def previous_step(step: Step, saved: dict) -> Step | None:
    """The step asked before this one, or None for the first."""
    earlier = [s for s in asked_steps(saved) if STEPS.index(s) < STEPS.index(step)]
    return earlier[-1] if earlier else None


def anchor(question: Question) -> str:
    """The id of the first input of a question: where an error link or a Change link lands."""
    if question.kind == DATE:
        return f"{question.name}-day"
    if question.in_months_too:
        return f"{question.name}-amount"
    if question.scale:
        return f"{question.name}-{question.spec.low}"
    if question.choices:
        return f"{question.name}-{question.choices[0][0]}"
    return question.name
