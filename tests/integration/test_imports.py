"""Importing the programme's registers from files, on both stores: each kind good, bad, dry
run, re-import and all-or-nothing; real layouts (titles, Vietnamese headers, BOM, semicolons,
"4 sao", Excel dates)."""

from datetime import date, datetime
from uuid import UUID

import pytest

from domain.gtin import with_check_digit
from domain.outlet import Outlet
from domain.producer import Producer
from domain.product import Product
from marketplace.imports import UnreadableFile
from tests.integration.conftest import count_events
from tests.integration.import_files import csv_file, imported, outcomes, workbook

HONEY = with_check_digit("893600000003")
TEA = with_check_digit("893600000010")
PRODUCER_HEADER = [
    "Tên chủ thể",
    "loai hinh",
    "Mã số đăng ký",
    "Tỉnh/thành phố",
    "Quận/huyện",
    "Xã/phường",
]


@pytest.fixture
def producer(marketplace) -> UUID:
    made = marketplace.register_producer(
        "HTX Vân Hà", "cooperative", "Hà Nội", "Vân Hà", "Đông Anh", "0106000001"
    )
    return UUID(made["id"])


@pytest.fixture
def honey(marketplace, producer) -> UUID:
    return UUID(
        marketplace.register_product(producer, "Mật ong", "food", "hũ", 120_000, HONEY)["id"]
    )


def test_producers_are_read_below_a_merged_title_and_a_second_import_records_nothing(marketplace):
    producers = workbook(
        PRODUCER_HEADER + ["Ghi chú"],
        ["HTX Bát Tràng", "Hợp tác xã", "0106000002", "Hà Nội", "Gia Lâm", "Bát Tràng", "x"],
        ["Hộ Nguyễn Văn A", "household", None, "Hà Nội", None, "Bát Tràng", None],
    )
    first = imported(marketplace, "producers", producers)
    assert outcomes(first) == [(4, "recorded", None), (5, "recorded", None)]
    assert first.unknown_columns == ["Ghi chú"]
    recorded = marketplace.get(UUID(first.rows[0].id), Producer)
    assert (recorded.kind, recorded.registration_no, recorded.place.commune) == (
        "cooperative",
        "0106000002",
        "Bát Tràng",
    )
    before = count_events(marketplace)
    again = imported(marketplace, "producers", producers)
    assert [row.outcome for row in again.rows] == ["already present"] * 2
    assert [row.id for row in again.rows] == [row.id for row in first.rows]
    assert again.summary() == "recorded 0, already present 2, refused 0"
    assert count_events(marketplace) == before


def test_a_producer_in_an_unknown_place_is_refused_naming_the_column(marketplace):
    report = imported(
        marketplace,
        "producers",
        workbook(
            PRODUCER_HEADER,
            ["HTX A", "cooperative", None, "Hà Nội", None, "Xã Không Có"],
            ["HTX B", "cooperative", None, "Hà Nội", None, "Bát Tràng"],
            ["HTX C", "co-op", None, "Hà Nội", None, "Bát Tràng"],
        ),
    )
    assert outcomes(report) == [
        (4, "refused", "Xã/phường"),
        (5, "recorded", None),
        (6, "refused", "loai hinh"),
    ]
    assert report.rows[0].reason.startswith("unknown_place")
    assert "Must be one of" in report.rows[2].message
    assert report.summary() == "recorded 1, already present 0, refused 2"


def test_a_file_without_a_needed_column_is_not_imported(marketplace):
    with pytest.raises(UnreadableFile, match="Xã/phường"):
        imported(
            marketplace,
            "producers",
            workbook(PRODUCER_HEADER[:-1], ["HTX A", "cooperative", None, "Hà Nội", None]),
        )
    with pytest.raises(UnreadableFile, match="no header row"):
        imported(marketplace, "producers", workbook(["a", "b"], [1, 2]))
    with pytest.raises(UnreadableFile, match="Excel"):
        imported(marketplace, "producers", csv_file(["x"]), name="broken.xlsx")


def test_a_dry_run_records_nothing_and_says_what_it_would_record(marketplace, producer):
    before = count_events(marketplace)
    report = imported(
        marketplace,
        "producers",
        workbook(
            PRODUCER_HEADER,
            ["HTX Vân Hà", "cooperative", "0106000001", "Hà Nội", "Đông Anh", "Vân Hà"],
            ["HTX Mới", "enterprise", None, "Hà Nội", None, "Bát Tràng"],
        ),
        dry_run=True,
    )
    assert [row.outcome for row in report.rows] == ["already present", "would record"]
    assert report.summary() == "would record 1, already present 1, refused 0"
    assert count_events(marketplace) == before


