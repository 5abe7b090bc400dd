"""The doctor's PDF, opened with pypdf: what it says, on how many pages, in which fonts, and safely."""

import io
import logging
import re
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from rules import evaluate, parse_answers
from rules.table import FLAG_LINES, URGENT_REASON
from screening import pdf
from screening.extensions import db
from screening.models import Submission
from screening.pdf import render_pdf
from screening.submissions import store_submission
from screening.summary import DISCLAIMER, summary_for_submission, summary_values
from tests.helpers import PATIENT, neutral

LONG_NAME = "Maximiliana Wilhelmina Esperanza de la Concepción Fernández-Rodríguez y Villanueva-Santamaría"
LONG_ALLERGIES = "\n".join(
    ["Penicillin: rash and swelling of the face and throat in 2019, needed hospital care"] * 5
    + ["Iodinated contrast dye: severe reaction, adrenaline given", "Latex", "Codeine"]
)[:500]


def summary_of(data: dict, patient: dict = PATIENT, reference: str | None = "7K3M-Q9TZ") -> dict:
    answers = parse_answers({**data, "patient": patient}, require_patient=True)
    return summary_values(
        answers,
        evaluate(answers),
        reference=reference,
        submitted_at=datetime(2026, 11, 24, 15, 42, tzinfo=UTC),
        timezone="Europe/London",
    )


def read(document: bytes) -> list[str]:
    """The text of each page, whitespace removed so words wrapped across lines still match."""
    return ["".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(document)).pages]


def squash(text: str) -> str:
    return "".join(text.split())


