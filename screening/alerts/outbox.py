"""The alerts outbox: one row per alert and channel, written in the same transaction as the submission."""

from datetime import datetime, timedelta

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column, relationship

from screening.columns import UtcDateTime
from screening.extensions import db
from screening.models import Submission, utcnow

# A claimed delivery not settled within this time (the sender died mid-send) is tried again.
LEASE = timedelta(seconds=60)
RETRY_CAP = timedelta(minutes=10)


class Alert(db.Model):
    """One alert (round 0 the first, round n the n-th escalation) on one channel, and its delivery."""

    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), index=True)
    round: Mapped[int] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(10))  # "email" or "webhook"
    state: Mapped[str] = mapped_column(String(10), default="pending")  # pending, sent or cancelled
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    next_try_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    last_error: Mapped[str] = mapped_column(String(300), default="")

    submission: Mapped[Submission] = relationship(Submission)

    # One row per submission, round and channel: two senders escalating at once write it once.
    __table_args__ = (UniqueConstraint("submission_id", "round", "channel", name="uq_alerts_round"),)


def channels(config) -> list[str]:
    """The channels an alert goes out on: email always (printed when no SMTP_URL), a webhook if set."""
    return ["email", "webhook"] if config.get("ALERT_WEBHOOK_URL") else ["email"]


def first_alerts(submission: Submission, config) -> list[Alert]:
    """The first alert of an urgent submission, one row per channel, for the caller's transaction."""
    now = utcnow()
    return [
        Alert(submission=submission, round=0, channel=channel, created_at=now, next_try_at=now)
        for channel in channels(config)
    ]


def waiting_for_acknowledgement():
    """The condition of a submission an alert is still needed for: urgent, new, not acknowledged."""
    return (
        Submission.urgent.is_(True),
        Submission.acknowledged_at.is_(None),
        Submission.status == "new",
    )


def escalate(now: datetime, period: timedelta, config) -> int:
    """Write the escalation due for each urgent submission still unacknowledged; how many rows were new.

    Round n is due n periods after the submission arrived; a sender that was stopped for several
    periods writes only the current round (its message says how long the patient has waited).
    """
    written = 0
    waiting = db.session.execute(
        select(Submission.id, Submission.created_at).where(*waiting_for_acknowledgement())
    )
    for submission_id, created_at in waiting.all():
        due = int((now - created_at) / period)
        if due < 1:
            continue
        rows = [
            {
                "submission_id": submission_id,
                "round": due,
                "channel": channel,
                "state": "pending",
                "created_at": now,
                "next_try_at": now,
                "attempts": 0,
                "last_error": "",
            }
            for channel in channels(config)
        ]
        written += len(db.session.connection().execute(_insert_new(rows)).all())
    db.session.commit()
    return written


def _insert_new(rows: list[dict]):
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    # RETURNING counts the rows really written (a skipped conflict returns none).
    return (
        dialect.insert(Alert)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["submission_id", "round", "channel"])
        .returning(Alert.id)
    )


def cancel_unneeded() -> int:
    """Cancel pending alerts of submissions that were acknowledged, handled or are no longer urgent."""
    still_needed = select(Submission.id).where(*waiting_for_acknowledgement())
    cancelled = db.session.execute(
        update(Alert)
        .where(Alert.state == "pending", Alert.submission_id.not_in(still_needed))
        .values(state="cancelled", lease_until=None)
    ).rowcount
    db.session.commit()
    return cancelled


def claim(now: datetime, limit: int = 20) -> list[Alert]:
    """Take up to `limit` due alerts for this sender: a conditional update, so no two senders get one."""
    due = (
        Alert.state == "pending",
        Alert.next_try_at <= now,
        (Alert.lease_until.is_(None)) | (Alert.lease_until < now),
    )
    claimed = []
    for alert_id in db.session.scalars(
        select(Alert.id).where(*due).order_by(Alert.next_try_at).limit(limit)
    ).all():
        taken = db.session.execute(
            update(Alert)
            .where(Alert.id == alert_id, *due)
            .values(lease_until=now + LEASE, attempts=Alert.attempts + 1)
        ).rowcount
        db.session.commit()
        if taken == 1:
            claimed.append(db.session.get(Alert, alert_id))
    return claimed


def settle(alert: Alert, error: str | None, retry_first: timedelta) -> None:
    """Record a delivery: sent, or failed with the error and the time of the next try (doubling)."""
    now = utcnow()
    if error is None:
        values = {"state": "sent", "sent_at": now, "lease_until": None, "last_error": ""}
    else:
        wait = min(RETRY_CAP, retry_first * 2 ** max(0, alert.attempts - 1))
        values = {"next_try_at": now + wait, "lease_until": None, "last_error": error[:300]}
    db.session.execute(update(Alert).where(Alert.id == alert.id).values(**values))
    db.session.commit()


def undelivered_since(moment: datetime) -> int:
    """How many alerts have waited for delivery since before `moment` (the sender may not be running)."""
    return db.session.scalar(
        select(db.func.count()).select_from(Alert).where(Alert.state == "pending", Alert.created_at < moment)
    )
