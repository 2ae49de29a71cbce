"""The officers' pages and the catalogue, without a browser: registering producers and products,
evaluations, revocations and nominations through forms, and the catalogue's filters.

Bad input is said beside its field and records nothing; a resubmitted form records once.
"""

import html
import re
from datetime import date, timedelta
from uuid import UUID

import pytest

from marketplace.clock import today
from tests.e2e.conftest import events_recorded

PASSWORD = "a long password"


def sign_in(client, username: str) -> None:
    page = client.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    answer = client.post(
        "/sign-in", data={"csrf_token": token, "username": username, "password": PASSWORD}
    )
    assert answer.status_code == 302


def form_on(page: str, form_id: str) -> tuple[str | None, dict[str, str]]:
    """The form's action and its hidden fields (CSRF token, idempotency key)."""
    found = re.search(rf'<form[^>]*id="{form_id}"[^>]*>(.*?)</form>', page, re.DOTALL)
    assert found, f"no form {form_id}"
    action = re.search(r'action="([^"]*)"', found.group(0).split(">", 1)[0])
    hidden = {}
    for tag in re.findall(r"<input[^>]*>", found.group(1)):
        attributes = dict(re.findall(r'([\w-]+)="([^"]*)"', tag))
        if attributes.get("type") == "hidden":
            hidden[attributes["name"]] = html.unescape(attributes.get("value", ""))
    return (action.group(1) if action else None), hidden


def submit(client, url: str, form_id: str, prefix: str = "", **fields):
    """Open the page, fill the form's fields (named without the prefix) and send it."""
    page = client.get(url).get_data(as_text=True)
    action, hidden = form_on(page, form_id)
    data = {**hidden, **{f"{prefix}{name}": value for name, value in fields.items()}}
    return client.post(action or url, data=data), data


def errors_beside(page: str, field_id: str) -> list[str]:
    return [
        html.unescape(e)
        for e in re.findall(rf'<p class="error" data-for="{field_id}">([^<]*)</p>', page)
    ]


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


@pytest.fixture
def market(app):
    return app.extensions["ocop"]


@pytest.fixture
def officer(app, client, market):
    market.register_user("officer", "officer", PASSWORD)
    sign_in(client, "officer")
    return client


@pytest.fixture
def tea(market):
    """A registered producer and one product of it, not yet evaluated."""
    producer = UUID(
        market.register_producer(
            "HTX Chè Tân Cương", "cooperative", "Thái Nguyên", "Tân Cương", "TP Thái Nguyên"
        )["id"]
    )
    product = UUID(market.register_product(producer, "Chè búp", "beverage", "hộp", 85_000)["id"])
    return {"producer": producer, "product": product}


def evaluation_page(tea) -> str:
    return f"/officers/products/{tea['product']}"


def evaluate(client, tea, **fields):
    values = {"score": "75", "certified_on": "2025-01-10", "certificate_no": "QĐ-1"} | fields
    return submit(client, evaluation_page(tea), "evaluation", "evaluation-", **values)


# Producers and products --------------------------------------------------------------------


def test_an_officer_registers_a_producer_then_its_product_and_lands_on_the_product_page(
    app, officer
):
    answer, _ = submit(
        officer,
        "/officers/producers/new",
        "producer",
        name="HTX Vân Hà",
        kind="cooperative",
        province="Hà Nội",
        district="Đông Anh",
        commune="Vân Hà",
        registration_no="0101234567",
    )
    assert answer.status_code == 302
    product_form = answer.headers["Location"]
    assert "HTX Vân Hà" in text(officer.get(product_form))
    answer, _ = submit(
        officer,
        product_form,
        "product",
        name="Rượu làng Vân",
        group="2019:beverage",
        unit="chai",
        price_vnd="150.000",
        gtin="8934567890120",
    )
    assert answer.status_code == 302
    product_id = answer.headers["Location"].rsplit("/", 1)[1]
    product = app.extensions["ocop"].product(UUID(product_id))
    assert (product["name"], product["group"], product["classification"]) == (
        "Rượu làng Vân",
        "beverage",
        "2019",
    )
    assert product["price_vnd"] == 150_000 and product["gtin"] == "8934567890120"
    page = text(officer.get(answer.headers["Location"]))
    assert "Đã đăng ký sản phẩm" in page and "150.000" in page and "Đồ uống" in page
    registers = text(officer.get("/officers?q=vân"))
    assert "HTX Vân Hà" in registers and "0101234567" in registers


