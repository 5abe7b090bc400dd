"""Per-address (and per-code) limits per clock hour, shared by all workers via the database."""

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
# Tries at a return code (issue 12.1), counted per code (by its hash) and per client address.
RETURN_CODE, RETURN_ADDRESS = "return_code", "return_address"
HOUR, DAY = timedelta(hours=1), timedelta(days=1)
# Setting per kind of event: how many one address may make in one clock hour (0 = no limit).
SETTINGS = {DRAFT: "DRAFTS_PER_HOUR", SUBMISSION: "SUBMISSIONS_PER_HOUR"}


class AddressCount(db.Model):
    """How many events of one kind (drafts, sends, return code tries) one key made in one window.

    The key is the client's address, or for the tries at one return code the code's hash; `hour` is
    the start of the window counted in (a clock hour; a UTC day for a code's tries).
    """

    __tablename__ = "address_counts"

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    address: Mapped[str] = mapped_column(String(64), primary_key=True)
    hour: Mapped[datetime] = mapped_column(UtcDateTime(), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class LimitReached(TooManyRequests):
    """This address has started or sent as many questionnaires as the clinic allows in an hour."""


def count_or_refuse(kind: str) -> None:
    """Count one event for the client's address, or raise LimitReached once past the hour's limit."""
    limit = int(current_app.config[SETTINGS[kind]])
    if limit <= 0:
        return
    if count(kind, client_address()) > limit:
        raise LimitReached(retry_after=seconds_left_in_hour())


def client_address() -> str:
    """The client's address as counted (ProxyFix, when configured, has already applied X-Forwarded-For)."""
    return (request.remote_addr or "unknown")[:64]


def count(kind: str, key: str, window: timedelta = HOUR) -> int:
    """Add one to the count of `kind` for `key` (an address, or a code's hash) in the current window
    (a clock hour, or a UTC day); the new count.

    One atomic UPDATE ... RETURNING on the key's row: of many racing for one key on any worker, each
    gets its own count, so exactly the limit pass (the row lock orders them on PostgreSQL, the write
    lock on SQLite). Commits.
    """
    start = window_start(window)
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    # Rows older than the longest window can no longer count.
    db.session.execute(delete(AddressCount).where(AddressCount.hour < utcnow() - DAY))
    db.session.execute(
        dialect.insert(AddressCount)
        .values(kind=kind, address=key, hour=start, count=0)
        .on_conflict_do_nothing()
    )
    new_count = db.session.execute(
        update(AddressCount)
        .where(*_row(kind, key, start))
        .values(count=AddressCount.count + 1)
        .returning(AddressCount.count)
    ).scalar_one()
    db.session.commit()
    return new_count


def forgive(kind: str, key: str, window: timedelta = HOUR) -> None:
    """Take back one counted event (it turned out not to be a failure); the caller commits."""
    db.session.execute(
        update(AddressCount)
        .where(*_row(kind, key, window_start(window)))
        .values(count=AddressCount.count - 1)
    )


def window_start(window: timedelta) -> datetime:
    """The start of the current clock hour or UTC day: the window a count belongs to."""
    start = utcnow().replace(minute=0, second=0, microsecond=0)
    return start.replace(hour=0) if window == DAY else start


def seconds_left_in_hour() -> int:
    """Seconds until this hour's counts no longer apply (a Retry-After value)."""
    return int((window_start(HOUR) + HOUR - utcnow()).total_seconds()) + 1


def _row(kind: str, key: str, hour: datetime) -> tuple:
    return AddressCount.kind == kind, AddressCount.address == key, AddressCount.hour == hour
