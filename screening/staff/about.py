"""The staff's About page (translations: version and clinical review) and each account's own language."""

from babel import Locale
from flask import current_app, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_login import current_user

from rules import RULES_VERSION, SCHEMA_VERSION
from screening.extensions import db
from screening.i18n.catalogues import LANGUAGES, catalogue_info
from screening.i18n.sources import problems as stale_translations
from screening.request_checks import RefusedInput
from screening.staff import bp


@bp.get("/about")
def show_about():
    """The questionnaire's versions and, per language, its translation's version and review status."""
    shown_in = (get_locale() or Locale("en")).language
    languages = [
        {"info": catalogue_info(code), "name": Locale(code).get_display_name(shown_in), "code": code}
        for code in LANGUAGES
    ]
    stale = {code: stale_translations(code) for code in LANGUAGES[1:]}
    context = {"languages": languages, "stale": stale, "schema_version": SCHEMA_VERSION}
    context.update(rules_version=RULES_VERSION, clinic_language=current_app.config["CLINIC_LANGUAGE"])
    return render_template("staff/about.html", **context)


@bp.post("/language")
def choose_language():
    """This account's staff pages in another language (empty: the clinic's); back to where it was asked."""
    chosen = request.form.get("language", "")
    if chosen not in (*LANGUAGES, ""):
        raise RefusedInput(f"language must be one of: {', '.join(LANGUAGES)} (got {chosen[:20]!r})")
    current_user.language = chosen or None
    db.session.commit()
    return redirect(url_for("staff.show_about"), 303)