def test_a_producer_without_name_place_or_a_known_kind_is_refused_beside_each_field_and_records_nothing(
    app, officer
):
    before = events_recorded(app)
    answer, _ = submit(
        officer, "/officers/producers/new", "producer", name=" ", kind="farm", province=""
    )
    page = text(answer)
    assert answer.status_code == 200
    assert errors_beside(page, "name") == ["Hãy nhập tên"]
    assert errors_beside(page, "kind") == ["Hãy chọn một mục trong danh sách"]
    assert errors_beside(page, "province") == ["Hãy nhập tỉnh, thành phố"]
    assert errors_beside(page, "commune") == ["Hãy nhập xã, phường"]
    assert events_recorded(app) == before


def test_a_producer_whose_texts_hold_control_characters_or_show_nothing_is_refused_in_vietnamese(
    app, officer
):
    before = events_recorded(app)
    answer, _ = submit(
        officer,
        "/officers/producers/new",
        "producer",
        name="HTX nul\u0000byte",
        kind="household",
        province="\u200b",
        district="Đông\u0007Anh",
        commune="Uy Nỗ",
        registration_no="12\u001b",
    )
    page = text(answer)
    assert errors_beside(page, "name") == ["Không được chứa ký tự điều khiển"]
    assert errors_beside(page, "province") == ["Không được để trống"]
    assert errors_beside(page, "district") == ["Không được chứa ký tự điều khiển"]
    assert errors_beside(page, "registration_no") == ["Không được chứa ký tự điều khiển"]
    assert errors_beside(page, "commune") == []
    assert events_recorded(app) == before


def test_a_revocation_reason_of_only_invisible_marks_is_refused_beside_it(app, officer, tea):
    before = events_recorded(app)
    answer, _ = submit(
        officer, evaluation_page(tea), "revocation", "revocation-", reason="\u200b\ufeff"
    )
    assert errors_beside(text(answer), "revocation-reason") == ["Không được để trống"]
    assert events_recorded(app) == before


def test_a_registration_number_over_fifty_characters_is_refused_by_the_domain_beside_its_field(
    app, officer
):
    before = events_recorded(app)
    answer, _ = submit(
        officer,
        "/officers/producers/new",
        "producer",
        name="HTX",
        kind="household",
        province="Hà Nội",
        commune="Uy Nỗ",
        registration_no="9" * 51,
    )
    assert errors_beside(text(answer), "registration_no") == ["Tối đa 50 ký tự"]
    assert events_recorded(app) == before


def test_a_resubmitted_producer_form_records_the_producer_once(app, officer):
    fields = {
        "name": "HTX Một Lần",
        "kind": "enterprise",
        "province": "Hà Nội",
        "commune": "Bát Tràng",
    }
    first, data = submit(officer, "/officers/producers/new", "producer", **fields)
    after_first = events_recorded(app)
    again = officer.post("/officers/producers/new", data=data)
    assert first.status_code == again.status_code == 302
    assert again.headers["Location"] == first.headers["Location"]
    assert events_recorded(app) == after_first


def test_an_unknown_province_is_said_beside_it_with_the_nearest_names_in_either_language(
    app, officer
):
    page = officer.get("/officers/producers/new").get_data(as_text=True)
    assert '<option value="Hà Nội">' in page and '<option value="Hải Dương">' not in page
    before = events_recorded(app)
    fields = {"name": "HTX Atlantis", "kind": "cooperative", "province": "Atlantis"}
    answer, _ = submit(officer, "/officers/producers/new", "producer", **fields, commune="X")
    (error,) = errors_beside(text(answer), "province")
    assert error.startswith("Không có đơn vị 'Atlantis' thuộc Việt Nam") and "gần nhất" in error
    officer.get("/language/en")
    answer, _ = submit(officer, "/officers/producers/new", "producer", **fields, commune="X")
    (error,) = errors_beside(text(answer), "province")
    assert error.startswith("No unit 'Atlantis' in Việt Nam") and "nearest" in error
    assert events_recorded(app) == before


