"""Where a patient is in the questionnaire: step order, which steps are done, where to go next."""

from rules.questions import STEPS, Question, Step
from rules.schema import DATE

STEP_BY_SLUG = {step.slug: step for step in STEPS}
REVIEW = "check-answers"


def step_number(step: Step) -> int:
    """The step's position, counting from 1 (for "Step 2 of 5")."""
    return STEPS.index(step) + 1


def is_complete(step: Step, saved: dict) -> bool:
    """True when every question of the step has a saved answer (optional ones are saved as empty)."""
    return all(q.name in saved for q in step.questions)


def first_incomplete(saved: dict) -> Step | None:
    """The first step not yet answered, or None when the whole questionnaire is."""
    return next((step for step in STEPS if not is_complete(step, saved)), None)


def may_open(step: Step, saved: dict) -> bool:
    """A step opens once every step before it is answered (no skipping ahead by URL)."""
    return all(is_complete(earlier, saved) for earlier in STEPS[: STEPS.index(step)])


def next_slug(step: Step) -> str:
    """The step after this one, or the review page after the last."""
    index = STEPS.index(step)
    return STEPS[index + 1].slug if index + 1 < len(STEPS) else REVIEW


def previous_step(step: Step) -> Step | None:
    """The step before this one, or None for the first."""
    index = STEPS.index(step)
    return STEPS[index - 1] if index > 0 else None


def anchor(question: Question) -> str:
    """The id of the first input of a question: where an error link or a Change link lands."""
    if question.kind == DATE:
        return f"{question.name}-day"
    if question.choices:
        return f"{question.name}-{question.choices[0][0]}"
    return question.name
