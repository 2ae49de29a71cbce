"""One place that turns every refusal into the contract's JSON error and an HTTP status."""

import logging
from datetime import date
from typing import Any

from eventsourcing.persistence import InterfaceError as StoreInterfaceError
from eventsourcing.persistence import OperationalError as StoreOperationalError
from flask import Flask, current_app, jsonify, render_template, request
from sqlalchemy.exc import InterfaceError as ReadStoreInterfaceError
from sqlalchemy.exc import OperationalError as ReadStoreOperationalError
from werkzeug.exceptions import HTTPException

from domain.errors import DomainError, InsufficientStock, InvalidValue, RuleConflict
from marketplace.errors import (
    ApplicationError,
    AuthenticationFailed,
    ConcurrentUpdate,
    DatabaseUnreachable,
    GtinTaken,
    IdempotencyKeyReused,
    InvalidRequest,
    NotAllowed,
    NotFound,
    ReferenceNotFound,
    SignInBusy,
    SignInThrottled,
)
from projections.service import ViewsRebuilding

log = logging.getLogger(__name__)

# Most specific first: the first matching class decides the status and code.
STATUS_BY_ERROR: list[tuple[type[Exception], int, str]] = [
    (InsufficientStock, 409, "insufficient_stock"),
    (GtinTaken, 409, "gtin_taken"),
    (RuleConflict, 409, "conflict"),
    (InvalidValue, 422, "invalid_value"),
    (ReferenceNotFound, 422, "unknown_reference"),
    (NotFound, 404, "not_found"),
    (ConcurrentUpdate, 409, "concurrent_update"),
    (IdempotencyKeyReused, 422, "idempotency_key_reused"),
    (InvalidRequest, 422, "invalid_value"),
    (AuthenticationFailed, 401, "unauthorized"),
    (NotAllowed, 403, "forbidden"),
]
HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_failed",
    429: "too_many_requests",
}


BEARER_CHALLENGE = 'Bearer realm="ocop"'


class Forbidden(Exception):
    """The signed-in user's role or outlets do not allow this."""


def error_response(
    status: int, code: str, message: str, fields: dict[str, Any] | None = None, **more: Any
):
    """The contract's error body: {"error": {"code", "message", "fields"?}} (and ``more``)."""
    body: dict[str, Any] = {"code": code, "message": message, **more}
    if fields:
        body["fields"] = fields
    return jsonify({"error": body}), status


