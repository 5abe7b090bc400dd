"""The app's settings: defaults from the environment, and the checks that refuse a bad start."""

import os
from datetime import timedelta
from pathlib import Path

import click


class ConfigError(click.ClickException):
    """A setting the app cannot start with; click prints it as a plain message."""


def defaults(instance_path: str) -> dict:
    """The settings, each from its environment variable where one is set."""
    from screening.alerts import settings as alert_settings

    return {
        "SECRET_KEY": os.environ.get("SECRET_KEY"),
        "SQLALCHEMY_DATABASE_URI": os.environ.get("DATABASE_URL")
        or f"sqlite:///{Path(instance_path) / 'screening.sqlite'}",
        # A pooled connection is checked before use, so a database restart costs no failed request.
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        # "migrate" runs the Alembic migrations at start; "create_all" is for throw-away test databases.
        "DATABASE_SCHEMA": "migrate",
        # How long an SQLite writer waits for another worker's lock before giving up (then: 503).
        "SQLITE_BUSY_TIMEOUT_MS": 15000,
        "CLINIC_TIMEZONE": os.environ.get("CLINIC_TIMEZONE", "UTC"),
        "SESSION_COOKIE_HTTPONLY": True,
        # The patient's cookie lives as long as a draft does (DRAFT_DAYS), not Flask's 31 days (13.8).
        "PERMANENT_SESSION_LIFETIME": timedelta(days=14),
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": os.environ.get("SESSION_COOKIE_SECURE", "") == "1",
        # How many reverse proxies stand in front: their X-Forwarded-* headers are trusted, no more.
        "PROXY_COUNT": os.environ.get("PROXY_COUNT", "0"),
        # What a patient with an urgent answer is told to call at once: set it to the clinic's
        # country's number (112 reaches emergency services from any mobile phone in most countries).
        "EMERGENCY_NUMBER": os.environ.get("EMERGENCY_NUMBER", "112"),
        "CLINIC_NAME": os.environ.get("CLINIC_NAME", "Spine clinic"),
        # The clinic's name and address as Arabic pages show them (else CLINIC_NAME / CLINIC_ADDRESS).
        "CLINIC_NAME_AR": os.environ.get("CLINIC_NAME_AR", ""),
        "CLINIC_ADDRESS_AR": os.environ.get("CLINIC_ADDRESS_AR", ""),
        "CLINIC_PHONE": os.environ.get("CLINIC_PHONE", ""),
        "CLINIC_ADDRESS": os.environ.get("CLINIC_ADDRESS", ""),
        # The staff's language (pages by default, each account may choose its own) and the doctor's
        # PDF's, whatever language the patient answered in (issue 11.5).
        "CLINIC_LANGUAGE": os.environ.get("CLINIC_LANGUAGE", "en"),
        # Per client address and hour (0 = no limit): far above a family or a waiting room's use,
        # far below a program's (issue 13.5).
        "DRAFTS_PER_HOUR": os.environ.get("DRAFTS_PER_HOUR", "60"),
        "SUBMISSIONS_PER_HOUR": os.environ.get("SUBMISSIONS_PER_HOUR", "20"),
        # Bytes one request may send: the longest legitimate post (every answer at its limit) is
        # about 3 KB, so 64 KiB is ample; larger posts get a 413 page naming the limit (13.4).
        "MAX_CONTENT_LENGTH": os.environ.get("MAX_CONTENT_LENGTH", str(64 * 1024)),
        # Answers in progress are kept this many days after their last save, then deleted (12.1).
        "DRAFT_DAYS": os.environ.get("DRAFT_DAYS", "14"),
        # Wrong return code / date of birth tries one address may make in a clock hour (12.1).
        "RETURN_FAILURES_PER_HOUR": os.environ.get("RETURN_FAILURES_PER_HOUR", "30"),
        # A waiting-room tablet left alone: a warning, then the questionnaire is cleared (12.3).
        "TABLET_IDLE_WARN_SECONDS": os.environ.get("TABLET_IDLE_WARN_SECONDS", "120"),
        "TABLET_IDLE_RESET_SECONDS": os.environ.get("TABLET_IDLE_RESET_SECONDS", "180"),
        **alert_settings.defaults(),
    }


