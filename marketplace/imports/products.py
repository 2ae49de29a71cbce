"""Importing products: matched by GTIN, else by producer and name."""

from typing import Any
from uuid import UUID

from domain.product import Product
from marketplace.imports.columns import Column, choice, whole
from marketplace.imports.keys import Registers, name_key
from marketplace.imports.kind import Kind
from marketplace.imports.producers import REGISTRATION
from marketplace.imports.references import producer_id
from marketplace.messages import RegisterProduct

GROUPS_VI = {
    "food": "Thực phẩm",
    "beverage": "Đồ uống",
    "herbal": "Thảo dược",
    "textile": "Vải và may mặc",
    "handicraft": "Thủ công mỹ nghệ",
    "ornamental": "Hoa, cây cảnh và động vật cảnh",
    "tourism": "Dịch vụ du lịch nông thôn",
}
GTIN_ALIASES = ("Mã vạch", "Mã số mã vạch", "Barcode", "EAN")
COMPARED = ("producer_id", "name", "group", "unit", "price_vnd", "gtin")


class Products(Kind):
    """Rows of RegisterProduct, the producer named by id, registration number or name."""

    name = "products"
    columns = (
        Column("producer_id", "Mã định danh chủ thể"),
        Column(
            "producer_registration_no",
            "Mã số đăng ký của chủ thể",
            example="0106123456",
            aliases=tuple(f"{name} của chủ thể" for name in REGISTRATION),
        ),
        Column("producer_name", "Tên chủ thể", example="HTX Nông nghiệp Vân Hà"),
        Column("name", "Tên sản phẩm", example="Rượu làng Vân", aliases=("Tên sản phẩm OCOP",)),
        Column("group", "Nhóm sản phẩm", choice(GROUPS_VI), example="Đồ uống"),
        Column("classification", "Bộ nhóm sản phẩm (2019/2023)"),
        Column("unit", "Đơn vị tính", example="chai", aliases=("ĐVT", "Đơn vị")),
        Column(
            "price_vnd",
            "Giá niêm yết (đồng)",
            whole,
            example=150000,
            aliases=("Giá niêm yết", "Giá bán", "Giá bán lẻ", "Giá (đồng)", "Đơn giá"),
        ),
        Column("gtin", "Mã vạch GTIN", example="8935049500018", aliases=GTIN_ALIASES),
    )
    needs = (
        ("producer_id", "producer_registration_no", "producer_name"),
        ("name",),
        ("group",),
        ("unit",),
        ("price_vnd",),
    )

    def references(self, values: dict[str, Any], registers: Registers) -> dict[str, Any]:
        values["producer_id"] = producer_id(values, registers)  # the schema checks it
        return {}

    def key(self, row: dict[str, Any], registers: Registers) -> tuple:
        if row.get("gtin"):
            return ("gtin", row["gtin"])
        return ("name", str(row["producer_id"]), name_key(row["name"]))

    def find(self, key: tuple, row: dict[str, Any], registers: Registers) -> str | None:
        if key[0] == "gtin":
            holder = registers.app.gtin_holder(key[1])
            if holder is not None:
                return str(holder)
        found = registers.ids(
            "products", producer_id=str(row["producer_id"]), name=name_key(row["name"])
        )
        return found[0] if found else None

    def differences(self, recorded_id: str, row: dict[str, Any], app: Any) -> dict[str, Any]:
        product = app.get(UUID(recorded_id), Product)
        recorded = {**product.details, "producer_id": product.producer_id}
        given = {**row, "name": row["name"].strip(), "unit": row["unit"].strip()}
        same_name = name_key(recorded["name"]) == name_key(given["name"])
        return {
            field: recorded[field]
            for field in COMPARED
            if recorded[field] != given.get(field) and not (field == "name" and same_name)
        }

    def command(self, row: dict[str, Any]) -> RegisterProduct:
        return RegisterProduct(
            row["producer_id"],
            row["name"],
            row["group"],
            row["unit"],
            row["price_vnd"],
            row.get("gtin"),
            row.get("classification"),
        )

    def remember(self, key: tuple, row: dict[str, Any], new_id: str, registers: Registers) -> None:
        registers.add(
            "products", new_id, producer_id=str(row["producer_id"]), name=name_key(row["name"])
        )