def test_a_price_that_is_not_a_number_and_a_bad_gtin_are_refused_beside_their_fields_and_record_nothing(
    app, officer, tea
):
    before = events_recorded(app)
    url = f"/officers/producers/{tea['producer']}/products/new"
    answer, _ = submit(
        officer, url, "product", name="Chè", group="2023:beverage", unit="hộp", price_vnd="abc"
    )
    assert errors_beside(text(answer), "price_vnd") == ["Giá phải là số đồng nguyên, ví dụ 85000"]
    answer, _ = submit(
        officer,
        url,
        "product",
        name="Chè",
        group="2023:beverage",
        unit="hộp",
        price_vnd="85000",
        gtin="12345",
    )
    assert errors_beside(text(answer), "gtin") == ["Phải có 8, 12, 13 hoặc 14 chữ số"]
    answer, _ = submit(
        officer, url, "product", name="Chè", group="2023:beverage", unit="hộp", price_vnd="-5000"
    )
    assert errors_beside(text(answer), "price_vnd") == [
        "Phải là số tiền nguyên (đồng), từ 0 trở lên"
    ]
    assert events_recorded(app) == before


def test_a_gtin_with_a_wrong_check_digit_or_held_by_another_product_is_said_beside_it(
    app, officer, market, tea
):
    market.register_product(tea["producer"], "Chè xanh", "beverage", "hộp", 1, "8936000000035")
    before = events_recorded(app)
    url = f"/officers/producers/{tea['producer']}/products/new"
    product = {"name": "Chè", "group": "2023:beverage", "unit": "hộp", "price_vnd": "85000"}
    answer, _ = submit(officer, url, "product", **product, gtin="8936000000036")
    assert errors_beside(text(answer), "gtin") == ["Sai chữ số kiểm tra: chữ số cuối phải là 5"]
    answer, _ = submit(officer, url, "product", **product, gtin="8936000000035")
    assert errors_beside(text(answer), "gtin") == ["Mã vạch này đã dùng cho một sản phẩm khác"]
    assert events_recorded(app) == before


def test_a_group_outside_its_classification_cannot_be_chosen_and_records_nothing(app, officer, tea):
    before = events_recorded(app)
    answer, _ = submit(
        officer,
        f"/officers/producers/{tea['producer']}/products/new",
        "product",
        name="Lụa",
        group="2023:textile",
        unit="tấm",
        price_vnd="500000",
    )
    assert errors_beside(text(answer), "group") == ["Hãy chọn một mục trong danh sách"]
    assert events_recorded(app) == before


def test_a_product_of_an_unknown_producer_is_a_404_page(officer):
    url = "/officers/producers/00000000-0000-4000-8000-000000000000/products/new"
    assert officer.get(url).status_code == 404
    assert officer.get("/officers/producers/not-an-id/products/new").status_code == 404


# Evaluations, revocations, nominations -----------------------------------------------------


def test_an_evaluation_records_the_stars_its_score_earns_and_shows_the_certificate(
    app, officer, tea
):
    answer, _ = evaluate(officer, tea, score="92", certificate_no="12/QĐ-UBND")
    assert answer.status_code == 302
    page = text(officer.get(answer.headers["Location"]))
    assert "Đã ghi nhận kết quả đánh giá" in page
    assert "★★★★★" in page and "12/QĐ-UBND" in page and "10/01/2025" in page
    certificate = app.extensions["ocop"].product(tea["product"], date(2025, 2, 1))["certificate"]
    assert certificate["stars"] == 5 and certificate["score"] == 92


def test_an_evaluation_whose_stars_disagree_with_the_score_is_refused_beside_the_stars_and_records_nothing(
    app, officer, tea
):
    before = events_recorded(app)
    answer, _ = evaluate(officer, tea, score="75", stars="3")
    page = text(answer)
    assert errors_beside(page, "evaluation-stars") == ["Điểm 75 tương ứng 4 sao, không phải 3 sao"]
    assert 'value="75"' in page  # what was typed is kept
    assert events_recorded(app) == before


