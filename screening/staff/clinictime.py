"""Times as the clinic reads them: in its own time zone, absolute and relative ("3 hours ago")."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app

from screening.summary import clinic_zone


def zone() -> ZoneInfo:
    """The clinic's time zone (config CLINIC_TIMEZONE)."""
    return clinic_zone(current_app.config.get("CLINIC_TIMEZONE", "UTC"))


def local(moment: datetime) -> datetime:
    """The moment in the clinic's time zone."""
    return moment.astimezone(zone())


def today() -> date:
    """Today's date at the clinic."""
    return datetime.now(zone()).date()


def absolute_text(moment: datetime) -> str:
    """E.g. "24 Nov 2026, 14:05"."""
    return f"{local(moment):%d %b %Y, %H:%M}"


def relative_text(moment: datetime, now: datetime | None = None) -> str:
    """E.g. "just now", "5 minutes ago", "3 hours ago", "yesterday", "12 days ago"."""
    now = now or datetime.now(UTC)
    seconds = max(0, int((now - moment).total_seconds()))
    if seconds < 60:
        return "just now"
    for unit, size in (("minute", 60), ("hour", 3600)):
        if seconds < size * (60 if unit == "minute" else 24):
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''} ago"
    days = (local(now).date() - local(moment).date()).days
    return "yesterday" if days <= 1 else f"{days} days ago"


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The UTC start (inclusive) and end (exclusive) of a clinic calendar day."""
    start = datetime.combine(day, time.min, tzinfo=zone())
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone())
    return start.astimezone(UTC), end.astimezone(UTC)
