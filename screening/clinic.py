"""The clinic's name and phone numbers as every page shows them (settings CLINIC_*, EMERGENCY_NUMBER)."""

from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _

from rules.words import N_

# The default name is translated; a clinic's own name is shown as set (CLINIC_NAME_AR for Arabic).
DEFAULT_NAME = N_("Spine clinic")


def dial(number: str) -> str:
    """A tel: link for a phone number as written ("+44 20 7946 0958" -> "tel:+442079460958")."""
    return "tel:" + "".join(ch for ch in number if ch.isdigit() or ch == "+")


def clinic_details() -> dict:
    """Template values: `clinic` with its name, phone and emergency number, each with a tel: link."""
    config = current_app.config
    phone, emergency = config["CLINIC_PHONE"], config["EMERGENCY_NUMBER"]
    locale = get_locale()
    suffix = f"_{locale.language.upper()}" if locale is not None else ""
    name = config.get("CLINIC_NAME" + suffix) or config["CLINIC_NAME"]
    if name == DEFAULT_NAME:
        name = _(DEFAULT_NAME)
    return {
        "clinic": {
            "name": name,
            "address": config.get("CLINIC_ADDRESS" + suffix) or config["CLINIC_ADDRESS"],
            "phone": phone,
            "phone_link": dial(phone) if phone else "",
            "emergency_number": emergency,
            "emergency_link": dial(emergency),
        }
    }
