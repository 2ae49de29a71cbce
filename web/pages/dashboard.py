"""The coverage dashboard: the metric today or on a day, by district, the outlets not counted, the plan targets, and their downloads."""

from flask import (
    abort,
    flash,
    render_template,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from marketplace.clock import today
from projections.queries.coverage import coverage
from projections.queries.targets import targets
from web.pages.blueprint import bp, date_arg
from web.pages.charts import coverage_bars
from web.pages.downloads import table_download
from web.pages.i18n import reason_text
from web.pages.nav import nav_link
from web.pages.session import page
from web.read import ask

PLAN_PROVINCE = "Hà Nội"
"""The province whose plan targets the dashboard shows."""

nav_link(10, _l("Tổng quan"), "pages.dashboard")


@bp.get("/dashboard")
@page()
def dashboard():
    """Coverage today or on a chosen day, by district, and the outlets not counted."""
    try:
        day = date_arg("as_of") or today()
    except ValueError:
        flash(_("Ngày không hợp lệ"), "error")
        day = today()
    answer = ask(coverage, day, by="district")
    plan = ask(targets, PLAN_PROVINCE, day.year, day)
    return render_template(
        "dashboard.html",
        coverage=answer,
        chart=coverage_bars(answer["groups"]),
        as_of=day,
        plan=plan,
    )


@bp.get("/dashboard/<any('not-counted', targets):table>.<any(csv, xlsx):fmt>")
@page()
def dashboard_download(table: str, fmt: str):
    """Download a dashboard table as CSV or Excel."""
    try:
        day = date_arg("as_of") or today()
    except ValueError:
        abort(400)
    if table == "not-counted":
        rows = [
            [r["name"], r["district"] or "", r["commune"], reason_text(r["reason"])]
            for r in ask(coverage, day)["not_selling"]
        ]
        header = [_("Điểm bán"), _("Quận, huyện"), _("Xã, phường"), _("Lý do")]
    else:
        answer = ask(targets, PLAN_PROVINCE, day.year, day)
        rows = [
            [t["id"], t["title"], _plain(t["value"]), _plain(t["target"]), t["status"]]
            for t in answer["targets"]
        ]
        header = [_("Mục tiêu"), _("Nội dung"), _("Kết quả"), _("Chỉ tiêu"), _("Trạng thái")]
    return table_download(f"{table}-{day.isoformat()}", fmt, header, rows)


def _plain(value):
    return "" if value is None else value
