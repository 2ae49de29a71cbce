"""The dashboard's coverage over time: a line chart drawn on the server, its table and downloads.

The ``market`` fixture (tests/e2e/conftest.py) opens a supermarket on 2024-01-01 and lists and
stocks two certified products today, so the supermarket counts from today only.
"""

import csv
import io
import re
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from marketplace.clock import today
from projections.queries.coverage_series import month_end_days
from tests.e2e.conftest import API
from web.pages.charts import LinePoint, share_line

PASSWORD = "a long password"


@pytest.fixture
def officer(app, client, market):
    """An officer signed in to the pages."""
    app.extensions["ocop"].register_user("hoa", "officer", PASSWORD)
    page = client.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    client.post("/sign-in", data={"csrf_token": token, "username": "hoa", "password": PASSWORD})
    return market


def table_rows(page: str) -> list[list[str]]:
    """The cells of the coverage-over-time table, row by row (the header row left out)."""
    table = page.split('id="coverage-over-time"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL)[1:]
    return [re.findall(r"<td>(.*?)</td>", row, re.DOTALL) for row in rows]


def test_the_series_is_the_end_of_each_of_the_last_twelve_months_and_the_chosen_day():
    days = month_end_days(date(2025, 6, 15))
    assert days[0] == date(2024, 6, 30) and days[-2] == date(2025, 5, 31)
    assert days[-1] == date(2025, 6, 15) and len(days) == 13
    assert date(2024, 2, 29) in month_end_days(date(2024, 3, 1))


def test_the_series_stops_at_the_first_month_of_the_calendar():
    assert month_end_days(date(1, 3, 2)) == [date(1, 1, 31), date(1, 2, 28), date(1, 3, 2)]


def test_the_line_chart_has_a_point_per_day_labelled_dd_mm_yyyy(client, officer):
    page = client.get(f"/dashboard?as_of={today().isoformat()}").get_data(as_text=True)
    chart = page.split('class="chart line"', 1)[1].split("</svg>", 1)[0]
    for day in month_end_days(today()):
        assert day.strftime("%d/%m/%Y") in chart
    assert "100%" in chart and "0%" in chart  # the percent axis
    last = chart.rsplit("<circle", 1)[1]
    assert f"{today():%d/%m/%Y}: 100.0% (1/1)" in last  # the supermarket counts from today


def test_each_point_agrees_with_the_coverage_api_for_its_day(client, officer):
    page = client.get("/dashboard").get_data(as_text=True)
    rows = table_rows(page)
    assert len(rows) == 13
    for day, row in zip(month_end_days(today()), rows, strict=True):
        answer = client.get(f"{API}/coverage?as_of={day}", headers=officer.admin).get_json()
        assert row[0] == day.strftime("%d/%m/%Y")
        assert [int(row[1]), int(row[2])] == [answer["total"], answer["selling"]]
        expected = "—" if answer["ratio"] is None else f"{answer['ratio'] * 100:.1f}%"
        assert row[3] == expected


def test_days_before_any_supermarket_opened_have_no_ratio_and_no_point(client, officer):
    page = client.get("/dashboard?as_of=2024-06-15").get_data(as_text=True)
    rows = table_rows(page)
    assert [r[3] for r in rows[:7]] == ["—"] * 7  # 30/06/2023 … 31/12/2023: nothing open
    assert [r[3] for r in rows[7:]] == ["0.0%"] * 6  # open from 01/01/2024, nothing listed
    chart = page.split('class="chart line"', 1)[1].split("</svg>", 1)[0]
    assert chart.count("<circle") == 6 and chart.count("<polyline") == 1


def test_the_chart_speaks_english_when_the_page_does(client, officer):
    page = client.get("/dashboard?as_of=2024-06-15&lang=en").get_data(as_text=True)
    chart = page.split('class="chart line"', 1)[1].split("</svg>", 1)[0]
    assert "Coverage over time" in chart and "31 Jan 2024: 0.0% (0/1)" in chart
    assert "Over time" in page and "Selling OCOP products" in page


def test_a_gap_in_the_readings_breaks_the_line():
    points = [
        LinePoint("a", 0.5, "a"),
        LinePoint("b", 0.25, "b"),
        LinePoint("c", None, "c"),
        LinePoint("d", 1.0, "d"),
        LinePoint("e", 0.75, "e"),
    ]
    svg = str(share_line(points, "coverage <over> time"))
    assert svg.count("<polyline") == 2 and svg.count("<circle") == 4
    assert "coverage &lt;over&gt; time" in svg  # labels are escaped


def test_coverage_over_time_downloads_as_csv_with_one_row_a_day(client, officer):
    response = client.get("/dashboard/coverage-over-time.csv?as_of=2024-06-15")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["Ngày", "Số điểm bán", "Có bán sản phẩm OCOP", "Tỷ lệ (%)"]
    assert [r[0] for r in rows[1:]] == [d.isoformat() for d in month_end_days(date(2024, 6, 15))]
    assert rows[1][1:] == ["0", "0", ""] and rows[-1][1:] == ["1", "0", "0.0"]


def test_coverage_over_time_downloads_as_excel_with_real_dates(client, officer):
    response = client.get(f"/dashboard/coverage-over-time.xlsx?as_of={today().isoformat()}")
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 14 and isinstance(rows[1][0], datetime)
    assert rows[-1][1:] == (1, 1, 100)


@pytest.mark.parametrize(
    "as_of", ["2025-02-30", "yesterday", "2025-6-1x", "0001-01-15", "9999-12-31"]
)
def test_a_bad_day_on_the_download_is_a_400_not_a_500(client, officer, as_of):
    assert client.get(f"/dashboard/coverage-over-time.csv?as_of={as_of}").status_code == 400


@pytest.mark.parametrize("as_of", ["1900-01-01", "2199-12-31"])
def test_the_first_and_last_days_of_the_calendar_still_draw_the_page(client, officer, as_of):
    assert client.get(f"/dashboard?as_of={as_of}").status_code == 200
    assert client.get(f"/dashboard/coverage-over-time.csv?as_of={as_of}").status_code == 200


@pytest.mark.parametrize("as_of", ["2025-02-30", "0001-01-15", "9999-12-31"])
def test_a_bad_day_on_the_dashboard_is_said_and_the_chart_ends_today(client, officer, as_of):
    page = client.get(f"/dashboard?as_of={as_of}").get_data(as_text=True)
    assert "Ngày không hợp lệ" in page
    assert table_rows(page)[-1][0] == today().strftime("%d/%m/%Y")


def test_plan_targets_read_in_the_page_language_with_shares_in_percent(client, officer):
    vietnamese = client.get("/dashboard?as_of=2025-03-01").get_data(as_text=True)
    english = client.get("/dashboard?as_of=2025-03-01&lang=en").get_data(as_text=True)
    assert "T8 · Chủ thể là tổ hợp tác, hợp tác xã hoặc doanh nghiệp" in vietnamese
    assert "T8 · Producers that are cooperative groups, cooperatives or enterprises" in english
    assert "<td>100%</td>" in english  # T1's goal of 1.0 reads as a percent
