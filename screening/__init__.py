"""The spine-screen web app: create_app builds it from defaults, environment and test config."""

from pathlib import Path
from typing import TYPE_CHECKING

from screening.settings import ConfigError

if TYPE_CHECKING:
    from flask import Flask

ROOT = Path(__file__).resolve().parent.parent
__all__ = ["ROOT", "ConfigError", "create_app"]


def create_app(test_config: dict | None = None) -> "Flask":
    """Build the app: defaults, then environment, then test config, then extensions and blueprints."""
    # Imported here so that `screening evaluate` and `screening pdf` start without loading Flask.
    from flask import Flask

    from screening import settings

    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(settings.defaults(app.instance_path))
    if test_config is not None:
        app.config.update(test_config)
    settings.check(app.config, debug=app.debug)
    if app.config["PROXY_COUNT"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    from screening.extensions import csrf, db

    db.init_app(app)
    csrf.init_app(app)

    from screening import database, fhir, health, i18n, patient, security, staff

    i18n.init_app(app)
    database.init_app(app)
    app.register_blueprint(health.bp)
    fhir.init_app(app)
    security.init_app(app)
    patient.init_app(app)
    staff.init_app(app)
    return app
