"""Stale translations: each question's English words, hashed, recorded with their translation.

`make translation-hashes` records, for every question, the SHA-256 of its English words (question,
short name, hint, answers) and their translation as they stand. A test then fails when a question's
English changed after that: "stale" when the translation stayed the same, "not signed off" when the
translator already changed it (record again once it has been reviewed).
"""

import hashlib
import json
import sys
from pathlib import Path

from rules.questions import STEPS, Question
from screening.i18n.catalogues import LANGUAGES, SOURCE_LANGUAGE, translations_folder, translations_for


def hashes_path(language: str) -> Path:
    """The recorded hashes of one language: translations/<language>/source-hashes.json."""
    return translations_folder() / language / "source-hashes.json"


def english_words(question: Question) -> list[str]:
    """Everything a question says in English, in a fixed order (empty parts left out)."""
    parts = [question.text, question.summary, question.hint, *question.scale]
    return [part for part in parts + [label for _value, label in question.choices] if part]


def english_hash(question: Question) -> str:
    """The SHA-256 of the question's English words, one per line."""
    return hashlib.sha256("\n".join(english_words(question)).encode()).hexdigest()


def translated_words(question: Question, language: str) -> list[str]:
    """The question's words as the language's compiled catalogue has them now."""
    translations = translations_for(language)
    return [translations.gettext(part) for part in english_words(question)]


def current(language: str) -> dict:
    """Every question's English hash, English words and translation, by question name."""
    return {
        q.name: {
            "english_sha256": english_hash(q),
            "english": english_words(q),
            "translation": translated_words(q, language),
        }
        for step in STEPS
        for q in step.questions
    }


def recorded(language: str) -> dict:
    """What was recorded for the language (empty when nothing was)."""
    path = hashes_path(language)
    return json.loads(path.read_text(encoding="utf-8"))["questions"] if path.exists() else {}


def problems(language: str) -> list[str]:
    """One line per question whose English changed since its translation was recorded (or never was)."""
    now, then = current(language), recorded(language)
    lines = []
    for name, entry in now.items():
        before = then.get(name)
        if before is None:
            lines.append(f"{name}: no translation recorded; translate it, then run `make translation-hashes`")
        elif before["english_sha256"] != entry["english_sha256"]:
            if any(
                shown == english
                for shown, english in zip(entry["translation"], entry["english"], strict=True)
            ):
                lines.append(f"{name}: the English changed and has no {language} translation yet")
            elif before["translation"] == entry["translation"]:
                lines.append(f"{name}: stale translation: the English changed but the {language} did not")
            else:
                lines.append(
                    f"{name}: the English and the {language} both changed: once the new translation is "
                    "reviewed, run `make translation-hashes`"
                )
    return lines


def record(language: str) -> Path:
    """Write the language's hashes file from the questions and the compiled catalogue as they are now."""
    path = hashes_path(language)
    body = {"language": language, "questions": current(language)}
    path.write_text(json.dumps(body, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def main(argv: list[str]) -> int:
    """`python -m screening.i18n.sources [LANGUAGE ...]`: record every translated language, or those named."""
    languages = argv or [language for language in LANGUAGES if language != SOURCE_LANGUAGE]
    for language in languages:
        if language not in LANGUAGES or language == SOURCE_LANGUAGE:
            print(f"unknown language {language!r}; allowed: {', '.join(LANGUAGES[1:])}", file=sys.stderr)
            return 2
        print(f"recorded {record(language)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