def _flatten(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """Turn marshmallow's nested messages into {"lines.0.qty": ["..."]}."""
    if isinstance(messages, dict):
        flat: dict[str, list[str]] = {}
        for key, value in messages.items():
            flat |= _flatten(value, f"{prefix}.{key}" if prefix else str(key))
        return flat
    return {
        prefix or "_schema": [
            str(m) for m in (messages if isinstance(messages, list) else [messages])
        ]
    }


def _handle_domain(error: DomainError | ApplicationError):
    for error_class, status, code in STATUS_BY_ERROR:
        if isinstance(error, error_class):
            fields = {error.field: [error.message]} if error.field else None
            reason = _reason(error)
            response, status = error_response(
                status, error.code or code, error.message, fields, **reason
            )
            if status == 401:  # HTTP requires the challenge a client should answer
                response.headers["WWW-Authenticate"] = BEARER_CHALLENGE
            return response, status
    raise error  # pragma: no cover


def _reason(refused: DomainError | ApplicationError) -> dict[str, Any]:
    """A refusal's reason and values, for clients that translate it (dates ISO, ids as text)."""
    if refused.reason is None:
        return {}
    params = {name: _json_value(value) for name, value in refused.params.items()}
    return {"reason": refused.reason, "params": params}


def _json_value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return value if isinstance(value, int | str | list) else str(value)


def _page_error(status: int):
    """People get a page, not JSON, outside the API."""
    from flask_babel import gettext as _

    titles = {
        400: _("Yêu cầu không hợp lệ"),
        403: _("Không có quyền"),
        404: _("Không tìm thấy"),
        405: _("Không được phép"),
        413: _("Nội dung quá lớn"),
    }
    messages = {
        400: _("Biểu mẫu đã hết hạn hoặc không hợp lệ; hãy thử lại."),
        403: _("Tài khoản của bạn không được xem trang này."),
        404: _("Trang hoặc bản ghi này không tồn tại."),
        405: "",
        413: _("Nội dung gửi lên vượt quá giới hạn cho phép."),
    }
    return render_template(
        "error.html",
        code=status,
        title=titles.get(status, str(status)),
        message=messages.get(status, ""),
    ), status


def _handle_http(error: HTTPException):
    status = error.code or 500
    if not request.path.startswith("/api") and status in (400, 403, 404, 405, 413):
        return _page_error(status)
    if status == 413:
        limit = current_app.config["MAX_CONTENT_LENGTH"]
        message = f"the request body is larger than the limit of {limit} bytes"
        return error_response(413, "payload_too_large", message)
    data = getattr(error, "data", None) or {}
    if "messages" in data:  # webargs/marshmallow validation
        fields: dict[str, list[str]] = {}
        for messages in data["messages"].values():
            fields |= _flatten(messages)
        if status == 400:
            return error_response(400, "bad_request", "the body is not valid JSON", fields)
        return error_response(status, "validation_failed", "the request is not valid", fields)
    message = data.get("message") or error.description or error.name
    response, status = error_response(status, HTTP_CODES.get(status, "error"), str(message))
    for name, value in error.get_headers():  # e.g. a 405's Allow, which HTTP requires
        if name.lower() != "content-type":
            response.headers[name] = value
    return response, status


def _handle_rebuilding(error: ViewsRebuilding):
    """A view built by an older version cannot answer yet: 503, naming it (never a 500)."""
    log.warning("read refused: %s", error)
    if not request.path.startswith("/api"):
        from flask_babel import gettext as _

        return render_template(
            "error.html",
            code=503,
            title=_("Đang cập nhật số liệu"),
            message=_(
                "Số liệu của trang này đang được dựng lại sau khi nâng cấp; hãy thử lại sau ít phút."
            ),
        ), 503
    message = f"the read model is being rebuilt after an upgrade: {', '.join(error.names)}"
    response, status = error_response(503, "view_rebuilding", message)
    response.headers["Retry-After"] = "30"
    return response, status


def _handle_unreachable(error: Exception):
    """The event store or the read models' database cannot be reached (or timed out): 503,
    nothing was recorded."""
    log.error("the database cannot be reached: %s", error)
    message = "the database cannot be reached; nothing was recorded, try again shortly"
    response, status = error_response(503, "database_unavailable", message)
    response.headers["Retry-After"] = "5"
    return response, status


def _handle_throttled(error: SignInThrottled):
    """Too many failed sign-ins: 429, saying when to try again."""
    response, status = error_response(429, "too_many_sign_ins", error.message, **_reason(error))
    response.headers["Retry-After"] = str(error.retry_after)
    return response, status


def _handle_busy(error: SignInBusy):
    """Every password slot of this worker stayed taken: 503, try again in a moment."""
    response, status = error_response(503, "sign_in_busy", error.message, **_reason(error))
    response.headers["Retry-After"] = "1"
    return response, status


def _handle_unexpected(error: Exception):
    log.exception("unhandled error", exc_info=error)
    return error_response(500, "internal_error", "an unexpected error occurred; it has been logged")


def register_error_handlers(app: Flask) -> None:
    """Install the handlers on the app."""
    app.register_error_handler(DomainError, _handle_domain)
    app.register_error_handler(ApplicationError, _handle_domain)
    app.register_error_handler(SignInThrottled, _handle_throttled)
    app.register_error_handler(SignInBusy, _handle_busy)
    app.register_error_handler(Forbidden, lambda e: error_response(403, "forbidden", str(e)))
    app.register_error_handler(HTTPException, _handle_http)
    app.register_error_handler(ViewsRebuilding, _handle_rebuilding)
    app.register_error_handler(StoreOperationalError, _handle_unreachable)
    app.register_error_handler(StoreInterfaceError, _handle_unreachable)
    app.register_error_handler(DatabaseUnreachable, _handle_unreachable)
    # The read models' engine (the store, or its replica): unreachable, or a query a hot
    # standby cancelled because replay needed its rows.
    app.register_error_handler(ReadStoreOperationalError, _handle_unreachable)
    app.register_error_handler(ReadStoreInterfaceError, _handle_unreachable)
    app.register_error_handler(Exception, _handle_unexpected)