@pytest.mark.parametrize(
    ("score", "error"),
    [
        ("101", "Phải là số nguyên từ 0 đến 100"),
        ("bảy mươi", "Điểm phải là số nguyên từ 0 đến 100"),
        ("", "Hãy nhập điểm"),
    ],
)
def test_a_score_out_of_range_or_not_a_number_is_refused_beside_the_score(
    app, officer, tea, score, error
):
    before = events_recorded(app)
    answer, _ = evaluate(officer, tea, score=score)
    assert answer.status_code == 200
    assert errors_beside(text(answer), "evaluation-score") == [error]
    assert events_recorded(app) == before


def test_an_evaluation_dated_in_the_future_is_refused_beside_the_date_and_records_nothing(
    app, officer, tea
):
    before = events_recorded(app)
    tomorrow = (today() + timedelta(days=1)).isoformat()
    answer, _ = evaluate(officer, tea, certified_on=tomorrow)
    assert errors_beside(text(answer), "evaluation-certified_on") == [
        "Không được là ngày giờ trong tương lai"
    ]
    assert events_recorded(app) == before


@pytest.mark.parametrize("bad", ["31-12-2025", "2025-02-30", "hôm qua"])
def test_a_date_that_is_not_a_date_is_said_beside_the_field_not_a_500(app, officer, tea, bad):
    before = events_recorded(app)
    answer, _ = evaluate(officer, tea, certified_on=bad)
    assert answer.status_code == 200
    assert errors_beside(text(answer), "evaluation-certified_on") == ["Ngày không hợp lệ"]
    assert events_recorded(app) == before


def test_the_forms_dates_default_to_today_in_vietnam(officer, tea):
    page = text(officer.get(evaluation_page(tea)))
    for field in ("evaluation-certified_on", "revocation-revoked_on", "nomination-nominated_on"):
        assert re.search(rf'id="{field}"[^>]*value="{today().isoformat()}"', page), field


def test_a_resubmitted_evaluation_form_records_once(app, officer, tea):
    first, data = evaluate(officer, tea)
    after_first = events_recorded(app)
    again = officer.post(f"{evaluation_page(tea)}/evaluations", data=data)
    assert first.status_code == again.status_code == 302
    assert events_recorded(app) == after_first
    assert text(officer.get(evaluation_page(tea))).count('data-certificate="QĐ-1"') == 1


def test_a_resubmitted_form_with_other_values_is_asked_to_be_checked_and_records_nothing(
    app, officer, tea
):
    _, data = evaluate(officer, tea)
    after_first = events_recorded(app)
    changed = data | {"evaluation-certificate_no": "QĐ-2", "evaluation-certified_on": "2025-02-01"}
    answer = officer.post(f"{evaluation_page(tea)}/evaluations", data=changed)
    assert errors_beside(text(answer), "evaluation-score") == [
        (
            "Biểu mẫu này đã được gửi và ghi nhận trước đó với nội dung khác, nên lần này chưa "
            "ghi gì. Nếu đây là một lần mới, hãy kiểm tra các ô rồi bấm gửi lần nữa."
        )
    ]
    assert events_recorded(app) == after_first
    _, fresh_key = form_on(text(answer), "evaluation")
    assert fresh_key["evaluation-idempotency_key"] != data["evaluation-idempotency_key"]


def test_an_evaluation_not_after_the_last_one_is_refused_beside_its_date(app, officer, tea):
    evaluate(officer, tea, certified_on="2025-01-10", certificate_no="QĐ-1")
    before = events_recorded(app)
    answer, _ = evaluate(officer, tea, certified_on="2025-01-10", certificate_no="QĐ-2")
    assert errors_beside(text(answer), "evaluation-certified_on") == [
        "Phải sau lần đánh giá trước (10/01/2025)"
    ]
    assert events_recorded(app) == before


