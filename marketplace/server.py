"""Run the web app under gunicorn from the ``ocop serve`` command."""

from gunicorn.app.base import BaseApplication
from gunicorn.util import import_app


class _Server(BaseApplication):
    def __init__(self, options: dict) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        # The same WSGI entry point as production's `gunicorn wsgi:app`: the application
        # layer names the web app's module, it does not import the web package.
        return import_app("wsgi:app")


def serve(host: str, port: int, workers: int, threads: int) -> None:
    """Serve on host:port; blocks until stopped."""
    _Server(
        {"bind": f"{host}:{port}", "workers": workers, "threads": threads, "accesslog": "-"}
    ).run()
