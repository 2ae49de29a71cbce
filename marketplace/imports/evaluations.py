"""Importing evaluation results (kết quả đánh giá, phân hạng): matched by certificate number."""

from typing import Any
from uuid import UUID

from domain.product import Product
from marketplace.imports.columns import Column, day, stars, whole
from marketplace.imports.keys import Registers, value_key
from marketplace.imports.kind import Kind
from marketplace.imports.products import GTIN_ALIASES
from marketplace.imports.references import product_id
from marketplace.messages import Certify


class Evaluations(Kind):
    """Rows of Certify, the product named by id or GTIN; stars follow from the score."""

    name = "evaluations"
    columns = (
        Column("product_id", "Mã định danh sản phẩm"),
        Column("gtin", "Mã vạch GTIN", example="8935049500018", aliases=GTIN_ALIASES),
        Column("score", "Điểm", whole, example=78),
        Column("stars", "Hạng sao", stars, example="4 sao"),
        Column("certified_on", "Ngày cấp", day, example="01/06/2024", aliases=("Ngày quyết định",)),
        Column(
            "certificate_no",
            "Số giấy chứng nhận",
            example="123/QĐ-UBND",
            aliases=("Số GCN", "Số quyết định", "Số QĐ"),
        ),
    )
    needs = (("product_id", "gtin"), ("score",), ("certified_on",), ("certificate_no",))

    def references(self, values: dict[str, Any], registers: Registers) -> dict[str, Any]:
        return {"product_id": UUID(product_id(values, registers))}

    def key(self, row: dict[str, Any], registers: Registers) -> tuple:
        return ("certificate_no", value_key(row["certificate_no"]))

    def find(self, key: tuple, row: dict[str, Any], registers: Registers) -> str | None:
        return registers.certificate_holder(row["certificate_no"])

    def differences(self, recorded_id: str, row: dict[str, Any], app: Any) -> dict[str, Any]:
        if UUID(recorded_id) != row["product_id"]:
            return {"product_id": recorded_id}
        product = app.get(row["product_id"], Product)
        wanted = value_key(row["certificate_no"])
        given = next(e for e in product.evaluations if value_key(e.certificate_no) == wanted)
        recorded = {"score": given.score, "certified_on": given.certified_on}
        return {f: v for f, v in recorded.items() if row[f] != v}

    def command(self, row: dict[str, Any]) -> Certify:
        return Certify(
            row["product_id"],
            row["score"],
            row["certified_on"],
            row["certificate_no"],
            row.get("stars"),
        )

    def remember(self, key: tuple, row: dict[str, Any], new_id: str, registers: Registers) -> None:
        registers.details("certificates")[key[1]] = {"product": str(row["product_id"])}
