"""The officers' correction pages, without a browser: a product or producer form prefilled
with what is recorded, a correction recorded once with why, listed with who and when, and
refusals told beside their field in the page's language."""

from marketplace.clock import today
from tests.e2e import test_officer_pages as officer_pages
from tests.e2e.conftest import events_recorded
from tests.e2e.test_officer_pages import PASSWORD, errors_beside, sign_in, submit, text

market, officer, tea = officer_pages.market, officer_pages.officer, officer_pages.tea  # fixtures


TODAY = {"changed_on": today().isoformat()}  # what the form is prefilled with


def product_form(tea) -> str:
    return f"/officers/products/{tea['product']}/edit"


def test_a_misspelt_name_and_a_new_price_are_corrected_and_listed_with_who_and_why(
    app, officer, market, tea
):
    page = text(officer.get(product_form(tea)))
    assert 'value="Chè búp"' in page and "Chưa sửa lần nào." in page
    fields = {
        "name": "Chè búp Tân Cương",
        "group": "2023:beverage",
        "unit": "hộp",
        "price_vnd": "95.000",
    } | TODAY
    answer, _ = submit(officer, product_form(tea), "correction", **fields, reason="Sai chính tả")
    assert answer.status_code == 302, text(answer)
    now = market.product(tea["product"])
    assert (now["name"], now["price_vnd"]) == ("Chè búp Tân Cương", 95_000)
    listed = text(officer.get(product_form(tea)))
    assert "Sai chính tả" in listed and "officer" in listed and "Chè búp Tân Cương" in listed


def test_a_resubmitted_correction_records_once(app, officer, tea):
    fields = {
        "name": "Chè búp Tân Cương",
        "group": "2023:beverage",
        "unit": "hộp",
        "price_vnd": "85000",
    } | TODAY
    answer, sent = submit(officer, product_form(tea), "correction", **fields)
    assert answer.status_code == 302
    before = events_recorded(app)
    officer.post(product_form(tea), data=sent)
    assert events_recorded(app) == before


def test_nothing_changed_is_said_beside_the_name_in_vietnamese_and_english(app, officer, tea):
    fields = {
        "name": "Chè búp",
        "group": "2023:beverage",
        "unit": "hộp",
        "price_vnd": "85000",
    } | TODAY
    before = events_recorded(app)
    answer, _ = submit(officer, product_form(tea), "correction", **fields)
    assert errors_beside(text(answer), "name") == ["Không có gì để sửa: mọi giá trị đều như đã ghi"]
    officer.get("/language/en")
    answer, _ = submit(officer, product_form(tea), "correction", **fields)
    assert errors_beside(text(answer), "name") == [
        "Nothing to change: every value given is the one recorded"
    ]
    assert events_recorded(app) == before


def test_a_group_of_another_classification_cannot_be_chosen(app, officer, tea):
    fields = {"name": "Chè", "group": "2019:textile", "unit": "hộp", "price_vnd": "85000"} | TODAY
    before = events_recorded(app)
    answer, _ = submit(officer, product_form(tea), "correction", **fields)
    assert errors_beside(text(answer), "group")
    assert events_recorded(app) == before


def test_a_producer_that_moved_is_recorded_with_its_new_place(app, officer, market, tea):
    url = f"/officers/producers/{tea['producer']}/edit"
    assert 'value="Tân Cương"' in text(officer.get(url))
    place = {"province": "Hà Nội", "district": "", "commune": "Bát Tràng"} | TODAY
    answer, _ = submit(
        officer, url, "correction", name="HTX Chè Tân Cương", kind="cooperative", **place
    )
    assert answer.status_code == 302, text(answer)
    listed = text(officer.get(url))
    assert "Bát Tràng, Hà Nội" in listed


def test_a_correction_dated_before_registration_is_refused_beside_the_day(app, officer, tea):
    url = f"/officers/producers/{tea['producer']}/edit"
    fields = {"name": "HTX Tân Cương", "kind": "cooperative", "changed_on": "2020-01-01"}
    fields |= {"province": "Thái Nguyên", "district": "TP Thái Nguyên", "commune": "Tân Cương"}
    answer, _ = submit(officer, url, "correction", **fields)
    assert errors_beside(text(answer), "changed_on")[0].startswith("Không được trước ngày đăng ký")


def test_staff_cannot_open_the_correction_pages(app, client, market, tea):
    market.register_user("staff", "staff", PASSWORD)
    sign_in(client, "staff")
    assert client.get(product_form(tea)).status_code == 403
    assert client.get(f"/officers/producers/{tea['producer']}/edit").status_code == 403
