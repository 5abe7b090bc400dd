"""Signing staff in and out.

views.py holds the sign-in pages (password, then code, enrolment at first sign-in) and sign-out; the
operations beside it: accounts.py (the StaffUser table), passwords.py (password rules), lockout.py
(counting failures), twofactor.py (TOTP and recovery codes), sessions.py (the signed-in session),
access.py (who may open which staff page) and commands.py (create-staff, disable-staff, reset-staff-2fa).
"""
