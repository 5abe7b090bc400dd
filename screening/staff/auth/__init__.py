"""Signing staff in and out.

views.py holds the sign-in pages (password, then code, enrolment at first sign-in) and sign-out, and
access.py the check in front of every other staff page. The operations beside them:
attempts.py (one sign-in attempt: locked? right? else counted and audited), accounts.py (the StaffUser
table), passwords.py (password rules), lockout.py (counting failures), twofactor.py (TOTP, enrolment),
recovery.py (one-time recovery codes), sessions.py (the signed-in session) and commands.py
(create-staff, disable-staff, reset-staff-2fa).
"""
