"""Waiting-room tablets: the devices an administrator enrolled, known by a token cookie (issue 12.3)."""

import hashlib
import secrets
from datetime import datetime, timedelta

from flask import current_app, g, request
from sqlalchemy import Integer, String, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Mapped, mapped_column

from screening.columns import UtcDateTime
from screening.extensions import db
from screening.models import utcnow

# Browsers keep a cookie at most 400 days; the device stays enrolled until an administrator revokes it.
COOKIE_DAYS = 400
# How stale "last used" may get before a request writes it again (not one write per request).
SEEN_EVERY = timedelta(minutes=10)


class TabletDevice(db.Model):
    """One browser enrolled as a waiting-room tablet; only a hash of its token is kept."""

    __tablename__ = "tablet_devices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    # sha256 of a 256-bit random token: unguessable, so no key or slow hash is needed (unlike a
    # return code, whose 40 bits a stolen table would give up to a plain hash in minutes).
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    enrolled_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    enrolled_by: Mapped[str] = mapped_column(String(254))
    last_seen_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    revoked_by: Mapped[str] = mapped_column(String(254), default="", server_default="")


def cookie_name() -> str:
    """The device cookie's name: __Host- (Secure, path /, no domain) whenever the session's is."""
    return "__Host-tablet" if current_app.config["SESSION_COOKIE_SECURE"] else "tablet"


def token_hash(token: str) -> str:
    """What is stored for a device token."""
    return hashlib.sha256(token.encode()).hexdigest()


def enrol(name: str, by: str) -> tuple[TabletDevice, str]:
    """A new enrolled device and its token (for the cookie, never stored); the caller audits and commits."""
    token = secrets.token_urlsafe(32)
    device = TabletDevice(name=name, token_hash=token_hash(token), enrolled_at=utcnow(), enrolled_by=by)
    db.session.add(device)
    db.session.flush()
    return device, token


def set_cookie(response, token: str) -> None:
    """Mark this browser as the tablet: HttpOnly, Strict, Secure over HTTPS, kept across restarts."""
    secure = bool(current_app.config["SESSION_COOKIE_SECURE"] or request.is_secure)
    response.set_cookie(
        cookie_name(),
        token,
        max_age=COOKIE_DAYS * 24 * 3600,
        httponly=True,
        secure=secure,
        samesite="Strict",
        path="/",
    )


def this_device() -> TabletDevice | None:
    """The enrolled, unrevoked tablet this request comes from, or None (looked up once per request)."""
    if "tablet_device" not in g:
        token = request.cookies.get(cookie_name(), "")
        device = None
        if token and len(token) <= 100:
            try:
                device = db.session.scalar(
                    select(TabletDevice).where(
                        TabletDevice.token_hash == token_hash(token), TabletDevice.revoked_at.is_(None)
                    )
                )
            except DBAPIError:
                # The database is down: the 503 page is shown as on any device.
                db.session.rollback()
        seen = device.last_seen_at if device is not None else None
        if device is not None and (seen is None or utcnow() - seen > SEEN_EVERY):
            device.last_seen_at = utcnow()
            db.session.commit()
        g.tablet_device = device
    return g.tablet_device


def enrolled_devices() -> list[TabletDevice]:
    """Every device ever enrolled, the ones in use first, newest first."""
    order = TabletDevice.revoked_at.is_not(None), TabletDevice.enrolled_at.desc()
    return list(db.session.scalars(select(TabletDevice).order_by(*order)))