def test_a_revocation_is_recorded_and_shown_with_its_reason(app, officer, tea):
    evaluate(officer, tea, score="80", certificate_no="QĐ-1")
    answer, _ = submit(
        officer,
        evaluation_page(tea),
        "revocation",
        "revocation-",
        reason="Không đạt tiêu chí an toàn thực phẩm",
        revoked_on="2025-06-01",
    )
    assert answer.status_code == 302
    page = text(officer.get(evaluation_page(tea)))
    assert "Đã thu hồi giấy chứng nhận" in page
    assert "01/06/2025, Không đạt tiêu chí an toàn thực phẩm" in page
    certificate = app.extensions["ocop"].product(tea["product"])["certificate"]
    assert certificate["status"] == "revoked"


def test_revoking_a_product_without_a_valid_certificate_is_refused_beside_the_date(
    app, officer, tea
):
    before = events_recorded(app)
    answer, _ = submit(
        officer,
        evaluation_page(tea),
        "revocation",
        "revocation-",
        reason="Sai phạm",
        revoked_on="2025-06-01",
    )
    assert errors_beside(text(answer), "revocation-revoked_on") == [
        "Ngày đó sản phẩm không có giấy chứng nhận còn hiệu lực"
    ]
    answer, _ = submit(officer, evaluation_page(tea), "revocation", "revocation-", reason="")
    assert errors_beside(text(answer), "revocation-reason") == ["Hãy nhập lý do"]
    assert events_recorded(app) == before


def test_a_nomination_needs_four_stars_and_is_shown_once_recorded(app, officer, tea):
    evaluate(officer, tea, score="60", certified_on="2025-01-10", certificate_no="QĐ-1")
    before = events_recorded(app)
    answer, _ = submit(
        officer, evaluation_page(tea), "nomination", "nomination-", nominated_on="2025-03-01"
    )
    assert errors_beside(text(answer), "nomination-nominated_on") == [
        "Cần giấy chứng nhận còn hiệu lực từ 4 sao trở lên"
    ]
    assert events_recorded(app) == before
    evaluate(officer, tea, score="85", certified_on="2025-04-01", certificate_no="QĐ-2")
    answer, _ = submit(
        officer, evaluation_page(tea), "nomination", "nomination-", nominated_on="2025-05-02"
    )
    assert answer.status_code == 302
    page = text(officer.get(evaluation_page(tea)))
    assert 'id="nominations"' in page and "02/05/2025" in page
    assert "Đã được đánh giá lại" in page  # the 3-star evaluation was superseded


def test_the_officer_pages_of_an_unknown_product_are_404_pages(officer):
    unknown = "/officers/products/00000000-0000-4000-8000-000000000000"
    assert officer.get(unknown).status_code == 404
    page = text(officer.get("/officers/producers/new"))
    _, hidden = form_on(page, "producer")
    answer = officer.post(
        f"{unknown}/evaluations", data={"evaluation-csrf_token": hidden["csrf_token"]}
    )
    assert answer.status_code == 404 and answer.mimetype == "text/html"


def test_a_form_without_its_csrf_token_is_refused_and_records_nothing(app, officer, tea):
    before = events_recorded(app)
    answer = officer.post(
        f"{evaluation_page(tea)}/evaluations",
        data={"evaluation-score": "80", "evaluation-certificate_no": "X"},
    )
    assert answer.status_code == 400
    assert events_recorded(app) == before


# Who may do what ---------------------------------------------------------------------------


def test_staff_get_403_on_the_officer_pages_but_read_the_catalogue(app, client, market, tea):
    market.register_user("lan", "staff", PASSWORD)
    sign_in(client, "lan")
    for url in ("/officers", "/officers/producers/new", evaluation_page(tea)):
        assert client.get(url).status_code == 403, url
    catalogue = text(client.get("/catalogue"))
    assert "Chè búp" in catalogue and f'href="/p/{tea["product"]}"' in catalogue
    assert "officer-link" not in catalogue
    assert "Sổ đăng ký" not in catalogue  # no header link to the registers


def test_officers_get_header_links_to_the_catalogue_and_the_registers(officer):
    page = text(officer.get("/catalogue"))
    assert 'href="/catalogue">Danh mục sản phẩm' in page
    assert 'href="/officers">Sổ đăng ký' in page


