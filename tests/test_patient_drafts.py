"""Drafts: made on the first accepted POST only, kept DRAFT_DAYS after the last save, then deleted."""

from datetime import timedelta

from sqlalchemy import func, select

from screening.extensions import db
from screening.models import Draft, utcnow
from tests.helpers import NEUTRAL, PATIENT
from tests.patient_walk import STEP_URLS, post_step, step_fields

# DRAFT_DAYS' default (issue 12.1).
DRAFT_LIFETIME = timedelta(days=14)


def drafts(app) -> list[Draft]:
    with app.app_context():
        rows = db.session.scalars(select(Draft)).all()
        db.session.expunge_all()
        return rows


def age_every_draft(app, by: timedelta) -> None:
    with app.app_context():
        for draft in db.session.scalars(select(Draft)):
            draft.expires_at = draft.expires_at - by
        db.session.commit()


def test_visiting_pages_creates_no_draft_only_the_first_accepted_post_does(client, app):
    for url in ("/", STEP_URLS[0], STEP_URLS[0], "/check-answers", STEP_URLS[2]):
        client.get(url)
    assert drafts(app) == []
    post_step(client, 0, step_fields(0, NEUTRAL, PATIENT))
    assert len(drafts(app)) == 1


def test_a_draft_expires_draft_days_after_the_last_answer(client, app):
    post_step(client, 0, step_fields(0, NEUTRAL, PATIENT))
    (draft,) = drafts(app)
    expires = draft.expires_at.replace(tzinfo=None)
    updated = draft.updated_at.replace(tzinfo=None)
    assert expires - updated == DRAFT_LIFETIME


def test_an_expired_draft_is_gone_and_the_patient_starts_again(client, app):
    post_step(client, 0, step_fields(0, NEUTRAL, PATIENT))
    age_every_draft(app, DRAFT_LIFETIME + timedelta(minutes=1))
    assert client.get(STEP_URLS[1]).headers["Location"] == STEP_URLS[0]
    assert drafts(app) == []
    assert 'value="Maria Lopez"' not in client.get(STEP_URLS[0]).text


def test_a_draft_within_draft_days_is_continued(client, app):
    post_step(client, 0, step_fields(0, NEUTRAL, PATIENT))
    age_every_draft(app, DRAFT_LIFETIME - timedelta(minutes=5))
    assert client.get(STEP_URLS[1]).status_code == 200
    assert 'value="Maria Lopez"' in client.get(STEP_URLS[0]).text


def test_starting_a_draft_deletes_other_expired_drafts(app):
    first, second = app.test_client(), app.test_client()
    post_step(first, 0, step_fields(0, NEUTRAL, PATIENT))
    age_every_draft(app, DRAFT_LIFETIME * 2)
    post_step(second, 0, step_fields(0, NEUTRAL, {**PATIENT, "full_name": "Second Person"}))
    assert [draft.data["full_name"] for draft in drafts(app)] == ["Second Person"]


def test_two_browsers_get_separate_drafts(app):
    first, second = app.test_client(), app.test_client()
    post_step(first, 0, step_fields(0, NEUTRAL, PATIENT))
    post_step(second, 0, step_fields(0, NEUTRAL, {**PATIENT, "full_name": "Second Person"}))
    assert 'value="Maria Lopez"' in first.get(STEP_URLS[0]).text
    assert 'value="Second Person"' in second.get(STEP_URLS[0]).text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Draft)) == 2
        assert all(
            draft.expires_at.replace(tzinfo=None) > utcnow().replace(tzinfo=None) for draft in drafts(app)
        )
