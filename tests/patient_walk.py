"""Walking the patient questionnaire with Flask's test client: form data per step and the CSRF token."""

from datetime import date

from rules.questions import STEPS
from tests.helpers import page_csrf_token

STEP_URLS = [f"/questions/{step.slug}" for step in STEPS]
REVIEW_URL = "/check-answers"


def form_fields(flat: dict) -> dict:
    """Flat answers (schema names) as a browser posts them: date in three boxes, "none" for [] symptoms."""
    fields: dict = {}
    for name, value in flat.items():
        if name == "date_of_birth":
            born = date.fromisoformat(value)
            fields |= {"date_of_birth-day": born.day, "date_of_birth-month": born.month}
            fields["date_of_birth-year"] = born.year
        elif name == "nerve_symptoms":
            fields[name] = value or ["none"]
        elif name == "pain_weeks":
            fields |= {"pain_weeks-amount": str(value), "pain_weeks-unit": "weeks"}
        elif isinstance(value, list):
            if value:
                fields[name] = value
        else:
            fields[name] = str(value)
    return fields


def step_fields(step_index: int, answers: dict, patient: dict) -> dict:
    """The form fields one step posts, taken from answers (spec §1 shape) and patient."""
    flat = {**answers, **patient}
    names = [q.name for q in STEPS[step_index].questions]
    return form_fields({name: flat[name] for name in names if name in flat})


def post_step(client, step_index: int, fields: dict, *, query: str = "", environ: dict | None = None):
    """GET a step (for its token) and POST the fields to it; returns the POST's response.

    `environ` sets WSGI values for both requests, such as another client address (REMOTE_ADDR).
    """
    url = STEP_URLS[step_index] + query
    where = {"environ_base": environ} if environ else {}
    page = client.get(url, **where)
    assert page.status_code == 200, f"{url} answered {page.status_code}"
    return client.post(url, data={"csrf_token": page_csrf_token(page.text), **fields}, **where)


def asked(index: int, answers: dict, patient: dict) -> bool:
    """True when step `index` asks something, given the answers (a step may not apply: no cause
    is asked when no fracture was found)."""
    return any(q.applies({**answers, **patient}) for q in STEPS[index].questions)


def answer_all_steps(client, answers: dict, patient: dict) -> None:
    """Answer every step asked, in order, each one accepted (a redirect onwards)."""
    for index in range(len(STEPS)):
        if asked(index, answers, patient):
            response = post_step(client, index, step_fields(index, answers, patient))
            assert response.status_code == 303, response.text


def send(client):
    """POST the Check your answers page (with its token); returns the response."""
    page = client.get(REVIEW_URL)
    assert page.status_code == 200
    return client.post(REVIEW_URL, data={"csrf_token": page_csrf_token(page.text)})


def walk(client, answers: dict, patient: dict):
    """The whole questionnaire: every step, then submit; returns the submit response."""
    answer_all_steps(client, answers, patient)
    return send(client)
