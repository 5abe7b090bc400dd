"""Benchmark: one whole questionnaire walk-through in the test client, against a minimal Flask+WTForms app.

The walk is every GET and POST a patient makes (start page, five steps, Check your answers, send,
confirmation) ending in a stored row, CSRF on. The baseline, measured in the same run, is a minimal
Flask+WTForms app that renders one form as large as the whole questionnaire (17 fields) and validates
one POST of it. The ratio says what the flow's drafts, rules and storage cost over a single form.

Run: .venv/bin/python benchmarks/bench_walkthrough.py [--runs 40]
"""

import argparse
import re
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask import Flask, redirect, render_template_string
from flask_wtf import CSRFProtect, FlaskForm
from sqlalchemy import func, select
from wtforms import RadioField, SelectChoice, SelectMultipleField, StringField, TextAreaField
from wtforms.fields import IntegerField
from wtforms.validators import AnyOf, InputRequired, Length, NumberRange, Optional

from rules.questions import STEPS
from screening import create_app
from screening.extensions import db
from screening.models import Submission
from tests.helpers import PATIENT, neutral
from tests.helpers import page_csrf_token as csrf_token
from tests.patient_walk import STEP_URLS, asked, step_fields

ANSWERS = neutral(pain_weeks=3, pain_score=8, load_pain="yes", nerve_symptoms=["numbness"], allergies="Latex")
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def walk_once(app) -> None:
    """One patient, one fresh browser: every page of the questionnaire, ending in a stored row."""
    client = app.test_client()
    assert client.get("/").status_code == 200
    for index, url in enumerate(STEP_URLS):
        if not asked(index, ANSWERS, PATIENT):
            continue
        page = client.get(url)
        response = client.post(
            url, data={"csrf_token": csrf_token(page.text), **step_fields(index, ANSWERS, PATIENT)}
        )
        assert response.status_code == 303, response.text
    review = client.get("/check-answers")
    assert client.post("/check-answers", data={"csrf_token": csrf_token(review.text)}).status_code == 303
    assert client.get("/confirmation").status_code == 200


def _choices(pairs):
    return [SelectChoice(value, label) for value, label in pairs]


def baseline_app() -> Flask:
    """A minimal Flask+WTForms app: one form with as many fields as the questionnaire, CSRF on."""
    app = Flask(__name__)
    app.config.update(SECRET_KEY=secrets.token_hex(16), TESTING=True)
    CSRFProtect(app)
    fields = {}
    for step in STEPS:
        for q in step.questions:
            if q.many:
                fields[q.name] = SelectMultipleField(q.text, choices=_choices([*q.choices, ("none", "None")]))
            elif q.choices:
                values = [value for value, _label in q.choices]
                fields[q.name] = RadioField(q.text, choices=_choices(q.choices), validators=[AnyOf(values)])
            elif q.name in ("pain_weeks", "pain_score"):
                fields[q.name] = IntegerField(q.text, validators=[InputRequired(), NumberRange(0, 520)])
            elif q.name == "allergies":
                fields[q.name] = TextAreaField(q.text, validators=[Optional(), Length(max=500)])
            else:
                fields[q.name] = StringField(q.text, validators=[Optional(), Length(max=120)])
    BigForm = type("BigForm", (FlaskForm,), fields)
    template = (
        "<!doctype html><title>Form</title><form method=post>{{ form.csrf_token }}"
        "{% for field in form if field.name != 'csrf_token' %}<div>{{ field.label }} {{ field() }}"
        "{% for e in field.errors %}<p>{{ e }}</p>{% endfor %}</div>{% endfor %}<button>Send</button></form>"
    )

    @app.route("/", methods=["GET", "POST"])
    def form_page():
        form = BigForm()
        if form.validate_on_submit():
            return redirect("/", 303)
        return render_template_string(template, form=form)

    return app


def baseline_once(app) -> None:
    """Render the big form once and validate one POST of it."""
    client = app.test_client()
    page = client.get("/")
    data = {"csrf_token": TOKEN.search(page.text).group(1)}
    for index in range(len(STEPS)):
        data |= step_fields(index, ANSWERS, PATIENT)
    data["date_of_birth"] = PATIENT["date_of_birth"]
    data["pain_weeks"] = data.pop("pain_weeks-amount")
    response = client.post("/", data=data)
    assert response.status_code == 303, response.text


def median_seconds(action, runs: int) -> float:
    """Median wall time of `runs` calls, after three warm-up calls."""
    for _ in range(3):
        action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        # One simulated address sends every walk: the per-address limits are off here.
        limits = {"DRAFTS_PER_HOUR": 0, "SUBMISSIONS_PER_HOUR": 0}
        app = create_app(
            {"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite", **limits}
        )
        walk = median_seconds(lambda: walk_once(app), runs)
        with app.app_context():
            rows = db.session.scalar(select(func.count()).select_from(Submission))
            db.engine.dispose()
        assert rows == runs + 3, f"expected {runs + 3} stored rows, found {rows}"
        base_app = baseline_app()
        baseline = median_seconds(lambda: baseline_once(base_app), runs)
    requests = 3 + 2 * sum(asked(index, ANSWERS, PATIENT) for index in range(len(STEP_URLS)))
    print(
        f"walk-through ({requests} requests, SQLite, ends in a row): "
        f"median {walk * 1000:.1f} ms over {runs} runs"
    )
    print(f"baseline, one 17-field form rendered + validated (2 requests): median {baseline * 1000:.1f} ms")
    print(f"ratio walk-through / baseline: {walk / baseline:.1f}x")
    print(f"ratio per request: {(walk / requests) / (baseline / 2):.1f}x")


if __name__ == "__main__":
    main()
