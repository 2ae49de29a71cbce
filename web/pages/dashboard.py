"""The coverage dashboard: the metric today or on a day, by district (each named with its
province) and over the past year, the outlets not counted, the plan targets, and their
downloads."""

from datetime import date

from flask import (
    abort,
    flash,
    render_template,
    request,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from marketplace.clock import today
from projections.queries.coverage import coverage
from projections.queries.coverage_series import coverage_series, month_end_days
from projections.queries.plans import load_plans
from projections.queries.targets import targets
from web.pages.blueprint import bp, date_arg
from web.pages.charts import LinePoint, coverage_bars, share_line
from web.pages.downloads import table_download
from web.pages.i18n import day as day_text
from web.pages.i18n import number, percent, reason_text, status_text, target_title
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
    years = plan_years()
    year = plan_year(day, years)
    plan = ask(targets, PLAN_PROVINCE, year, day)
    series = ask(coverage_series, month_end_days(day))
    return render_template(
        "dashboard.html",
        coverage=answer,
        chart=coverage_bars(_labelled(answer["groups"])),
        series=series,
        line_chart=share_line(
            [_reading(point) for point in series], _("Tỷ lệ bao phủ theo thời gian")
        ),
        as_of=day,
        plan=plan,
        years=years,
    )


def plan_years() -> list[int]:
    """The years the province's plan sets targets for, latest first."""
    plan = load_plans().get(PLAN_PROVINCE)
    return sorted(plan.target_years(), reverse=True) if plan else []


def plan_year(day: date, years: list[int]) -> int:
    """The plan year asked for (?year=, one of the plan's), else the latest plan year up to
    ``day``'s that has targets: once a plan has ended, today's year has none."""
    asked = request.args.get("year", "")
    if asked.isdigit() and int(asked) in years:
        return int(asked)
    return next((year for year in years if year <= day.year), day.year)


def _labelled(groups: list[dict]) -> list[dict]:
    """The districts' bars labelled "province / district", in the page's language where
    the place recorded no district (after the 2025 reform)."""
    unknown = _("(không rõ)")
    return [g if g["district"] else {**g, "key": f"{g['province']} / {unknown}"} for g in groups]


def _reading(point: dict) -> LinePoint:
    """A point of the coverage line, labelled with its day in the page's language."""
    label = day_text(point["day"])
    if point["ratio"] is None:
        title = _("%(day)s: không có điểm bán nào mở cửa", day=label)
    else:
        title = _(
            "%(day)s: %(percent)s (%(selling)s/%(total)s)",
            day=label,
            percent=percent(point["ratio"]),
            selling=number(point["selling"]),
            total=number(point["total"]),
        )
    return LinePoint(label, point["ratio"], title)


@bp.get("/dashboard/<any('not-counted', targets, 'coverage-over-time'):table>.<any(csv, xlsx):fmt>")
@page()
def dashboard_download(table: str, fmt: str):
    """Download a dashboard table as CSV or Excel."""
    try:
        day = date_arg("as_of") or today()
    except ValueError:
        abort(400)
    header, rows = TABLES[table](day)
    return table_download(f"{table}-{day.isoformat()}", fmt, header, rows)


def _not_counted_table(day) -> tuple[list, list]:
    """Each outlet not counted, with its whole place: a district name alone is ambiguous."""
    rows = [
        [r["name"], r["province"], r["district"] or "", r["commune"], reason_text(r["reason"])]
        for r in ask(coverage, day)["not_selling"]
    ]
    header = [_("Điểm bán"), _("Tỉnh, thành phố"), _("Quận, huyện"), _("Xã, phường"), _("Lý do")]
    return header, rows


def _targets_table(day) -> tuple[list, list]:
    answer = ask(targets, PLAN_PROVINCE, plan_year(day, plan_years()), day)
    rows = [
        [
            t["id"],
            target_title(t),
            _plain(t["value"]),
            _plain(t["target"]),
            status_text(t["status"]),
        ]
        for t in answer["targets"]
    ]
    return [_("Mục tiêu"), _("Nội dung"), _("Kết quả"), _("Chỉ tiêu"), _("Trạng thái")], rows


def _over_time_table(day) -> tuple[list, list]:
    """One row a day: dates as dates (Excel reads them as such), the ratio in percent."""
    rows = [
        [p["day"], p["total"], p["selling"], _percent(p["ratio"])]
        for p in ask(coverage_series, month_end_days(day))
    ]
    header = [_("Ngày"), _("Số điểm bán"), _("Có bán sản phẩm OCOP"), _("Tỷ lệ (%)")]
    return header, rows


TABLES = {
    "not-counted": _not_counted_table,
    "targets": _targets_table,
    "coverage-over-time": _over_time_table,
}


def _percent(ratio: float | None):
    return "" if ratio is None else round(ratio * 100, 2)


def _plain(value):
    return "" if value is None else value
