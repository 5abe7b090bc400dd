"""UtcDateTime: the one column type for moments, stored as UTC and always read back aware in UTC."""

from datetime import UTC, datetime

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator):
    """DateTime(timezone=True) that refuses naive times and never hands one back (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            # A naive time is ambiguous (local? UTC?): refused here rather than stored wrong.
            raise ValueError(f"a stored time must carry its time zone (got the naive {value.isoformat()})")
        # SQLite keeps the wall-clock digits only, so every time is stored in the same zone: UTC.
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        # SQLite hands back what was stored (UTC, see above) without a zone; PostgreSQL, its session's zone.
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
