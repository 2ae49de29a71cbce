"""Reads from the projections: refresh them (inline mode) and say how stale the answer is.

``X-Projection-Lag`` is how many events the slowest view the request read is behind the log
(``unknown`` if the positions could not be read); ``X-Projection-Stopped`` names the views it
read that are stopped on an event, or held back by one they read, as ``view@position`` (the
answer is as of that event), e.g. ``shelves@1233, coverage_status@1233``; a view being rebuilt
after an upgrade is named the same way. The pages show the same state as a notice (base.html).
"""

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, Response, g

from web.application import read_models

T = TypeVar("T")
LAG_HEADER = "X-Projection-Lag"
STOPPED_HEADER = "X-Projection-Stopped"


def ask(query: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Answer from the read models; the response says how stale the views it read are."""
    models = read_models()
    g.read_state = models.prepare_read()
    value, used = models.answer(query, *args, **kwargs)
    g.views_read = g.get("views_read", set()) | used
    return value


def staleness_notice() -> str | None:
    """What a page says when the views it read may be out of date, in its language (None: they
    are not): stopped, held or being rebuilt; behind the log; or in an unknown state."""
    from flask_babel import gettext as _

    if "read_state" not in g:
        return None
    state = g.read_state
    if state is None:
        return _("Số liệu có thể chưa cập nhật (không đọc được tình trạng cập nhật)")
    used = g.get("views_read") or None
    if state.not_running(used):
        return _("Số liệu có thể chưa cập nhật (đang cập nhật lại)")
    if state.lag(used):
        return _("Số liệu có thể chưa cập nhật (một số sự kiện mới chưa được tính)")
    return None


def register_lag_header(app: Flask) -> None:
    """Mark every read's response with its staleness; give the pages ``staleness_notice``."""
    app.jinja_env.globals["staleness_notice"] = staleness_notice

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
