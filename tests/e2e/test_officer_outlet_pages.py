"""The officers' outlet pages, without a browser: the list of outlets leads to an outlet's page
and its correction form; a correction, a closing and a reopening are recorded once, with
post/redirect/get; the outlet's status, open periods and corrections show; the API's refusals
are said beside their field in Vietnamese and English, and record nothing."""

from datetime import date, datetime, timedelta
from uuid import UUID

import pytest

from domain.values import VIETNAM_TIME as ICT
from marketplace.clock import today
from tests.e2e import test_officer_pages as officer_pages
from tests.e2e.conftest import events_recorded
from tests.e2e.test_officer_pages import PASSWORD, errors_beside, sign_in, submit, text

market, officer = officer_pages.market, officer_pages.officer  # fixtures

TODAY = today().isoformat()
OPENED_ON = date(2024, 1, 1)


@pytest.fixture
def shops(market):
    """A supermarket in Cầu Giấy (opened before the reform) holding stock, and an OCOP point
    with none, so it can close."""
    opened = {"province": "Hà Nội", "commune": "Dịch Vọng", "district": "Cầu Giấy"}
    ids = {
        name: UUID(market.open_outlet(label, kind, opened_on=OPENED_ON, **opened)["id"])
        for name, label, kind in (
            ("winmart", "WinMart Cầu Giấy", "supermarket"),
            ("point", "Điểm OCOP Dịch Vọng", "ocop_point"),
        )
    }
    producer = market.register_producer("HTX Chè", "cooperative", "Hà Nội", "Bát Tràng")["id"]
    tea = UUID(market.register_product(UUID(producer), "Chè", "beverage", "hộp", 85_000)["id"])
    market.list_product(ids["winmart"], tea, date(2025, 2, 1))
    market.receive_stock(
        ids["winmart"], [{"product_id": tea, "qty": 3}], datetime(2025, 2, 1, 9, tzinfo=ICT)
    )
    return ids


def outlet_page(outlet_id) -> str:
    return f"/officers/outlets/{outlet_id}"


def edit_page(outlet_id) -> str:
    return f"/officers/outlets/{outlet_id}/edit"


def test_the_list_leads_to_each_outlets_page_and_correction_form(officer, shops):
    listed = text(officer.get("/officers/outlets?q=dich vong"))
    assert "Điểm OCOP Dịch Vọng" in listed and "WinMart" not in listed
    assert f'href="{outlet_page(shops["point"])}"' in listed
    assert f'href="{edit_page(shops["point"])}"' in listed
    page = text(officer.get(outlet_page(shops["point"])))
    assert "Đang mở cửa" in page and "01/01/2024" in page and "Chưa sửa lần nào." in page


def test_a_renamed_and_moved_outlet_is_recorded_once_and_shown_with_why(app, officer, shops):
    assert 'value="Dịch Vọng"' in text(officer.get(edit_page(shops["winmart"])))
    fields = {
        "name": "WinMart Gia Lâm",
        "province": "Hà Nội",
        "district": "",
        "commune": "Bát Tràng",
    }
    fields |= {"changed_on": TODAY, "reason": "Chuyển địa điểm"}
    answer, sent = submit(officer, edit_page(shops["winmart"]), "correction", **fields)
    assert answer.status_code == 302 and answer.headers["Location"] == outlet_page(shops["winmart"])
    before = events_recorded(app)
    officer.post(edit_page(shops["winmart"]), data=sent)  # the same form again
    assert events_recorded(app) == before
    page = text(officer.get(outlet_page(shops["winmart"])))
    assert "WinMart Gia Lâm" in page and "Bát Tràng, Hà Nội" in page
    assert "Chuyển địa điểm" in page and "officer" in page


