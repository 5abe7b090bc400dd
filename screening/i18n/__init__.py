"""Languages: which one a request is shown in (patient: ?lang=, session, browser; staff: account)."""

from babel import Locale
from flask import Flask, current_app, request, session, url_for
from flask_babel import get_locale

from screening.extensions import babel
from screening.i18n.catalogues import LANGUAGES, catalogue_info, check_compiled, translations_folder
from screening.i18n.plurals import counter_words

SESSION_KEY = "lang"
ASK_PARAMETER = "lang"


def is_staff_request() -> bool:
    """True on the staff pages (their errors included), which are shown in the staff member's language."""
    return request.path == "/staff" or request.path.startswith("/staff/")


def staff_language() -> str:
    """The signed-in staff member's own language, else the clinic's (CLINIC_LANGUAGE)."""
    from flask_login import current_user

    chosen = getattr(current_user, "language", None) if current_user.is_authenticated else None
    return chosen if chosen in LANGUAGES else current_app.config["CLINIC_LANGUAGE"]


def patient_language() -> str:
    """?lang= on this URL, else the language chosen earlier this session, else the browser's, else English."""
    asked = request.args.get(ASK_PARAMETER)
    if asked in LANGUAGES:
        return asked
    chosen = session.get(SESSION_KEY)
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES) or "en"


def answering_language() -> str:
    """The language of this page: the patient's (stored with a submission), or the staff member's."""
    locale = get_locale()
    return locale.language if locale is not None and locale.language in LANGUAGES else "en"


def select_locale() -> str:
    """Flask-Babel's locale selector: staff pages by account, every other page by the patient's choice."""
    return staff_language() if is_staff_request() else patient_language()


def remember_choice() -> None:
    """A patient's ?lang=ar or ?lang=en holds for the rest of the session; any other value is ignored."""
    asked = request.args.get(ASK_PARAMETER)
    if asked in LANGUAGES and not is_staff_request() and session.get(SESSION_KEY) != asked:
        session[SESSION_KEY] = asked


def this_page_in(language: str) -> str:
    """The URL of the page being shown, in another language (its other query arguments kept)."""
    args = {k: v for k, v in request.args.items() if k != ASK_PARAMETER}
    if request.endpoint and request.method == "GET" and request.url_rule is not None:
        return url_for(request.endpoint, **(request.view_args or {}), **args, lang=language)
    # An error page or a page re-shown after a POST: the same address, asked for again.
    return f"{request.path}?{ASK_PARAMETER}={language}"


def language_context() -> dict:
    """Template values: the page's language and direction, and a link to each other language."""
    locale = get_locale() or Locale("en")
    code = locale.language
    others = [
        {"code": other, "name": Locale(other).get_display_name(other), "url": this_page_in(other)}
        for other in LANGUAGES
        if other != code
    ]
    return {
        "page_language": code,
        "page_direction": locale.text_direction,
        "other_languages": others,
        "translation": catalogue_info(code if code in LANGUAGES else "en"),
    }


def init_app(app: Flask) -> None:
    """Bind Flask-Babel with the locale selector; refuse to start on missing or stale compiled catalogues."""
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(translations_folder()))
    check_compiled()
    babel.init_app(app, locale_selector=select_locale, default_domain="messages")
    app.before_request(remember_choice)
    app.context_processor(language_context)
    # A global, not a context value: the question macros are imported without the page's context.
    app.add_template_global(counter_words)
