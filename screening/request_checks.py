"""Requests refused before any view runs, with a 400 naming the field: NUL bytes and unexpected files."""

from flask import Flask, request
from werkzeug.exceptions import BadRequest

# Big enough for the longest legitimate post (every answer at its limit is about 3 KB) many times over.
DEFAULT_MAX_CONTENT_LENGTH = 64 * 1024


class RefusedInput(BadRequest):
    """A request refused because of one named field; the page says which and what is allowed."""


def refuse_malformed_input() -> None:
    """No form in this service takes a file, and no field may hold a NUL byte (PostgreSQL refuses it)."""
    for name in request.files:
        raise RefusedInput(f"“{name[:40]}” was sent as a file. This service takes no files: type the answer.")
    for source in (request.args, request.form):
        for name, value in source.items(multi=True):
            if "\x00" in name or "\x00" in value:
                raise RefusedInput(
                    f"“{name[:40].strip(chr(0))}” contains a NUL character, which is not allowed."
                )


def init_app(app: Flask) -> None:
    """Cap the request size (MAX_CONTENT_LENGTH) and refuse malformed input before the views."""
    if app.config.get("MAX_CONTENT_LENGTH") is None:
        app.config["MAX_CONTENT_LENGTH"] = DEFAULT_MAX_CONTENT_LENGTH
    # First of all, before the CSRF check reads the form: a refused request is named as such.
    app.before_request_funcs.setdefault(None, []).insert(0, refuse_malformed_input)
