"""The auditors' pages: the event log, one record's history, a record "as of" a version or a
day, and the chain verification. The answers are the API's (web/api/audit, products, outlets):
the same application methods, shown as pages."""

import json
import re
from datetime import date, datetime
from typing import Any
from uuid import UUID

from flask import abort, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from marketplace.clock import VIETNAM
from marketplace.errors import NotFound
from marketplace.reference import AGGREGATE_CLASSES
from web.application import marketplace
from web.pages.blueprint import bp
from web.pages.i18n import day
from web.pages.nav import nav_link
from web.pages.session import page

nav_link(90, _l("Nhật ký"), "pages.audit_log", lambda p: p.may_read_log)

AGGREGATE_TYPES = ("Producer", "Product", "Outlet", "User")
KINDS = {"producers": "Producer", "products": "Product", "outlets": "Outlet"}
"""The records that have an "as of" view, by their name in the address."""
PATHS = {name: path for path, name in KINDS.items()}
CERTIFICATE_STATUSES = {
    "valid": _l("Còn hiệu lực"),
    "expired": _l("Đã hết hạn"),
    "revoked": _l("Đã bị thu hồi"),
}
auditors_only = page(lambda p, _: p.may_read_log)


@bp.get("/audit")
@auditors_only
def audit_log():
    """The event log, filtered and paged, with a button to verify the chain."""
    filters = {key: request.args.get(key) or None for key in ("aggregate_type", "type", "user")}
    errors = {}
    if filters["aggregate_type"] and filters["aggregate_type"] not in AGGREGATE_TYPES:
        errors["aggregate_type"] = _("Loại bản ghi không có")
        filters["aggregate_type"] = None
    after = _whole(request.args.get("after", ""))
    if after is None:
        errors["after"] = _("Phải là số nguyên từ 0 trở lên")
    log = marketplace().event_log(after=after or 0, limit=50, **filters)
    return _log_page(log, filters, after or 0, errors=errors)


@bp.post("/audit/verify")
@auditors_only
def audit_verify():
    """Recompute the whole chain and show the result."""
    from marketplace.audit import verify

    result = verify(marketplace().recorder).as_dict()
    log = marketplace().event_log(after=0, limit=50)
    return _log_page(log, dict.fromkeys(("aggregate_type", "type", "user")), 0, result)


def _log_page(log: dict, filters: dict, after: int, verification=None, errors=None) -> str:
    return render_template(
        "audit.html",
        log=log,
        filters=filters,
        after=after,
        verification=verification,
        errors=errors or {},
        aggregate_types=AGGREGATE_TYPES,
        moment=moment,
    )


HISTORY_PAGE = 100
"""Events on one page of a record's history: a busy outlet has thousands."""


@bp.get("/audit/history/<uuid:aggregate_id>")
@auditors_only
def audit_history(aggregate_id: UUID):
    """Every event of one record, in version order, with what each one recorded."""
    after = max(request.args.get("after", type=int, default=0), 0)
    try:
        answer = marketplace().history(aggregate_id, object, after, HISTORY_PAGE)
    except NotFound:
        abort(404)
    history = answer["items"]
    if not history and after == 0:  # any kind is asked for, so an unknown id has no events
        abort(404)
    aggregate_type = answer["aggregate_type"]
    return render_template(
        "audit_history.html",
        aggregate_id=aggregate_id,
        aggregate_type=aggregate_type,
        path=PATHS.get(aggregate_type),
        events=history,
        latest=answer["version"],
        after=after,
        page_size=HISTORY_PAGE,
        moment=moment,
        field_text=field_text,
    )