def check(config: dict, *, debug: bool) -> None:
    """Refuse to start on a missing or malformed setting, naming it and what is allowed."""
    if not config["SECRET_KEY"]:
        if not debug:
            raise ConfigError(
                "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
                "value (for example: python -c 'import secrets; print(secrets.token_hex(32))'), "
                "or start with --debug for local development."
            )
        config["SECRET_KEY"] = os.urandom(32).hex()
    # The one check of a time zone name (summary.clinic_zone), also used wherever a time is shown.
    from screening.summary import clinic_zone

    try:
        clinic_zone(config["CLINIC_TIMEZONE"])
    except ValueError:
        raise ConfigError(
            f"CLINIC_TIMEZONE {config['CLINIC_TIMEZONE']!r} is not a time zone; "
            "use an IANA name such as Europe/London or UTC."
        ) from None
    count = str(config["PROXY_COUNT"])
    if not (count.isascii() and count.isdigit() and int(count) <= 5):
        raise ConfigError(f"PROXY_COUNT {count!r} must be a whole number from 0 to 5.")
    config["PROXY_COUNT"] = int(count)
    if config["SESSION_COOKIE_SECURE"]:
        # __Host-: the browser keeps it only if Secure, for path / and no domain (issue 13.8).
        config["SESSION_COOKIE_NAME"] = "__Host-session"
    _check_clinic(config)
    for name in ("DRAFTS_PER_HOUR", "SUBMISSIONS_PER_HOUR"):
        value = str(config[name]).strip()
        if not (value.isascii() and value.isdigit() and int(value) <= 100_000):
            raise ConfigError(f"{name} {value!r} must be a whole number from 0 (no limit) to 100000.")
        config[name] = int(value)
    size = str(config["MAX_CONTENT_LENGTH"]).strip()
    if not (size.isascii() and size.isdigit() and 16 * 1024 <= int(size) <= 1024 * 1024):
        raise ConfigError(f"MAX_CONTENT_LENGTH {size!r} must be a number of bytes from 16384 to 1048576.")
    config["MAX_CONTENT_LENGTH"] = int(size)
    _check_returning(config)
    from screening.alerts import settings as alert_settings

    alert_settings.check(config)


def _whole(config: dict, name: str, low: int, high: int) -> int:
    value = str(config[name]).strip()
    if not (value.isascii() and value.isdigit() and low <= int(value) <= high):
        raise ConfigError(f"{name} {value!r} must be a whole number from {low} to {high}.")
    config[name] = int(value)
    return config[name]


def _check_returning(config: dict) -> None:
    # Drafts, return codes and tablets (issue 12): the session cookie lives as long as a draft.
    days = _whole(config, "DRAFT_DAYS", 1, 365)
    config["PERMANENT_SESSION_LIFETIME"] = timedelta(days=days)
    _whole(config, "RETURN_FAILURES_PER_HOUR", 5, 10_000)
    warn = _whole(config, "TABLET_IDLE_WARN_SECONDS", 1, 3600)
    reset = _whole(config, "TABLET_IDLE_RESET_SECONDS", 2, 3600)
    if reset <= warn:
        raise ConfigError(
            f"TABLET_IDLE_RESET_SECONDS ({reset}) must be longer than TABLET_IDLE_WARN_SECONDS ({warn})."
        )


def _check_clinic(config: dict) -> None:
    # The numbers become tap-to-call links, so only what a phone can dial is allowed.
    number = str(config["EMERGENCY_NUMBER"]).strip()
    if not (number.isascii() and number.isdigit() and 2 <= len(number) <= 6):
        raise ConfigError(f"EMERGENCY_NUMBER {number!r} must be 2 to 6 digits, such as 112, 999 or 911.")
    phone = str(config["CLINIC_PHONE"]).strip()
    if len(phone) > 30 or not set(phone) <= set("0123456789 +-()"):
        raise ConfigError(
            f"CLINIC_PHONE {phone!r} must be at most 30 characters of digits, spaces and + - ( )."
        )
    name = str(config["CLINIC_NAME"]).strip()
    if not 1 <= len(name) <= 80:
        raise ConfigError("CLINIC_NAME must be 1 to 80 characters, such as 'Riverside Spine Clinic'.")
    address = " ".join(str(config["CLINIC_ADDRESS"]).split())
    if len(address) > 200:
        raise ConfigError("CLINIC_ADDRESS must be at most 200 characters, on one line.")
    from screening.i18n.catalogues import LANGUAGES

    language = str(config["CLINIC_LANGUAGE"]).strip().lower()
    if language not in LANGUAGES:
        raise ConfigError(f"CLINIC_LANGUAGE {language!r} must be one of: {', '.join(LANGUAGES)}.")
    config["CLINIC_LANGUAGE"] = language
    for key, most in (("CLINIC_NAME_AR", 80), ("CLINIC_ADDRESS_AR", 200)):
        value = " ".join(str(config[key]).split())
        if len(value) > most:
            raise ConfigError(f"{key} must be at most {most} characters, on one line.")
        config[key] = value
    config.update(EMERGENCY_NUMBER=number, CLINIC_PHONE=phone, CLINIC_NAME=name, CLINIC_ADDRESS=address)
