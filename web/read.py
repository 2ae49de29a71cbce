"""Reads from the projections: refresh them (inline mode) and say how stale the answer is."""

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, Response, current_app, g

T = TypeVar("T")
LAG_HEADER = "X-Projection-Lag"


def ask(query: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Answer from the read models; the response carries how many events they lag."""
    read_models = current_app.extensions["ocop_read"]
    g.projection_lag = read_models.refresh()
    return read_models.ask(query, *args, **kwargs)


def register_lag_header(app: Flask) -> None:
    @app.after_request
    def add_lag(response: Response) -> Response:
        lag = g.get("projection_lag")
        if lag is not None:
            response.headers[LAG_HEADER] = str(lag)
        return response
