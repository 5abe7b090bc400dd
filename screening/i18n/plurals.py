"""Words with a number, in every plural form of the page's language, for the browser to choose from."""

from babel import Locale
from flask_babel import get_locale, get_translations

from rules.words import Nn_

CHARACTERS_LEFT = Nn_("You have %(num)d character left", "You have %(num)d characters left")
CHARACTERS_OVER = Nn_("You have %(num)d character too many", "You have %(num)d characters too many")
# Enough numbers to meet every CLDR plural category of any language (Arabic "many" starts at 11).
_SAMPLES = range(0, 200)


def plural_forms(words: tuple[str, str]) -> dict[str, str]:
    """{CLDR category: the words for a number of that category} (Intl.PluralRules names them the same)."""
    locale = get_locale() or Locale("en")
    translations = get_translations()
    forms: dict[str, str] = {}
    for number in _SAMPLES:
        category = locale.plural_form(number)
        if category not in forms:
            forms[category] = translations.ngettext(*words, number)
    return forms


def counter_words() -> dict:
    """The character counter's words (left, too many), each in every plural form of the page's language."""
    return {"left": plural_forms(CHARACTERS_LEFT), "over": plural_forms(CHARACTERS_OVER)}
