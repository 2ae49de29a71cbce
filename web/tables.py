"""The downloadable tables (bảng tải về): the catalogue, an outlet's inventory and a sales
report, as columns with a field name (the API's header), a label (the pages' header, in the
page's language) and the cell of each row. The API and the pages download the same rows."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Response
from flask_babel import lazy_gettext as _l

from web.pages.downloads import table_download


@dataclass(frozen=True)
class Column:
    field: str
    label: Any  # a lazy text, read in the page's language
    cell: Callable[[dict[str, Any]], Any]


def _get(*path: str) -> Callable[[dict[str, Any]], Any]:
    """The value at ``path`` in a row ("" for a missing one, so a cell is never None)."""

    def cell(row: dict[str, Any]) -> Any:
        value: Any = row
        for key in path:
            value = (value or {}).get(key)
        return "" if value is None else value

    return cell


CATALOGUE = (
    Column("id", _l("Mã"), _get("id")),
    Column("name", _l("Sản phẩm"), _get("name")),
    Column("group", _l("Nhóm sản phẩm"), _get("group")),
    Column("unit", _l("Đơn vị tính"), _get("unit")),
    Column("price_vnd", _l("Giá niêm yết (₫)"), _get("price_vnd")),
    Column("gtin", _l("Mã vạch (GTIN)"), _get("gtin")),
    Column("producer", _l("Chủ thể"), _get("producer", "name")),
    Column("province", _l("Tỉnh, thành phố"), _get("place", "province")),
    Column("district", _l("Quận, huyện"), _get("place", "district")),
    Column("commune", _l("Xã, phường"), _get("place", "commune")),
    Column("stars", _l("Hạng sao"), _get("certificate", "stars")),
    Column("certificate_no", _l("Số giấy chứng nhận"), _get("certificate", "certificate_no")),
    Column("valid_until", _l("Hiệu lực đến"), _get("certificate", "valid_until")),
    Column("status", _l("Tình trạng"), _get("certificate", "status")),
)
INVENTORY = (
    Column("product_id", _l("Mã"), _get("product_id")),
    Column("product", _l("Sản phẩm"), _get("name")),
    Column("lot", _l("Lô"), _get("lot")),
    Column("expires_on", _l("Hạn dùng"), _get("expires_on")),
    Column("on_hand", _l("Tồn kho"), _get("on_hand")),
    Column("unit_cost_vnd", _l("Giá vốn (₫)"), _get("unit_cost_vnd")),
)
SALES = (
    Column("key", _l("Mã"), _get("key")),
    Column("name", _l("Tên"), _get("name")),
    Column("qty", _l("Số lượng sau trả hàng và hủy"), _get("qty")),
    Column("amount_vnd", _l("Thành tiền sau trả hàng và hủy (₫)"), _get("amount_vnd")),
    Column("sales", _l("Số lần bán"), _get("sales")),
    # qty and amount_vnd above are net: what was sold, less what was returned and voided
    Column("gross_qty", _l("Số lượng bán ra"), _get("gross_qty")),
    Column("gross_vnd", _l("Tiền bán ra (₫)"), _get("gross_vnd")),
    Column("returned_qty", _l("Số lượng trả lại"), _get("returned_qty")),
    Column("returned_vnd", _l("Tiền hoàn trả (₫)"), _get("returned_vnd")),
    Column("voided_qty", _l("Số lượng hủy"), _get("voided_qty")),
    Column("voided_vnd", _l("Tiền hủy (₫)"), _get("voided_vnd")),
)


def table(columns: tuple[Column, ...], rows: list[dict], *, labelled: bool) -> tuple[list, list]:
    """The header (labels in the page's language, or the API's field names) and the rows."""
    header = [str(c.label) if labelled else c.field for c in columns]
    return header, [[c.cell(row) for c in columns] for row in rows]


def download(
    name: str, fmt: str, columns: tuple[Column, ...], rows: list[dict], *, labelled: bool
) -> Response:
    """The table as an attachment ``name.csv`` or ``name.xlsx``, every cell formula-safe."""
    return table_download(name, fmt, *table(columns, rows, labelled=labelled))


def inventory_rows(inventory: dict[str, Any], names: dict[str, str]) -> list[dict[str, Any]]:
    """One row a lot, with its product's name."""
    return [
        {"product_id": item["product_id"], "name": names.get(item["product_id"], ""), **lot}
        for item in inventory["items"]
        for lot in item["lots"]
    ]