def test_a_row_that_differs_from_the_record_is_refused_naming_the_field(marketplace, producer):
    report = imported(
        marketplace,
        "producers",
        workbook(
            PRODUCER_HEADER,
            ["HTX Vân Hà", "enterprise", "0106000001", "Hà Nội", "Đông Anh", "Vân Hà"],
        ),
    )
    assert outcomes(report) == [(4, "refused", "loai hinh")]
    assert report.rows[0].reason == "differs_from_record"
    assert "cooperative" in report.rows[0].message and "correction" in report.rows[0].message


PRODUCT_HEADER = [
    "Tên chủ thể",
    "Tên sản phẩm",
    "Nhóm sản phẩm",
    "Đơn vị tính",
    "Giá niêm yết (đồng)",
    "Mã vạch GTIN",
]


def test_products_from_a_semicolon_csv_with_a_bom_duplicate_gtins_refused(
    marketplace, producer, honey
):
    products = csv_file(
        PRODUCT_HEADER,
        ["HTX Vân Hà", "Trà sen", "Đồ uống", "hộp", "150.000", TEA],
        ["htx van ha", "Trà sen Tây Hồ", "beverage", "hộp", "90000", TEA],
        ["HTX Vân Hà", "Mật ong rừng", "food", "hũ", "1", HONEY],
        ["HTX Không Có", "Rượu", "beverage", "chai", "1", ""],
        ["HTX Vân Hà", "Rượu", "beverage", "chai", "12.5", ""],
        delimiter=";",
    )
    report = imported(marketplace, "products", products, name="products.csv")
    assert outcomes(report) == [
        (2, "recorded", None),
        (3, "refused", None),
        (4, "refused", "Tên sản phẩm"),
        (5, "refused", "Tên chủ thể"),
        (6, "refused", "Giá niêm yết (đồng)"),
    ]
    assert [row.reason for row in report.refused] == [
        "duplicate_in_file",
        "differs_from_record",
        "no_such_producer",
        "invalid",
    ]
    assert "row 2" in report.rows[1].message
    tea = marketplace.get(UUID(report.rows[0].id), Product)
    assert (tea.name, tea.group, tea.price_vnd, tea.gtin) == ("Trà sen", "beverage", 150_000, TEA)


def test_all_or_nothing_records_no_product_if_one_is_refused(marketplace, producer):
    rows = [
        ["HTX Vân Hà", "Trà sen", "beverage", "hộp", 150000, TEA],
        ["HTX Vân Hà", "Rượu", "spirits", "chai", 1, None],
    ]
    before = count_events(marketplace)
    report = imported(marketplace, "products", workbook(PRODUCT_HEADER, *rows), all_or_nothing=True)
    assert [row.outcome for row in report.rows] == ["would record", "refused"]
    assert report.summary() == "would record 1, already present 0, refused 1"
    assert count_events(marketplace) == before
    rows[1][2] = "Đồ uống"
    report = imported(marketplace, "products", workbook(PRODUCT_HEADER, *rows), all_or_nothing=True)
    assert report.summary() == "recorded 2, already present 0, refused 0"


EVALUATION_HEADER = ["Mã vạch GTIN", "Điểm", "Hạng sao", "Ngày cấp", "Số giấy chứng nhận"]


def test_evaluations_read_stars_as_written_and_dates_as_text_or_excel_dates(marketplace, honey):
    evaluations = workbook(
        EVALUATION_HEADER,
        [HONEY, 78, "4 sao", datetime(2024, 6, 1), "123/QĐ-UBND"],
        [HONEY, 92, "5 sao", "02/07/2025", "45/QĐ-BNN"],
        [HONEY, 60, "4 sao", "03/08/2025", "46/QĐ"],
        [HONEY, 60, None, "31/02/2025", "47/QĐ"],
        [with_check_digit("893600000099"), 60, None, "01/01/2025", "48/QĐ"],
    )
    report = imported(marketplace, "evaluations", evaluations)
    assert outcomes(report) == [
        (4, "recorded", None),
        (5, "recorded", None),
        (6, "refused", "Hạng sao"),
        (7, "refused", "Ngày cấp"),
        (8, "refused", "Mã vạch GTIN"),
    ]
    assert report.rows[2].reason == "stars_do_not_match_score"
    assert report.rows[3].message == "Not a valid date."
    product = marketplace.get(honey, Product)
    assert [(e.stars, e.certified_on) for e in product.evaluations] == [
        (4, date(2024, 6, 1)),
        (5, date(2025, 7, 2)),
    ]
    again = imported(marketplace, "evaluations", evaluations)
    assert [row.outcome for row in again.rows[:2]] == ["already present"] * 2
    changed = imported(
        marketplace,
        "evaluations",
        workbook(EVALUATION_HEADER, [HONEY, 79, None, "01/06/2024", "123/QĐ-UBND"]),
    )
    assert outcomes(changed) == [(4, "refused", "Điểm")]


