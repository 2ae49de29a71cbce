"""Reads from the projections: refresh them (inline mode) and say how stale the answer is.

``X-Projection-Lag`` is how many events the slowest view the request read is behind the log
(``unknown`` if the positions could not be read); ``X-Projection-Stopped`` names the views it
read that are stopped on an event, or held back by one they read, as ``view@position`` (the
answer is as of that event), e.g. ``shelves@1233, coverage_status@1233``; a view being rebuilt
after an upgrade is named the same way. The pages show the same state as a notice (base.html).

Positions, so that a client can read its own writes from a replica: a write that recorded
answers ``X-OCOP-Position: N`` (its last event's position in the log); every read answers
``X-OCOP-Read-Position: M``, the position of the slowest view it read on the database that
answered (every event up to M is in the answer). A read sent with ``X-OCOP-Min-Position: N``
is answered at once all the same (it never waits, never goes to the primary), with
``X-OCOP-Stale: true`` if M < N (or the positions could not be read): the write is not in it
yet, ask again shortly. Read on a streaming replica (``OCOP_READ_DATABASE_URL``), a read also
answers ``X-OCOP-Replica-Lag``: the seconds the replica's replay is behind (0: it has replayed
all it received).
"""

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, Response, g, request

from marketplace.errors import InvalidRequest
from projections.tracking import ReadSideState
from web.api.common import MAX_SQL_INTEGER
from web.application import read_models

T = TypeVar("T")
LAG_HEADER = "X-Projection-Lag"
STOPPED_HEADER = "X-Projection-Stopped"
POSITION_HEADER = "X-OCOP-Position"
READ_POSITION_HEADER = "X-OCOP-Read-Position"
MIN_POSITION_HEADER = "X-OCOP-Min-Position"
STALE_HEADER = "X-OCOP-Stale"
REPLICA_LAG_HEADER = "X-OCOP-Replica-Lag"


def ask(query: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Answer from the read models; the response says how stale the views it read are."""
    if "min_position" not in g:
        g.min_position = _min_position()
    models = read_models()
    g.read_state = models.prepare_read()
    value, used = models.answer(query, *args, **kwargs)
    g.views_read = g.get("views_read", set()) | used
    return value


def _min_position() -> int | None:
    """The position the client asks the answer to include (X-OCOP-Min-Position), if any."""
    given = request.headers.get(MIN_POSITION_HEADER)
    if given is None:
        return None
    if not (given.isascii() and given.isdigit()):
        raise InvalidRequest.because("whole_not_negative", MIN_POSITION_HEADER)
    if len(given) > len(str(MAX_SQL_INTEGER)) or int(given) > MAX_SQL_INTEGER:
        raise InvalidRequest.because("at_most", MIN_POSITION_HEADER, maximum=MAX_SQL_INTEGER)
    return int(given)


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
        if "written_position" in g and response.status_code < 400:
            response.headers[POSITION_HEADER] = str(g.written_position)
        if "read_state" not in g:
            return response
        state = g.read_state
        if state is None:
            response.headers[LAG_HEADER] = "unknown"
            if g.get("min_position") is not None:
                response.headers[STALE_HEADER] = "true"
            return response
        used = g.get("views_read") or None
        response.headers[LAG_HEADER] = str(state.lag(used))
        stopped = state.not_running(used)
        if stopped:
            response.headers[STOPPED_HEADER] = ", ".join(f"{n}@{p}" for n, p in stopped)
        _position_headers(response, state, used)
        return response


def _position_headers(response: Response, state: ReadSideState, used: set[str] | None) -> None:
    position = state.position(used)
    response.headers[READ_POSITION_HEADER] = str(position)
    wanted = g.get("min_position")
    if wanted is not None and position < wanted:
        response.headers[STALE_HEADER] = "true"
    if state.replica_delay is not None:
        response.headers[REPLICA_LAG_HEADER] = f"{state.replica_delay:.1f}"
