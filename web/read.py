"""Reads from the projections: refresh them (inline mode) and say how stale the answer is.

``X-Projection-Lag`` is how many events the slowest view the request read is behind the log
(``unknown`` if the positions could not be read); ``X-Projection-Stopped`` names the views it
read that are stopped on an event, or held back by one they read, as ``view@position`` (the
answer is as of that event), e.g. ``shelves@1233, coverage_status@1233``.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, Response, current_app, g

T = TypeVar("T")
LAG_HEADER = "X-Projection-Lag"
STOPPED_HEADER = "X-Projection-Stopped"


def ask(query: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Answer from the read models; the response says how stale the views it read are."""
    read_models = current_app.extensions["ocop_read"]
    g.read_state = read_models.prepare_read()
    value, used = read_models.answer(query, *args, **kwargs)
    g.views_read = g.get("views_read", set()) | used
    return value


def register_lag_header(app: Flask) -> None:
    @app.after_request
    def add_lag(response: Response) -> Response:
        if "read_state" not in g:
            return response
        state = g.read_state
        if state is None:
            response.headers[LAG_HEADER] = "unknown"
            return response
        used = g.get("views_read") or None
        response.headers[LAG_HEADER] = str(state.lag(used))
        stopped = state.not_running(used)
        if stopped:
            response.headers[STOPPED_HEADER] = ", ".join(f"{n}@{p}" for n, p in stopped)
        return response