OUTLET_HEADER = [
    "Tên điểm bán",
    "Loại điểm bán",
    "Tỉnh/thành phố",
    "Quận/huyện",
    "Xã/phường",
    "Ngày khai trương",
]


def test_outlets_open_once_and_a_different_opening_day_is_refused(marketplace):
    outlets = workbook(
        OUTLET_HEADER,
        [
            "Điểm OCOP Bát Tràng",
            "Điểm giới thiệu và bán sản phẩm OCOP",
            "Hà Nội",
            "Gia Lâm",
            "Bát Tràng",
            "15/03/2024",
        ],
        ["WinMart Uy Nỗ", "Siêu thị", "Hà Nội", "Đông Anh", "Uy Nỗ", datetime(2020, 1, 2)],
        ["Chợ", "market", "Hà Nội", "Đông Anh", "Uy Nỗ", "01/01/2020"],
    )
    report = imported(marketplace, "outlets", outlets)
    assert outcomes(report)[:2] == [(4, "recorded", None), (5, "recorded", None)]
    assert outcomes(report)[2] == (6, "refused", "Loại điểm bán")
    opened = marketplace.get(UUID(report.rows[1].id), Outlet)
    assert (opened.kind, opened.opened_on) == ("supermarket", date(2020, 1, 2))
    assert [row.outcome for row in imported(marketplace, "outlets", outlets).rows[:2]] == [
        "already present"
    ] * 2
    moved = workbook(
        OUTLET_HEADER, ["WinMart Uy Nỗ", "supermarket", "Hà Nội", "Đông Anh", "Uy Nỗ", "03/01/2020"]
    )
    assert outcomes(imported(marketplace, "outlets", moved)) == [(4, "refused", "Ngày khai trương")]


STOCK_HEADER = ["Tên điểm bán", "Mã vạch GTIN", "Số lô", "Hạn sử dụng", "Số lượng"]


def test_opening_stock_is_taken_in_once_per_lot(marketplace, honey):
    opened = marketplace.open_outlet(
        "Điểm OCOP Bát Tràng", "ocop_point", "Hà Nội", "Bát Tràng", date(2024, 3, 15), "Gia Lâm"
    )
    stock = workbook(
        STOCK_HEADER,
        ["Điểm OCOP Bát Tràng", HONEY, "L1", "31/12/2030", 24],
        ["Điểm OCOP Bát Tràng", HONEY, "L2", None, 6],
        ["Điểm OCOP Bát Tràng", HONEY, "L1", "31/12/2030", 24],
        ["Điểm Không Có", HONEY, "L3", None, 1],
        ["Điểm OCOP Bát Tràng", HONEY, "L4", None, 0],
    )
    report = imported(marketplace, "stock", stock)
    assert outcomes(report) == [
        (4, "recorded", None),
        (5, "recorded", None),
        (6, "refused", None),
        (7, "refused", "Tên điểm bán"),
        (8, "refused", "Số lượng"),
    ]
    outlet = marketplace.get(UUID(opened["id"]), Outlet)
    assert {lot: held.on_hand for lot, held in outlet.stock[honey.hex].items()} == {
        "L1": 24,
        "L2": 6,
    }
    again = imported(marketplace, "stock", stock)
    assert [row.outcome for row in again.rows[:2]] == ["already present"] * 2
    more = workbook(STOCK_HEADER, ["Điểm OCOP Bát Tràng", HONEY, "L1", "31/12/2030", 30])
    refused = imported(marketplace, "stock", more).rows[0]
    assert (refused.column, refused.reason) == ("Số lượng", "differs_from_record")
