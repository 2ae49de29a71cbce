"""How an import reads headers and cells: Vietnamese labels or API names in any case and with
or without accents; numbers, dd/mm/yyyy or Excel dates and stars as offices write them."""

from datetime import datetime

from marketplace.imports import KINDS
from marketplace.imports.columns import column_named, day, stars, text, whole

EVALUATIONS = KINDS["evaluations"].columns


def test_a_header_names_a_column_by_its_label_or_its_field_name_in_any_case_or_accents():
    named = [
        column_named(EVALUATIONS, h)
        for h in ("Ngày cấp", "NGAY CAP", "certified_on", "Ngày cấp (certified_on)", "Ngày cấp *")
    ]
    assert {column.field for column in named} == {"certified_on"}
    assert column_named(EVALUATIONS, "Ghi chú") is None


def test_cells_are_read_as_the_api_writes_them_or_passed_on_for_the_schema_to_refuse():
    assert [whole(c) for c in (150000, 150000.0, "150.000", "150,000", "1 500 000", "12.5")] == [
        150000,
        150000,
        150000,
        150000,
        1500000,
        "12.5",
    ]
    assert [
        day(c) for c in (datetime(2024, 6, 1), "01/06/2024", "1/6/2024", "2024-06-01", "31/02/2024")
    ] == ["2024-06-01", "2024-06-01", "2024-06-01", "2024-06-01", "31/02/2024"]
    assert [stars(c) for c in (4, "4 sao", "4 Sao", "5★", "bốn")] == [4, 4, 4, 5, "bốn"]
    assert text(8935049500018.0) == "8935049500018"


def test_headers_offices_write_name_the_columns_too():
    producers, products = KINDS["producers"].columns, KINDS["products"].columns
    assert [column_named(producers, h).field for h in ("Tỉnh", "Huyện", "Xã", "Mã số thuế")] == [
        "province",
        "district",
        "commune",
        "registration_no",
    ]
    assert [column_named(products, h).field for h in ("ĐVT", "Giá bán", "Mã vạch")] == [
        "unit",
        "price_vnd",
        "gtin",
    ]
    assert column_named(producers, "STT") is None


def test_kinds_are_read_by_their_vietnamese_names_or_what_offices_write():
    kind = KINDS["producers"].columns[1]
    assert [kind.read(c) for c in ("Hợp tác xã", "HTX", "hộ gia đình", "enterprise", "xyz")] == [
        "cooperative",
        "cooperative",
        "household",
        "enterprise",
        "xyz",
    ]
