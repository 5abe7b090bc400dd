"""`screening serve`: the app under gunicorn, with N worker processes sharing one database."""

import socket
import struct

from gunicorn.app.base import BaseApplication

# A client that sends nothing for this long while a worker thread reads its request (or ignores the
# answer) is dropped, so a stalled or half-open client cannot hold a thread for ever (issue 13.2).
# It bounds each wait, not the whole request: a client trickling bytes is nginx's job, in front.
CLIENT_IDLE_SECONDS = 10


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


def _when_ready(server) -> None:
    # Set on the listening sockets, these kernel timeouts are inherited by every accepted connection
    # and survive gunicorn's setblocking(True); a read or write past them fails and the connection
    # closes (werkzeug answers a stalled body with 400). Python's own socket timeouts would not.
    timeout = struct.pack("ll", CLIENT_IDLE_SECONDS, 0)
    for listener in server.LISTENERS:
        for option in (socket.SO_RCVTIMEO, socket.SO_SNDTIMEO):
            listener.sock.setsockopt(socket.SOL_SOCKET, option, timeout)


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
            # A worker whose main loop stops answering for this long is replaced.
            "timeout": 60,
            # Idle kept-alive connections close after 5 s (nginx drops its idle ones to us after 4 s);
            # on stop or reload, requests in flight get 30 s to finish.
            "keepalive": 5,
            "graceful_timeout": 30,
            # Request line, header count and header size: our URLs and cookies are short.
            "limit_request_line": 4094,
            "limit_request_fields": 50,
            "limit_request_field_size": 8190,
            "when_ready": _when_ready,
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