def test_the_catalogue_needs_signing_in(client):
    assert client.get("/catalogue").status_code == 302


# The catalogue ------------------------------------------------------------------------------


@pytest.fixture
def shelf_of_products(market):
    """Thirty products of two producers in two provinces; some certified 3, 4 or 5 stars."""
    north = UUID(
        market.register_producer("HTX Chè Tân Cương", "cooperative", "Thái Nguyên", "Tân Cương")[
            "id"
        ]
    )
    capital = UUID(
        market.register_producer(
            "Làng gốm Bát Tràng", "enterprise", "Hà Nội", "Bát Tràng", "Gia Lâm"
        )["id"]
    )
    ids = {}
    for n in range(25):
        ids[f"Chè {n:02}"] = market.register_product(
            north, f"Chè {n:02}", "beverage", "hộp", 85_000
        )["id"]
    for n, score in enumerate((55, 75, 95, 20, 80)):
        name = f"Gốm {n}"
        ids[name] = market.register_product(capital, name, "handicraft", "chiếc", 300_000)["id"]
        market.certify(UUID(ids[name]), score, date(2025, 1, 10), f"BT-{n}")
    return ids


def rows(page: str) -> list[str]:
    return re.findall(r'<tr data-product="[^"]+">\s*<td>(?:<a[^>]*>)?([^<]+)', page)


def test_the_catalogue_filters_by_text_group_stars_and_place(officer, shelf_of_products):
    assert [r.strip() for r in rows(text(officer.get("/catalogue?q=gốm&stars=4")))] == [
        "Gốm 1",
        "Gốm 4",
    ]
    handicraft = text(officer.get("/catalogue?group=handicraft&district=Gia+Lâm"))
    assert len(rows(handicraft)) == 5 and "5 sản phẩm" in handicraft
    assert rows(text(officer.get("/catalogue?province=Thái+Nguyên&stars=5"))) == []


def test_the_catalogue_pages_twenty_products_at_a_time(officer, shelf_of_products):
    first = text(officer.get("/catalogue"))
    assert len(rows(first)) == 20 and "Trang 1 / 2" in first and "30 sản phẩm" in first
    second = text(officer.get("/catalogue?page=2"))
    assert len(rows(second)) == 10 and 'id="previous"' in second and 'id="next"' not in second


def test_catalogue_rows_link_officers_to_the_register_page_and_everyone_to_the_public_page(
    officer, shelf_of_products
):
    product = shelf_of_products["Gốm 2"]
    page = text(officer.get("/catalogue?q=Gốm+2"))
    assert f'href="/officers/products/{product}"' in page and f'href="/p/{product}"' in page
    assert "★★★★★" in page and "300.000" in page


@pytest.mark.parametrize(
    ("query", "field", "error"),
    [
        ("stars=seven", "stars", "Không có trong danh sách"),
        ("stars=2", "stars", "Không có trong danh sách"),
        ("group=jewellery", "group", "Không có trong danh sách"),
        ("province=Atlantis", "province", "Không có trong danh sách"),
        ("page=0", "page", "Trang: Trang không hợp lệ"),
        ("page=abc", "page", "Trang: Trang không hợp lệ"),
        ("page=99999999999999999999", "page", "Trang: Trang không hợp lệ"),
    ],
)
def test_a_bad_catalogue_filter_is_said_beside_its_field_and_left_out_not_a_500(
    officer, shelf_of_products, query, field, error
):
    answer = officer.get(f"/catalogue?{query}")
    page = text(answer)
    assert answer.status_code == 200
    assert errors_beside(page, field) == [error]
    assert "30 sản phẩm" in page


def test_the_officer_pages_and_the_catalogue_read_in_english(officer, tea):
    officer.get("/language/en")
    page = text(officer.get(evaluation_page(tea)))
    assert "Record an evaluation" in page and "₫85,000" in page and "Beverage" in page
    answer, _ = evaluate(officer, tea, score="75", stars="5")
    assert errors_beside(text(answer), "evaluation-stars") == ["A score of 75 ranks 4 stars, not 5"]
    assert "Catalogue of OCOP products" in text(officer.get("/catalogue"))
