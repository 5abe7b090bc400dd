"""The `screening alerts` loop: write due escalations, cancel what is no longer needed, deliver the rest."""

import logging
import signal
import threading
from datetime import timedelta

from flask import Flask, current_app

from screening.alerts import delivery, outbox
from screening.extensions import db
from screening.models import utcnow

log = logging.getLogger("screening.alerts")


def run_once() -> dict:
    """One pass (in an app context): escalate, cancel, deliver what is due; counts of each."""
    config = current_app.config
    now = utcnow()
    escalated = outbox.escalate(now, timedelta(minutes=config["URGENT_ESCALATE_MINUTES"]), config)
    cancelled = outbox.cancel_unneeded()
    sent = failed = 0
    for alert in outbox.claim(now):
        error = deliver(alert, config)
        outbox.settle(alert, error, timedelta(seconds=config["ALERT_RETRY_SECONDS"]))
        sent, failed = (sent + 1, failed) if error is None else (sent, failed + 1)
    return {"escalated": escalated, "cancelled": cancelled, "sent": sent, "failed": failed}


def deliver(alert: outbox.Alert, config) -> str | None:
    """Send one alert on its channel; None when it went, else the error in a line."""
    submission = alert.submission
    waited = max(0, int((utcnow() - submission.created_at).total_seconds() // 60))
    message = delivery.words(submission.reference, alert.round, waited, config["PUBLIC_URL"])
    try:
        if alert.channel == "webhook":
            delivery.post_webhook(config["ALERT_WEBHOOK_URL"], message, alert.round, waited)
        else:
            delivery.send_email(config, message, f"<alert-{alert.id}-{submission.reference}@spine-screen>")
    except Exception as error:
        log.warning(
            "alert %s for %s by %s failed: %s", alert.round, submission.reference, alert.channel, error
        )
        return f"{type(error).__name__}: {error}"
    log.info("alert %s for %s sent by %s", alert.round, submission.reference, alert.channel)
    return None


def run_forever(app: Flask, poll_seconds: float, stop: threading.Event | None = None) -> None:
    """Pass after pass until SIGTERM/SIGINT (or `stop`); a delivery under way is finished first."""
    stop = stop or threading.Event()
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
    while not stop.is_set():
        with app.app_context():
            try:
                run_once()
            except Exception:  # a database outage must not end the sender: it tries again
                log.exception("alert pass failed; trying again")
            finally:
                db.session.remove()
        stop.wait(poll_seconds)
