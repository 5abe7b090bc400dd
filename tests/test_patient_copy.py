"""The patient's own copy (issues 12.4 and 11.5): a PDF of their answers and what happens next, in the
language they answered in, without the clinic's suggestion or the doctor's flags."""

import io

from pypdf import PdfReader

from tests.helpers import NEUTRAL, PATIENT
from tests.patient_walk import walk

URGENT_ANSWERS = {**NEUTRAL, "nerve_symptoms": ["weakness"], "allergies": "Penicillin\nLatex"}


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_confirmation_offers_the_copy_and_it_holds_the_answers_but_not_the_result(client):
    walk(client, {**NEUTRAL, "allergies": "Penicillin\nLatex", "load_pain": "yes"}, PATIENT)
    page = client.get("/confirmation").text
    assert 'id="download-copy"' in page and 'href="/confirmation/my-answers.pdf"' in page
    answer = client.get("/confirmation/my-answers.pdf")
    assert answer.status_code == 200 and answer.mimetype == "application/pdf"
    assert answer.headers["Content-Disposition"].startswith('attachment; filename="my-answers-')
    text = _text(answer.data)
    assert "Your answers" in text and PATIENT["full_name"] in text and "27 March 1948" in text
    assert "Penicillin" in text and "Latex" in text
    assert "What happens next" in text and "Seek emergency care straight away" in text
    # The rules' suggestion and the doctor's flags stay with the clinic.
    for clinic_only in ("Vertebroplasty", "consult", "Flag", "flag", "Allergies reported", "Rules version"):
        assert clinic_only not in text, clinic_only
    assert "Translation" not in text  # English is the source, not a translation


def test_an_urgent_patients_copy_repeats_the_emergency_advice(client):
    walk(client, URGENT_ANSWERS, PATIENT)
    text = _text(client.get("/confirmation/my-answers.pdf").data)
    assert "Seek emergency care today" in text and "Call 112 or go to an emergency department today." in text
    assert "Neurology" not in text


def test_an_arabic_patients_copy_is_in_arabic_with_the_translations_review_status(client):
    client.get("/?lang=ar")
    walk(client, {**NEUTRAL, "allergies": "البنسلين"}, {**PATIENT, "full_name": "مريم أحمد"})
    # Switching the page to English afterwards does not change the language of what was answered.
    client.get("/confirmation?lang=en")
    text = _text(client.get("/confirmation/my-answers.pdf").data)
    assert "إجاباتك" in text and "ما أجبت به" in text and "مريم" in text and "البنسلين" in text
    # pypdf reads right-to-left lines in visual order, so the version's parts are checked apart.
    assert "لم يراجعها مترجم طبي بعد" in text and "2026.12" in text
    assert "Your answers" not in text and "What happens next" not in text


def test_the_copy_is_only_offered_while_the_confirmation_is(client):
    assert client.get("/confirmation/my-answers.pdf").location == "/"
    walk(client, NEUTRAL, PATIENT)
    page = client.get("/confirmation").text
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    client.post("/finish", data={"csrf_token": token})
    assert client.get("/confirmation/my-answers.pdf").location == "/"


def test_a_waiting_room_tablet_offers_no_copy_to_leave_behind(client):
    from tests.test_tablets import enrol

    enrol(client)
    walk(client, NEUTRAL, PATIENT)
    page = client.get("/confirmation").text
    assert "Your answers have been sent" in page and 'id="download-copy"' not in page
    assert "This tablet then forgets your answers for the next patient." in page
    assert "this phone or computer" not in page
    assert client.get("/confirmation/my-answers.pdf").location == "/"
