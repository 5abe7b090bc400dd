"""Marking the questionnaire's words for translation: rules/ never imports Flask or translates itself."""

import gettext

__all__ = ["ENGLISH", "N_", "Nn_", "Translator"]

# What translates: a gettext.NullTranslations (English, the source) or a compiled catalogue.
Translator = gettext.NullTranslations
ENGLISH = gettext.NullTranslations()


def N_(text: str) -> str:
    """The text unchanged: `pybabel extract` collects every N_("..."), screening/ translates it when shown."""
    return text


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """A word with plural forms (Arabic has six), unchanged: `pybabel extract -k Nn_:1,2` collects both."""
    return singular, plural