def test_the_old_or_2025_names_of_the_place_recorded_are_nothing_to_change(app, officer, shops):
    before = events_recorded(app)
    for place in ({"district": "Cầu Giấy", "commune": "Dịch Vọng"}, {"commune": "Cầu Giấy"}):
        fields = {"name": "WinMart Cầu Giấy", "province": "Hà Nội", "district": "", **place}
        fields["changed_on"] = TODAY
        answer, _ = submit(officer, edit_page(shops["winmart"]), "correction", **fields)
        assert errors_beside(text(answer), "name") == [
            "Không có gì để sửa: mọi giá trị đều như đã ghi"
        ]
    assert events_recorded(app) == before


def test_an_unknown_commune_is_said_beside_it_with_suggestions_in_both_languages(
    app, officer, shops
):
    fields = {"name": "WinMart", "province": "Hà Nội", "district": "", "commune": "Bat Trangg"}
    fields["changed_on"] = TODAY
    before = events_recorded(app)
    answer, _ = submit(officer, edit_page(shops["winmart"]), "correction", **fields)
    said = errors_beside(text(answer), "commune")
    assert said[0].startswith("Không có đơn vị 'Bat Trangg' thuộc") and "Bát Tràng" in said[0]
    officer.get("/language/en")
    answer, _ = submit(officer, edit_page(shops["winmart"]), "correction", **fields)
    said = errors_beside(text(answer), "commune")
    assert said[0].startswith("No unit 'Bat Trangg' in") and "Bát Tràng" in said[0]
    assert events_recorded(app) == before


def test_a_correction_before_the_opening_is_refused_beside_the_day(officer, shops):
    fields = {"name": "WinMart mới", "province": "Hà Nội", "district": "Cầu Giấy"}
    fields |= {"commune": "Dịch Vọng", "changed_on": "2023-12-31"}
    answer, _ = submit(officer, edit_page(shops["winmart"]), "correction", **fields)
    said = errors_beside(text(answer), "changed_on")
    assert said[0].startswith("Không được trước ngày mở cửa"), said


def test_an_outlet_holding_stock_is_not_closed_and_says_why(app, officer, shops):
    before = events_recorded(app)
    url = outlet_page(shops["winmart"])
    answer, _ = submit(officer, url, "closure", "closure-", closed_on=TODAY)
    assert errors_beside(text(answer), "closure-closed_on")[0].startswith("Còn 3 đơn vị")
    officer.get("/language/en")
    answer, _ = submit(officer, url, "closure", "closure-", closed_on=TODAY)
    assert errors_beside(text(answer), "closure-closed_on")[0].startswith("3 units of")
    assert events_recorded(app) == before


def test_an_outlet_closed_then_reopened_shows_its_two_open_periods(app, officer, shops):
    url, closed = outlet_page(shops["point"]), (today() - timedelta(days=10)).isoformat()
    answer, _ = submit(officer, url, "closure", "closure-", closed_on=closed)
    assert answer.status_code == 302 and answer.headers["Location"] == url
    page = text(officer.get(url))
    assert "Đã đóng cửa từ ngày" in page and 'id="reopening"' in page and 'id="closure"' not in page
    answer, _ = submit(officer, url, "reopening", "reopening-", reopened_on="2024-01-01")
    assert errors_beside(text(answer), "reopening-reopened_on")[0].startswith(
        "Không được trước ngày đóng cửa"
    )
    answer, _ = submit(officer, url, "reopening", "reopening-", reopened_on=TODAY)
    assert answer.status_code == 302
    page = text(officer.get(url))
    assert "Đang mở cửa" in page and page.count("<tr data-opened=") == 2
    assert "(đang mở)" in page


def test_staff_cannot_open_the_outlet_pages(app, client, market, shops):
    market.register_user("staff", "staff", PASSWORD, [shops["point"]])
    sign_in(client, "staff")
    for url in ("/officers/outlets", outlet_page(shops["point"]), edit_page(shops["point"])):
        assert client.get(url).status_code == 403, url
    assert client.post(f"{outlet_page(shops['point'])}/closure").status_code in (400, 403)


def test_an_unknown_outlet_is_a_404(officer):
    unknown = "00000000-0000-4000-8000-000000000000"
    assert officer.get(outlet_page(unknown)).status_code == 404
    assert officer.get(edit_page(unknown)).status_code == 404
