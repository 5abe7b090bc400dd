"""`screening serve`: the app under gunicorn, with N worker processes sharing one database."""

from gunicorn.app.base import BaseApplication


class ScreeningServer(BaseApplication):
    """Gunicorn run from our own command, so production needs no separate config file."""

    def __init__(self, app, options: dict):
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.application


def _post_fork(_server, worker) -> None:
    # The master created the app (and set up the schema) before forking: connections it opened
    # must not be shared with the children, so each worker starts with an empty pool.
    from screening.extensions import db

    with worker.app.wsgi().app_context():
        db.engine.dispose(close=False)


def serve(*, bind: str, workers: int, threads: int) -> None:
    """Create the app once, set up its schema, then fork the workers and serve until stopped."""
    from screening import create_app

    # Created here, before forking: a bad setting stops the start with one clear message,
    # and the schema is set up once rather than raced by every worker.
    app = create_app()
    ScreeningServer(
        app,
        {
            "bind": bind,
            "workers": workers,
            "threads": threads,
            "worker_class": "gthread",
            "timeout": 60,
            # X-Forwarded-* are trusted only as PROXY_COUNT says, by the app's ProxyFix: gunicorn's
            # own default would believe any local client's X-Forwarded-Proto (issue 13.8).
            "forwarded_allow_ips": "",
            "preload_app": True,
            "post_fork": _post_fork,
            # A worker is replaced after this many requests, which bounds any slow growth in memory.
            "max_requests": 5000,
            "max_requests_jitter": 500,
            "accesslog": "-",
            # Path without the query string: a staff search for a name must not reach the log.
            "access_log_format": '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms',
        },
    ).run()
