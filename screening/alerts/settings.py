"""The alert settings from the environment, and the checks that refuse a bad start naming the setting."""

import os
from urllib.parse import urlsplit

from screening.settings import ConfigError


def defaults() -> dict:
    """The alert settings, each from its environment variable where one is set."""
    return {
        "SMTP_URL": os.environ.get("SMTP_URL", ""),
        "ALERT_EMAIL_FROM": os.environ.get("ALERT_EMAIL_FROM", ""),
        "ALERT_EMAIL_TO": os.environ.get("ALERT_EMAIL_TO", ""),
        "ALERT_WEBHOOK_URL": os.environ.get("ALERT_WEBHOOK_URL", ""),
        "URGENT_ESCALATE_MINUTES": os.environ.get("URGENT_ESCALATE_MINUTES", "15"),
        # The address staff open the workspace at, for the link in an alert (no link without it).
        "PUBLIC_URL": os.environ.get("PUBLIC_URL", ""),
        # The first retry after a failed delivery; each further one waits twice as long, up to 10 minutes.
        "ALERT_RETRY_SECONDS": os.environ.get("ALERT_RETRY_SECONDS", "10"),
    }


def check(config: dict) -> None:
    """Refuse a malformed alert setting, naming it and what is allowed; normalise the good ones."""
    minutes = str(config["URGENT_ESCALATE_MINUTES"]).strip()
    if not (minutes.isascii() and minutes.isdigit() and 1 <= int(minutes) <= 1440):
        raise ConfigError(f"URGENT_ESCALATE_MINUTES {minutes!r} must be a whole number from 1 to 1440.")
    config["URGENT_ESCALATE_MINUTES"] = int(minutes)
    retry = str(config["ALERT_RETRY_SECONDS"]).strip()
    if not (retry.isascii() and retry.isdigit() and 1 <= int(retry) <= 600):
        raise ConfigError(f"ALERT_RETRY_SECONDS {retry!r} must be a whole number from 1 to 600.")
    config["ALERT_RETRY_SECONDS"] = int(retry)
    smtp = str(config["SMTP_URL"]).strip()
    if smtp:
        parts = urlsplit(smtp)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ConfigError(
                "SMTP_URL must look like smtp://host:25 or smtps://user:password@host:465 "
                f"(got scheme {parts.scheme!r})."
            )
        try:
            parts.port  # noqa: B018 - urlsplit checks the port only when it is read
        except ValueError:
            raise ConfigError("SMTP_URL has a port that is not a number from 0 to 65535.") from None
    recipients = [address.strip() for address in str(config["ALERT_EMAIL_TO"]).split(",") if address.strip()]
    for address in [*recipients, str(config["ALERT_EMAIL_FROM"]).strip()]:
        if address and ("@" not in address or any(ch.isspace() or ch in "<>\r\n" for ch in address)):
            raise ConfigError(f"{address!r} in ALERT_EMAIL_TO or ALERT_EMAIL_FROM is not an email address.")
    if smtp and not (recipients and str(config["ALERT_EMAIL_FROM"]).strip()):
        raise ConfigError(
            "With SMTP_URL set, ALERT_EMAIL_FROM and ALERT_EMAIL_TO (comma-separated) are needed."
        )
    for name in ("ALERT_WEBHOOK_URL", "PUBLIC_URL"):
        value = str(config[name]).strip()
        if value and (urlsplit(value).scheme not in ("http", "https") or not urlsplit(value).hostname):
            raise ConfigError(f"{name} must be an http:// or https:// address (got {value[:60]!r}).")
        config[name] = value.rstrip("/") if name == "PUBLIC_URL" else value
    config.update(SMTP_URL=smtp, ALERT_EMAIL_TO=", ".join(recipients))
    config["ALERT_EMAIL_FROM"] = str(config["ALERT_EMAIL_FROM"]).strip()
