"""The auditors' pages: the event log, one record's history, a record "as of" a version or a
day, and the chain verification. The answers are the API's (web/api/audit, products, outlets):
the same application methods, shown as pages."""

import json
import re
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from flask import abort, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from domain.text import matches
from domain.values import EARLIEST_DAY, LATEST_DAY
from marketplace.access import SYSTEM
from marketplace.clock import VIETNAM, start_of_day, today
from marketplace.errors import InvalidRequest, NotFound
from marketplace.reference import AGGREGATE_CLASSES
from web.application import marketplace
from web.pages.blueprint import bp
from web.pages.event_types import RECORD_KINDS, event_label, known_kind, picker
from web.pages.i18n import day
from web.pages.nav import nav_link
from web.pages.refusals import refusal_text
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


LOG_PAGE = 50
"""Events on one page of the log."""


@bp.get("/audit")
@auditors_only
def audit_log():
    """The event log newest first, filtered by kind of record, kind of event, who recorded it
    and days; read on to older events with ?before= (pages stay put while events arrive)."""
    raw = {key: request.args.get(key, "").strip() for key in LOG_FILTERS}
    errors: dict[str, str] = {}
    chosen = _log_filters(raw, errors)
    log = {"items": [], "next_before": None}
    if not errors:
        try:
            log = marketplace().event_log(limit=LOG_PAGE, newest_first=True, **chosen)
        except InvalidRequest as refused:  # a username that no user has
            errors["user"] = refusal_text(refused)
    return _log_page(log, raw, errors=errors)


LOG_FILTERS = ("aggregate_type", "type", "user", "from", "to", "before", "after")


def _log_filters(raw: dict[str, str], errors: dict[str, str]) -> dict[str, Any]:
    """The log's filters as the application takes them; each one given badly is said in
    ``errors`` beside its field (and nothing is read)."""
    chosen: dict[str, Any] = {"aggregate_type": raw["aggregate_type"] or None}
    if chosen["aggregate_type"] and chosen["aggregate_type"] not in AGGREGATE_TYPES:
        errors["aggregate_type"] = _("Loại bản ghi không có")
    chosen["type"] = raw["type"] or None
    if chosen["type"] and not known_kind(chosen["type"]):
        errors["type"] = _("Loại sự kiện không có")
    chosen |= _who(raw["user"], errors)
    for key, name in (("from", "first_day"), ("to", "last_day")):
        chosen[name] = None
        if raw[key]:
            chosen[name] = read_day(raw[key])
            if chosen[name] is None:
                errors[key] = _("Ngày không hợp lệ: hãy viết %(example)s", example=day(today()))
    if chosen["first_day"] and chosen["last_day"] and chosen["first_day"] > chosen["last_day"]:
        errors["to"] = _("Ngày kết thúc phải từ ngày bắt đầu trở đi")
    for key in ("before", "after"):
        chosen[key] = _whole(raw[key])
        if chosen[key] is None:
            errors[key] = _("Phải là số nguyên từ 0 trở lên")
    chosen["before"] = chosen["before"] or None
    return chosen


def _who(typed: str, errors: dict[str, str]) -> dict[str, str | None]:
    """A user filter: a username as written (case ignored), else part of usernames by the
    search rule (accents ignored), a user id, or "system"; a text no user's name holds is
    "no such user", said beside the field."""
    if not typed:
        return {"user": None, "actor": None}
    usernames = [account["username"] for account in marketplace().accounts()]
    if typed.lower() in (name.lower() for name in usernames):
        return {"user": None, "actor": typed}
    if _is_uuid(typed) or any(matches(typed, name) for name in [*usernames, SYSTEM.username]):
        return {"user": typed, "actor": None}
    errors["user"] = refusal_text(InvalidRequest.because("no_such_user", "user", username=typed))
    return {"user": None, "actor": None}


def _is_uuid(text: str) -> bool:
    try:
        UUID(text)
    except ValueError:
        return False
    return True


DAY_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d %b %Y", "%d %B %Y")
"""A day as the date picker sends it, as Vietnamese writes it (31/12/2025), or as the English
pages write it (31 Dec 2025)."""


def read_day(text: str) -> date | None:
    """A day in the programme's calendar written in one of DAY_FORMATS, else None."""
    for form in DAY_FORMATS:
        try:
            written = datetime.strptime(" ".join(text.split()), form).date()
        except ValueError:
            continue
        return written if EARLIEST_DAY <= written <= LATEST_DAY else None
    return None


@bp.post("/audit/verify")
@auditors_only
def audit_verify():
    """Recompute the whole chain and show the result."""
    from marketplace.audit import verify

    result = verify(marketplace().recorder).as_dict()
    log = marketplace().event_log(limit=LOG_PAGE, newest_first=True)
    return _log_page(log, dict.fromkeys(LOG_FILTERS, ""), result)


def _log_page(log: dict, raw: dict, verification=None, errors=None) -> str:
    names = marketplace().usernames(item["user"] for item in log["items"])
    return render_template(
        "audit.html",
        log=log,
        raw=raw,
        filters={k: v for k, v in raw.items() if v and k != "before"},
        verification=verification,
        errors=errors or {},
        aggregate_types=[(kind, str(RECORD_KINDS[kind])) for kind in AGGREGATE_TYPES],
        picker=picker(),
        usernames=names,
        all_usernames=[account["username"] for account in marketplace().accounts()],
        event_label=event_label,
        day_example=day(today()),
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
        names=_names_then(kind, aggregate_id, chosen, state) if state else {},
        kind=kind,
        aggregate_type=KINDS[kind],
        aggregate_id=aggregate_id,
        chosen=chosen,
        raw=request.args,
        errors=errors,
        state=state,
        status_text=lambda status: str(CERTIFICATE_STATUSES.get(status, status)),
    ), status


def _names_then(kind: str, aggregate_id: UUID, chosen: dict, state: dict) -> dict[str, str]:
    """The names of the producer and products a state names, as recorded by the end of the
    chosen day, or by the time the chosen version was recorded, or now."""
    moment = None
    if chosen["as_of_version"]:
        recorded = marketplace().recorded_at(aggregate_id, state["version"])
        moment = recorded + timedelta(microseconds=1) if recorded else None
    elif chosen["as_of"]:
        moment = start_of_day(chosen["as_of"] + timedelta(days=1))
    if kind == "products":
        ids = [state["producer_id"]]
    elif kind == "outlets":
        ids = [x["product_id"] for x in [*state["listings"], *state["stock"]]]
    else:
        ids = []
    return marketplace().names_as_of(ids, moment)


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