@bp.get("/audit/<any(producers, products, outlets):kind>/<uuid:aggregate_id>/as-of")
@auditors_only
def audit_as_of(kind: str, aggregate_id: UUID):
    """A product, producer or outlet as recorded at a version or as it stood on a day."""
    try:
        marketplace().get(aggregate_id, AGGREGATE_CLASSES[KINDS[kind]])
    except NotFound:
        abort(404)
    chosen, errors = as_of_args()
    state, status = None, 200
    if not errors:
        try:
            state = STATES[kind](aggregate_id, chosen["as_of"], chosen["as_of_version"])
        except NotFound as missing:
            status = 404 if missing.field == "as_of_version" else 200
            errors |= _not_recorded(missing, aggregate_id, kind)
        except OverflowError:  # the day after 31/12/9999 cannot be written
            errors["as_of"] = _("Ngày không hợp lệ")
    return render_template(
        "audit_as_of.html",
        kind=kind,
        aggregate_type=KINDS[kind],
        aggregate_id=aggregate_id,
        chosen=chosen,
        raw=request.args,
        errors=errors,
        state=state,
        status_text=lambda status: str(CERTIFICATE_STATUSES.get(status, status)),
    ), status


def _not_recorded(missing: NotFound, aggregate_id: UUID, kind: str) -> dict[str, str]:
    """Why there is no state to show: a version beyond the latest, or a day before the first."""
    if missing.field == "as_of_version":
        latest = marketplace().get(aggregate_id, AGGREGATE_CLASSES[KINDS[kind]]).version
        return {"as_of_version": _("Phiên bản mới nhất là %(v)s.", v=latest)}
    return {"as_of": _("Đến hết ngày này bản ghi chưa được ghi vào nhật ký")}


def as_of_args() -> tuple[dict[str, Any], dict[str, str]]:
    """The chosen day (?as_of=yyyy-mm-dd) and version (?as_of_version=N), and for each one
    given badly an error in the page's language, shown beside its field."""
    chosen: dict[str, Any] = {"as_of": None, "as_of_version": None}
    errors = {}
    if raw_day := request.args.get("as_of", "").strip():
        try:
            chosen["as_of"] = date.fromisoformat(raw_day)
        except ValueError:
            errors["as_of"] = _("Ngày không hợp lệ")
    if raw_version := request.args.get("as_of_version", "").strip():
        chosen["as_of_version"] = _whole(raw_version)
        if not chosen["as_of_version"]:
            errors["as_of_version"] = _("Phải là số nguyên từ 1 trở lên")
    return chosen, errors


def _whole(text: str) -> int | None:
    """A whole number written in ASCII digits ("" is 0), else None."""
    text = text.strip()
    if not text:
        return 0
    return int(text) if re.fullmatch(r"[0-9]{1,18}", text) else None


def _product(aggregate_id: UUID, as_of: date | None, version: int | None) -> dict:
    return marketplace().product(aggregate_id, as_of, version)


def _outlet(aggregate_id: UUID, as_of: date | None, version: int | None) -> dict:
    return marketplace().outlet(aggregate_id, as_of, version)


def _producer(aggregate_id: UUID, as_of: date | None, version: int | None) -> dict:
    """A producer has no read of its own in the application: its recorded fields, as rebuilt."""
    producer = marketplace().get_as_of(aggregate_id, AGGREGATE_CLASSES["Producer"], as_of, version)
    return {
        "id": str(producer.id),
        "version": producer.version,
        "name": producer.name,
        "kind": producer.kind,
        "province": producer.place.province,
        "district": producer.place.district,
        "commune": producer.place.commune,
        "registration_no": producer.registration_no,
    }


STATES = {"products": _product, "outlets": _outlet, "producers": _producer}


def moment(timestamp: str) -> str:
    """A recording time in Vietnam time: the day as the page's language writes it, then the
    time to the second."""
    local = datetime.fromisoformat(timestamp).astimezone(VIETNAM)
    return f"{day(local.date())} {local:%H:%M:%S}"


ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}.*[+-]\d{2}:\d{2}")


def field_text(value: Any) -> str:
    """An event field as text: days and times as the page's language writes them, other plain
    values as they are, lists and objects as JSON (exactly what was recorded)."""
    if value is None:
        return "—"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    try:
        if isinstance(value, str) and ISO_DAY.fullmatch(value):
            return day(value)
        if isinstance(value, str) and ISO_MOMENT.fullmatch(value):
            return moment(value)
    except ValueError:  # a lot code or a note that only looks like a date
        pass
    return str(value)
