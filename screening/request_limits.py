"""Per-address limits on drafts started and questionnaires sent, shared by all workers via the database."""

from datetime import datetime, timedelta

from flask import current_app, request
from sqlalchemy import Integer, String, delete, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.exceptions import TooManyRequests

from screening.columns import UtcDateTime
from screening.extensions import db
from screening.models import utcnow

DRAFT, SUBMISSION = "draft", "submission"
# Setting per kind of event: how many one address may make in one clock hour (0 = no limit).
SETTINGS = {DRAFT: "DRAFTS_PER_HOUR", SUBMISSION: "SUBMISSIONS_PER_HOUR"}


class AddressCount(db.Model):
    """How many drafts or sends one client address made in one clock hour."""

    __tablename__ = "address_counts"

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    address: Mapped[str] = mapped_column(String(64), primary_key=True)
    hour: Mapped[datetime] = mapped_column(UtcDateTime(), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class LimitReached(TooManyRequests):
    """This address has started or sent as many questionnaires as the clinic allows in an hour."""


def count_or_refuse(kind: str) -> None:
    """Count one event for the client's address, or raise LimitReached once past the hour's limit.

    One atomic UPDATE ... RETURNING on the address's row: of many racing from one address on any
    worker, exactly the limit pass (the row lock orders them on PostgreSQL, the write lock on SQLite).
    """
    limit = int(current_app.config[SETTINGS[kind]])
    if limit <= 0:
        return
    address = (request.remote_addr or "unknown")[:64]
    hour = utcnow().replace(minute=0, second=0, microsecond=0)
    key = AddressCount.kind == kind, AddressCount.address == address, AddressCount.hour == hour
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    db.session.execute(delete(AddressCount).where(AddressCount.hour < hour))
    db.session.execute(
        dialect.insert(AddressCount)
        .values(kind=kind, address=address, hour=hour, count=0)
        .on_conflict_do_nothing()
    )
    count = db.session.execute(
        update(AddressCount).where(*key).values(count=AddressCount.count + 1).returning(AddressCount.count)
    ).scalar_one()
    db.session.commit()
    if count > limit:
        raise LimitReached(retry_after=int((hour + timedelta(hours=1) - utcnow()).total_seconds()) + 1)