def embedded_fonts(document: bytes) -> set[str]:
    """Base names of the fonts whose files are embedded in the PDF, subset prefix removed."""
    names = set()
    for page in PdfReader(io.BytesIO(document)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                if any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                    names.add(str(descriptor["/FontName"]).split("+", 1)[-1])
    return names


def characters_drawn_by(document: bytes) -> dict[str, set[str]]:
    """For each embedded font, the characters its glyphs stand for (read from its ToUnicode map)."""
    drawn: dict[str, set[str]] = {}
    for page in PdfReader(io.BytesIO(document)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            name = str(font["/BaseFont"]).split("+", 1)[-1]
            cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            for target in re.findall(r"^<[0-9a-fA-F]+> <([0-9a-fA-F]+)>$", cmap, flags=re.MULTILINE):
                drawn.setdefault(name, set()).update(bytes.fromhex(target).decode("utf-16-be"))
    return drawn


# Spec §4's worked examples: answers, suggestion label, urgent, matched rule count, flag ids.
WORKED_EXAMPLES = [
    ({}, "Conservative care", False, []),
    ({"pain_weeks": 3, "pain_score": 8}, "Vertebroplasty consult", False, []),
    ({"pain_weeks": 1, "pain_score": 9}, "Conservative care", False, []),
    (
        {"load_pain": "yes", "treatments_tried": []},
        "Vertebroplasty consult",
        False,
        ["F-no-conservative-care"],
    ),
    ({"deformity": "yes", "load_pain": "yes"}, "Kyphoplasty consult", False, []),
    ({"nerve_symptoms": ["numbness"], "deformity": "yes"}, "Neurology referral", False, []),
    ({"nerve_symptoms": ["bladder_bowel"]}, "Neurology referral", True, []),
    (
        {"cause": "cancer", "fracture_confirmed": "unsure"},
        "Conservative care",
        False,
        ["F-unconfirmed", "F-cancer"],
    ),
]


@pytest.mark.parametrize(("changes", "label", "urgent", "flags"), WORKED_EXAMPLES)
def test_worked_example_prints_on_one_page_with_everything_the_doctor_needs(changes, label, urgent, flags):
    summary = summary_of(neutral(**changes))
    pages = read(render_pdf([summary]))
    assert len(pages) == 1
    text = pages[0]
    assert "7K3M-Q9TZ" in text
    assert "MariaLopez" in text
    assert "Born27Mar1948(age78)" in text
    assert squash("24 Nov 2026, 15:42 (Europe/London)") in text
    assert squash(label) in text
    for reason in summary["reasons"]:
        assert squash(reason) in text
    assert [f["id"] for f in summary["flags"]] == flags
    for flag in flags:
        assert squash(FLAG_LINES[flag]) in text
    assert ("URGENT" in text) is urgent
    assert (squash(URGENT_REASON) in text) is urgent
    assert squash(DISCLAIMER) in text
    assert "Rulesversion2026.1" in text
    assert "Page1of1" in text
    assert squash("Worse when standing, carrying or getting up") in text
    assert squash("Doctor's notes").upper() in text


def test_matched_reasons_print_in_table_order():
    summary = summary_of(neutral(nerve_symptoms=["weakness"], deformity="yes", pain_weeks=4, pain_score=9))
    text = read(render_pdf([summary]))[0]
    positions = [text.index(squash(reason)) for reason in summary["reasons"]]
    assert len(positions) == 3
    assert positions == sorted(positions)


def test_suggestion_comes_before_flags_and_answers_and_urgent_before_all():
    summary = summary_of(neutral(nerve_symptoms=["weakness"], blood_thinners="yes"))
    text = read(render_pdf([summary]))[0]
    order = ["URGENT", "7K3M-Q9TZ", "Neurologyreferral", squash(FLAG_LINES["F-blood-thinners"]), "ANSWERS"]
    assert [text.index(part) for part in order] == sorted(text.index(part) for part in order)


def test_many_flags_and_a_long_allergies_answer_still_fit_one_page():
    changes = dict(
        fracture_confirmed="unsure",
        cause="cancer",
        deformity="unsure",
        blood_thinners="unsure",
        fever_or_infection="yes",
        pregnant="yes",
        can_lie_flat="no",
        escort_home="no",
        treatments_tried=[],
        load_pain="yes",
        allergies="Penicillin (rash and swelling of the face, 2019). Iodinated contrast dye: severe "
        "reaction during a CT scan in 2021, needed adrenaline. Latex gloves cause itching. Codeine "
        "makes me very sick and dizzy. Also sensitive to plasters and chlorhexidine skin wipes.",
    )
    summary = summary_of(neutral(**changes))
    assert len(summary["flags"]) == 10
    pages = read(render_pdf([summary]))
    assert len(pages) == 1
    for flag in summary["flags"]:
        assert squash(flag["line"]) in pages[0]
    assert squash(changes["allergies"]) in pages[0]


def test_very_long_free_text_runs_to_two_numbered_pages_each_naming_the_patient():
    changes = dict(
        nerve_symptoms=["numbness", "weakness", "coordination", "bladder_bowel"],
        deformity="yes",
        pain_weeks=520,
        pain_score=10,
        load_pain="yes",
        fracture_confirmed="unsure",
        cause="cancer",
        blood_thinners="yes",
        fever_or_infection="yes",
        pregnant="yes",
        can_lie_flat="no",
        escort_home="no",
        treatments_tried=[],
        allergies=LONG_ALLERGIES,
    )
    patient = {"full_name": LONG_NAME, "date_of_birth": "1930-02-28"}
    pages = read(render_pdf([summary_of(neutral(**changes), patient=patient)]))
    assert len(pages) == 2
    for number, text in enumerate(pages, start=1):
        assert f"Page{number}of2" in text
        assert squash(LONG_NAME) in text
        assert "7K3M-Q9TZ" in text


def test_a_batch_starts_each_summary_on_a_new_page_and_numbers_each_on_its_own():
    long_one = summary_of(
        neutral(
            nerve_symptoms=["weakness", "numbness", "coordination"], deformity="yes", allergies=LONG_ALLERGIES
        ),
        patient={"full_name": LONG_NAME, "date_of_birth": "1930-02-28"},
        reference="AAAA-1111",
    )
    first = summary_of(neutral(), patient={**PATIENT, "full_name": "Ann First"}, reference="BBBB-2222")
    last = summary_of(neutral(), patient={**PATIENT, "full_name": "Zoe Last"}, reference="CCCC-3333")
    pages = read(render_pdf([first, long_one, last]))
    assert len(pages) == 4
    assert "AnnFirst" in pages[0] and "BBBB-2222" in pages[0] and "Page1of1" in pages[0]
    assert "AAAA-1111" in pages[1] and "Page1of2" in pages[1]
    assert "AAAA-1111" in pages[2] and "Page2of2" in pages[2] and squash(LONG_NAME) in pages[2]
    assert "ZoeLast" in pages[3] and "CCCC-3333" in pages[3] and "Page1of1" in pages[3]
    assert all("AnnFirst" not in page for page in pages[1:])


def test_batch_has_one_bookmark_per_patient():
    names = ["Ann First", "Bea Second"]
    summaries = [summary_of(neutral(), patient={**PATIENT, "full_name": name}) for name in names]
    reader = PdfReader(io.BytesIO(render_pdf(summaries)))
    assert [item.title for item in reader.outline] == names
    assert reader.metadata.title == "Screening summaries (2 patients)"


def test_a_summary_not_stored_says_not_submitted():
    text = read(render_pdf([summary_of(neutral(), reference=None)]))[0]
    assert "ReferenceNotsubmitted" in text


@pytest.mark.parametrize(
    "name",
    [
        "<img src=http://127.0.0.1:9/x.png> Ann",
        "</style><style>body{display:none}</style> Ann",
        '<link rel=stylesheet href="file:///etc/passwd"> Ann',
        "{{ 7 * 7 }} <script>alert(1)</script> Ann & Co",
    ],
)
def test_a_hostile_name_prints_as_text(name):
    document = render_pdf([summary_of(neutral(allergies=name), patient={**PATIENT, "full_name": name})])
    reader = PdfReader(io.BytesIO(document))
    text = "".join(reader.pages[0].extract_text().split())
    assert text.count(squash(name)) >= 3  # header, allergies answer, running footer
    assert not reader.pages[0]["/Resources"].get("/XObject")  # no image was loaded from anywhere
    assert squash(DISCLAIMER) in text  # the stylesheet was not broken out of


def test_names_and_allergies_in_any_script_print_with_embedded_fonts():
    name = "فاطمة الزهراء 王小明 José Ñúñez 😀"
    allergies = "البنسلين 💊 青霉素 — pénicilline, Ærø"
    document = render_pdf([summary_of(neutral(allergies=allergies), patient={**PATIENT, "full_name": name})])
    fonts = embedded_fonts(document)
    assert {"Noto-Sans", "Noto-Sans-Bold", "Noto-Sans-Arabic-Bold", "Noto-Sans-CJK-SC-Bold"} <= fonts
    assert any("Emoji" in font for font in fonts)
    text = read(document)[0]
    for word in ("فاطمة", "الزهراء", "البنسلين", "王小明", "青霉素", "José", "Ñúñez", "Ærø", "😀", "💊"):
        assert word in text
    # Regression (WeasyPrint #2291): naming the emoji font in CSS made Pango draw digits with it.
    drawn = characters_drawn_by(document)
    assert set("0123456789") <= drawn["Noto-Sans"]
    assert all(not set("0123456789") & chars for font, chars in drawn.items() if "Emoji" in font)


def test_rendering_logs_no_weasyprint_warnings(caplog):
    caplog.set_level(logging.WARNING, logger="weasyprint")
    render_pdf([summary_of(neutral(nerve_symptoms=["weakness"], allergies="Latex"))])
    assert [record.getMessage() for record in caplog.records] == []


def test_fonts_and_stylesheet_are_loaded_once_per_process():
    render_pdf([summary_of(neutral())])
    shared = pdf._renderer()
    render_pdf([summary_of(neutral(load_pain="yes"))])
    assert pdf._renderer() is shared
    assert pdf._renderer.cache_info().currsize == 1


def test_render_pdf_refuses_an_empty_batch():
    with pytest.raises(ValueError, match="at least one summary"):
        render_pdf([])


def test_a_stored_submission_renders_with_its_reference(app):
    with app.app_context():
        row = store_submission(parse_answers({**neutral(nerve_symptoms=["weakness"]), "patient": PATIENT}))
        summary = summary_for_submission(db.session.get(Submission, row.id), "UTC")
    text = read(render_pdf([summary]))[0]
    assert f"{row.reference[:4]}-{row.reference[4:]}" in text
    assert "URGENT" in text and "Neurologyreferral" in text
