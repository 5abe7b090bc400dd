"""The catalogues: complete, not stale, governed; and the doctor's PDF of an Arabic-answered submission."""

import dataclasses
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from pypdf import PdfReader

from rules.questions import STEPS
from screening import ConfigError, create_app
from screening.extensions import db
from screening.i18n import sources
from screening.i18n.catalogues import ROOT, catalogue_info, catalogue_path, check_compiled
from screening.models import Submission
from screening.pdf import render_pdf
from screening.submissions import store_submission
from screening.summary import summary_for_submission
from tests.helpers import neutral

PYBABEL = Path(sys.executable).with_name("pybabel")
FATIMA = {"full_name": "فاطمة الزهراء أحمد", "date_of_birth": "1948-03-27", "phone": "07700 900123"}


def squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set:
    """Every message the code and templates mark for translation, extracted afresh by pybabel."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    command = [str(PYBABEL), "extract", "-F", "babel.cfg", "-k", "_l", "-k", "Nn_:1,2", "-o", str(pot), "."]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    with pot.open("rb") as template:
        return {message.id if isinstance(message.id, str) else message.id[0] for message in read_po(template)}


def test_every_marked_message_has_a_reviewed_shape_arabic_translation(extracted):
    with catalogue_path("ar").open("rb") as source:
        catalogue = read_po(source)
    translated = {}
    for message in catalogue:
        if message.id:
            key = message.id if isinstance(message.id, str) else message.id[0]
            strings = [message.string] if isinstance(message.string, str) else list(message.string)
            translated[key] = (all(strings), message.fuzzy)
    missing = sorted(m for m in extracted if m and not translated.get(m, (False,))[0])
    fuzzy = sorted(m for m, (_done, is_fuzzy) in translated.items() if is_fuzzy)
    assert missing == [], f"{len(missing)} messages not translated into Arabic: {missing[:10]}"
    assert fuzzy == [], f"fuzzy (unchecked) Arabic translations: {fuzzy[:10]}"
    # Placeholders: Babel's checks (those `pybabel compile` runs) find no %(name)s differing from the English.
    errors = [(message.id, [str(e) for e in found]) for message, found in catalogue.check()]
    assert errors == []


def test_the_arabic_catalogue_says_its_version_and_that_it_is_not_yet_reviewed():
    info = catalogue_info("ar")
    assert (info.version, info.review, info.reviewed, info.name) == (
        "2026.12-1",
        "not yet reviewed",
        False,
        "Arabic",
    )
    assert catalogue_info("en").reviewed


def test_no_question_changed_in_english_since_its_arabic_was_recorded():
    assert sources.problems("ar") == []


def _reworded_name(monkeypatch, text: str):
    first, *rest = STEPS
    name, *others = first.questions
    reworded = dataclasses.replace(name, text=text)
    monkeypatch.setattr(sources, "STEPS", (dataclasses.replace(first, questions=(reworded, *others)), *rest))


def test_changing_a_questions_english_but_not_its_arabic_is_a_stale_translation(monkeypatch, tmp_path):
    # The catalogue as it is when someone accepts pybabel's fuzzy match: new English, old Arabic.
    with catalogue_path("ar").open("rb") as source:
        catalogue = read_po(source, locale="ar")
    catalogue.add("What is your whole name?", catalogue["Your full name"].string)
    folder = tmp_path / "ar" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.mo").open("wb") as compiled:
        write_mo(compiled, catalogue)
    stale = Translations.load(str(tmp_path), ["ar"])
    monkeypatch.setattr(sources, "translations_for", lambda language: stale)
    _reworded_name(monkeypatch, "What is your whole name?")
    assert sources.problems("ar") == ["full_name: stale translation: the English changed but the ar did not"]


def test_changed_english_without_arabic_is_named(monkeypatch):
    _reworded_name(monkeypatch, "What is your whole name?")
    assert sources.problems("ar") == ["full_name: the English changed and has no ar translation yet"]


def test_a_question_with_no_recorded_translation_is_named(monkeypatch, tmp_path):
    monkeypatch.setattr(sources, "hashes_path", lambda language: tmp_path / "none.json")
    assert len(sources.problems("ar")) == sum(len(step.questions) for step in STEPS)


def test_the_app_refuses_to_start_on_a_compiled_catalogue_older_than_its_source():
    source, compiled = catalogue_path("ar"), catalogue_path("ar", ".mo")
    kept = compiled.stat()
    try:
        os.utime(compiled, (kept.st_atime, source.stat().st_mtime - 60))
        with pytest.raises(ConfigError, match="make translations"):
            check_compiled()
        with pytest.raises(ConfigError, match="make translations"):
            create_app({"SECRET_KEY": "k", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    finally:
        os.utime(compiled, (kept.st_atime, kept.st_mtime))
    check_compiled()


def _pdf_of_one_answered_in_arabic(app) -> bytes:
    """Store a submission answered in Arabic, then print the doctor's PDF of it as the staff pages do."""
    from rules import parse_answers

    answers = parse_answers(
        {**neutral(allergies="البنسلين", load_pain="yes", pain_weeks=13, pain_score=7), "patient": FATIMA},
        require_patient=True,
    )
    with app.app_context():
        row = store_submission(answers, language="ar")
        return render_pdf([summary_for_submission(db.session.get(Submission, row.id), "UTC")])


def test_the_doctors_pdf_of_an_arabic_answered_submission_is_in_english(app):
    pdf = _pdf_of_one_answered_in_arabic(app)
    text = squash(PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
    # The clinic's language (English) throughout, saying the patient answered in Arabic with an
    # unreviewed translation, and what the patient typed exactly as typed.
    for words in (
        "Answered in Arabic (translation 2026.12-1, not yet reviewed)",
        "Worse when standing, carrying or getting up",
        "Yes",
        "13 weeks",
        "7 out of 10",
        "Born 27 Mar 1948",
        "Phone 07700 900123",
        "Vertebroplasty consult",
    ):
        assert squash(words) in text, words
    for typed in ("فاطمة", "الزهراء", "البنسلين"):
        assert typed in text
    # None of the questionnaire's Arabic words.
    for arabic in ("نعم", "أسابيع", "الحساسية"):
        assert arabic not in text


def test_the_doctors_pdf_follows_clinic_language_arabic(app):
    app.config["CLINIC_LANGUAGE"] = "ar"
    pdf = _pdf_of_one_answered_in_arabic(app)
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Worse when standing" not in text and "13 weeks" not in text
    assert "فاطمة" in text
