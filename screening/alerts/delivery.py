"""Delivering one alert: by email (SMTP, or printed when no SMTP_URL is set) or by a webhook POST.

An alert names the submission's reference and links to it, nothing more: email and chat systems are
not safe channels for health data.
"""

import json
import smtplib
import ssl
import sys
import urllib.request
from email.message import EmailMessage
from email.utils import formatdate
from urllib.parse import unquote, urlsplit

from screening.submissions import format_reference

TIMEOUT_SECONDS = 10


def words(reference: str, round_: int, waited_minutes: int, public_url: str) -> dict:
    """The alert's subject, text and link (link empty without PUBLIC_URL)."""
    shown = format_reference(reference)
    link = f"{public_url}/staff/submissions/{reference}" if public_url else ""
    if round_ == 0:
        subject = f"Urgent screening submission {shown}"
        opening = "An urgent screening submission has arrived. Please acknowledge it in the staff workspace."
    else:
        # Short enough for one header line: a folded subject shows with a stray space in some clients.
        subject = f"ESCALATION {round_}: urgent {shown} unacknowledged for {waited_minutes} min"
        opening = (
            f"An urgent screening submission has waited {waited_minutes} minutes and nobody has "
            "acknowledged it yet. Please open it now."
        )
    lines = [
        opening,
        "",
        f"Reference: {shown}",
        f"Waiting: {waited_minutes} minutes",
        f"Open it: {link}" if link else "Open it: the staff workspace's triage queue (search the reference).",
        "",
        "Acknowledging it stops further alerts. This message carries no patient details on purpose:",
        "email is not a safe channel for health information.",
    ]
    return {"subject": subject, "text": "\n".join(lines), "link": link, "reference": shown}


def send_email(config, message: dict, message_id: str) -> None:
    """Send the alert to ALERT_EMAIL_TO through SMTP_URL; without SMTP_URL, print it (development)."""
    email = EmailMessage()
    email["Subject"] = message["subject"]
    email["From"] = config["ALERT_EMAIL_FROM"] or "spine-screen@localhost"
    email["To"] = config["ALERT_EMAIL_TO"] or "on-call@localhost"
    email["Date"] = formatdate(localtime=False)
    # The same id on a retry, so a mail system that already has the message can drop the copy.
    email["Message-ID"] = message_id
    email.set_content(message["text"])
    if not config["SMTP_URL"]:
        print(
            f"---- alert (no SMTP_URL set, so printed, not sent) ----\n{email}", file=sys.stdout, flush=True
        )
        return
    parts = urlsplit(config["SMTP_URL"])
    context = ssl.create_default_context()
    if parts.scheme == "smtps":
        server = smtplib.SMTP_SSL(parts.hostname, parts.port or 465, timeout=TIMEOUT_SECONDS, context=context)
    else:
        server = smtplib.SMTP(parts.hostname, parts.port or 25, timeout=TIMEOUT_SECONDS)
    with server:
        server.ehlo()
        if parts.scheme == "smtp" and server.has_extn("starttls"):
            server.starttls(context=context)
            server.ehlo()
        if parts.username:
            server.login(unquote(parts.username), unquote(parts.password or ""))
        server.send_message(email)


def post_webhook(url: str, message: dict, round_: int, waited_minutes: int) -> None:
    """POST the alert as JSON; any answer but 2xx is a failure to retry."""
    payload = {
        "event": "urgent_submission" if round_ == 0 else "urgent_escalation",
        "reference": message["reference"],
        "round": round_,
        "waiting_minutes": waited_minutes,
        "link": message["link"],
        "text": f"{message['subject']}. {message['link']}".strip(),
    }
    # ALERT_WEBHOOK_URL is checked to be http(s) at start, so no file: or other scheme reaches here.
    request = urllib.request.Request(  # noqa: S310
        url,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json", "User-Agent": "spine-screen-alerts"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:  # noqa: S310
        if not 200 <= answer.status < 300:
            raise OSError(f"webhook answered {answer.status}")
