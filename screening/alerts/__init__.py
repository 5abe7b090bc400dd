"""Alerts about urgent submissions: an outbox written with the submission, and a sender that delivers it.

outbox.py    the alerts table, writing the first alert, escalating, claiming and settling deliveries
delivery.py  one alert by email (SMTP, or printed when no SMTP_URL) or by webhook POST; no patient data
sender.py    the `screening alerts` loop: escalate, then deliver what is due, retrying with back-off
settings.py  the alert settings and their checks
"""
