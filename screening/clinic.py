"""The clinic's name and phone numbers as every page shows them (settings CLINIC_*, EMERGENCY_NUMBER)."""

from flask import current_app


def dial(number: str) -> str:
    """A tel: link for a phone number as written ("+44 20 7946 0958" -> "tel:+442079460958")."""
    return "tel:" + "".join(ch for ch in number if ch.isdigit() or ch == "+")


def clinic_details() -> dict:
    """Template values: `clinic` with its name, phone and emergency number, each with a tel: link."""
    config = current_app.config
    phone, emergency = config["CLINIC_PHONE"], config["EMERGENCY_NUMBER"]
    return {
        "clinic": {
            "name": config["CLINIC_NAME"],
            "address": config["CLINIC_ADDRESS"],
            "phone": phone,
            "phone_link": dial(phone) if phone else "",
            "emergency_number": emergency,
            "emergency_link": dial(emergency),
        }
    }
