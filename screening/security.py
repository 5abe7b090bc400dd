"""Security for every response: headers, the session cookie, and friendly pages for client errors."""

from flask import Flask, current_app, render_template, request
from flask.sessions import SecureCookieSessionInterface
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable

from screening import request_checks
from screening.request_checks import RefusedInput
from screening.request_limits import LimitReached

# No inline scripts or styles anywhere: every asset comes from static/ on this origin.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}
# (page title, what the person reads) for each status; never a traceback.
ERROR_PAGES = {
    400: (_l("Something went wrong with that request"), _l("The page could not understand what was sent.")),
    401: (_l("Please sign in"), _l("You need to sign in to see this page.")),
    403: (_l("You cannot see this page"), _l("Your account does not give access to this page.")),
    404: (_l("Page not found"), _l("If you typed the web address, check it is correct.")),
    405: (_l("This page cannot do that"), _l("The page was opened in a way it does not support.")),
    413: (_l("Too much was sent"), _l("What was sent is larger than this service accepts.")),
    429: (_l("Too many attempts"), _l("Please wait a few minutes and try again.")),
    500: (
        _l("Sorry, there is a problem with the service"),
        _l("Please try again later. Nothing you sent was lost."),
    ),
    503: (
        _l("Sorry, the service is busy"),
        _l("Please try again in a minute. Nothing already saved was lost."),
    ),
}
LIMIT_MESSAGE = _l(
    "This connection has started or sent as many questionnaires as the clinic accepts in an hour. "
    "Please try again later, or call the clinic. If you have new weakness in your legs, or you have "
    "lost control of your bladder or bowels, call %(emergency)s now."
)
TOO_LARGE = _l("What was sent is larger than this service accepts. A form may send at most %(limit)s KB.")
CSRF_PAGE = (
    _l("Your session has expired"),
    _l("For your security the page could not be sent. Go back, reload the page and try again."),
)


class HttpsAwareSessionInterface(SecureCookieSessionInterface):
    """The signed-cookie session, marked Secure whenever the request itself came over HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(super().get_cookie_secure(app) or request.is_secure)


def add_security_headers(response):
    """Set the security headers unless a view chose its own value."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    return response


def show_error(error: HTTPException):
    """A plain page for a client or server error, with the right status and no internals."""
    if isinstance(error, CSRFError):
        title, message = CSRF_PAGE
        code = 400
    else:
        code = error.code or 500
        title, message = ERROR_PAGES.get(code, ERROR_PAGES[400 if code < 500 else 500])
        if isinstance(error, RefusedInput):
            message = error.description
        elif isinstance(error, LimitReached):
            emergency = current_app.config["EMERGENCY_NUMBER"]
            message = LIMIT_MESSAGE % {"emergency": emergency}
        elif code == 413:
            message = TOO_LARGE % {"limit": current_app.config["MAX_CONTENT_LENGTH"] // 1024}
    headers = error.get_headers() if code in (405, 429) else []
    allow = [(k, v) for k, v in headers if k in ("Allow", "Retry-After")]
    return render_template("errors/error.html", title=title, message=message, code=code), code, allow


def show_database_unavailable(_error: DBAPIError):
    """The database did not answer (down, or locked past its timeout): 503, never a traceback."""
    from screening.extensions import db

    db.session.rollback()
    page, code, _allow = show_error(ServiceUnavailable())
    return page, code, {"Retry-After": "30"}


def init_app(app: Flask) -> None:
    """Tie the CSRF token to the session (no one-hour expiry), add headers and the error pages."""
    # A patient may pause for more than an hour on a step; the token lives as long as the session.
    app.config["WTF_CSRF_TIME_LIMIT"] = None
    app.session_interface = HttpsAwareSessionInterface()
    request_checks.init_app(app)
    app.after_request(add_security_headers)
    app.register_error_handler(HTTPException, show_error)
    # Also reached for any unhandled exception outside debug mode: the traceback goes to the log only.
    app.register_error_handler(InternalServerError, show_error)
    app.register_error_handler(DBAPIError, show_database_unavailable)
