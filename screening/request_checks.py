"""Requests refused before any view runs, with a 400 naming the field: NUL bytes and unexpected files."""

from flask import Flask, request
from flask_babel import gettext
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge


class RefusedInput(BadRequest):
    """A request refused because of one named field; the page says which and what is allowed."""


def refuse_malformed_input() -> None:
    """No form in this service takes a file, and no field may hold a NUL byte (PostgreSQL refuses it)."""
    for name in request.files:
        message = gettext("“%(name)s” was sent as a file. This service takes no files: type the answer.")
        raise RefusedInput(message % {"name": name[:40]})
    for source in (request.args, request.form):
        for name, value in source.items(multi=True):
            if "\x00" in name or "\x00" in value:
                message = gettext("“%(name)s” contains a NUL character, which is not allowed.")
                raise RefusedInput(message % {"name": name[:40].strip(chr(0))})


def show_too_large():
    """The 413 page for a body nginx refused before it reached the app (deploy/nginx.conf's error_page)."""
    raise RequestEntityTooLarge()


def init_app(app: Flask) -> None:
    """Refuse malformed input before the views; requests over MAX_CONTENT_LENGTH get a 413 page."""
    app.add_url_rule("/request-too-large", "request_too_large", show_too_large)
    # First of all, before the CSRF check reads the form: a refused request is named as such.
    app.before_request_funcs.setdefault(None, []).insert(0, refuse_malformed_input)
