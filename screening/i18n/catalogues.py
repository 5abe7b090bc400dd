"""The translation catalogues: which exist, their governance header, and loading one outside a request."""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale
from babel.support import NullTranslations, Translations

from screening.settings import ConfigError

ROOT = Path(__file__).resolve().parent.parent.parent
# English is the source language: it has no catalogue, its words are the msgids.
SOURCE_LANGUAGE = "en"
LANGUAGES = ("en", "ar")
DOMAIN = "messages"
# Babel drops unknown fields from a catalogue's MIME header on `pybabel update`, so the
# governance fields live in the header comment, which it keeps ("# Translation-Version: 1").
_HEADER_FIELD = re.compile(r"^#\s*(Translation-Version|Clinical-Review|Reviewed-By):\s*(.*?)\s*$", re.M)
REVIEWED = "reviewed"


def translations_folder() -> Path:
    """The folder of catalogues: translations/<language>/LC_MESSAGES/messages.po (and the compiled .mo)."""
    return ROOT / "translations"


def catalogue_path(language: str, suffix: str = ".po") -> Path:
    """Where one language's catalogue (.po, under version control) or compiled catalogue (.mo) lives."""
    return translations_folder() / language / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def check_compiled() -> None:
    """Refuse to start when a compiled catalogue is missing or older than its source (never stale)."""
    for language in LANGUAGES:
        if language == SOURCE_LANGUAGE:
            continue
        source, compiled = catalogue_path(language), catalogue_path(language, ".mo")
        if not compiled.exists() or compiled.stat().st_mtime < source.stat().st_mtime:
            raise ConfigError(
                f"The {language} translations are not compiled, or older than {source.name}: "
                "run `make translations` (pybabel compile -d translations)."
            )


@dataclass(frozen=True)
class CatalogueInfo:
    """A catalogue's governance header: its translation version and clinical review status."""

    language: str
    name: str
    version: str
    review: str

    @property
    def reviewed(self) -> bool:
        """True once a clinical translator has reviewed this version."""
        return self.review.lower() == REVIEWED


@cache
def catalogue_info(language: str) -> CatalogueInfo:
    """The governance fields of one language's catalogue (English: the source, reviewed by definition)."""
    name = Locale(language).get_display_name("en")
    if language == SOURCE_LANGUAGE:
        return CatalogueInfo(language, name, "source", REVIEWED)
    text = catalogue_path(language).read_text(encoding="utf-8")
    header = text.split("\nmsgid", 1)[0]
    fields = dict(_HEADER_FIELD.findall(header))
    return CatalogueInfo(
        language, name, fields.get("Translation-Version", "unknown"), fields.get("Clinical-Review", "unknown")
    )


@cache
def translations_for(language: str) -> NullTranslations:
    """The compiled translations of a language, for text made outside a request (the PDF)."""
    if language == SOURCE_LANGUAGE:
        return NullTranslations()
    return Translations.load(str(translations_folder()), [language], DOMAIN)
