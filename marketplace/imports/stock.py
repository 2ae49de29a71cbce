"""Importing opening stock (tồn đầu kỳ): one receipt per row, matched by outlet, product and lot.

A lot already held at the outlet is "already present" if its expiry and what is on hand are
the file's; otherwise the row is refused: opening stock is taken in once, and a count
(kiểm kê) corrects it afterwards.
"""

from typing import Any
from uuid import UUID

from domain.outlet import Outlet
from marketplace.imports.columns import Column, day, text, whole
from marketplace.imports.keys import Registers
from marketplace.imports.kind import Kind
from marketplace.imports.products import GTIN_ALIASES
from marketplace.imports.references import outlet_id, product_id
from marketplace.messages import ReceiveStock


class OpeningStock(Kind):
    """Rows of ReceiveStock (one line each): outlet by id or name, product by id or GTIN."""

    name = "stock"
    columns = (
        Column("outlet_id", "Mã định danh điểm bán"),
        Column("outlet_name", "Tên điểm bán", example="Điểm OCOP Bát Tràng"),
        Column("product_id", "Mã định danh sản phẩm"),
        Column("gtin", "Mã vạch GTIN", example="8935049500018", aliases=GTIN_ALIASES),
        Column("lot", "Số lô", text, example="L2025-01"),
        Column("expires_on", "Hạn sử dụng", day, example="31/12/2030"),
        Column("qty", "Số lượng", whole, example=24),
        Column("unit_cost_vnd", "Giá nhập (đồng)", whole, example=120000),
    )
    needs = (("outlet_id", "outlet_name"), ("product_id", "gtin"), ("qty",))

    def references(self, values: dict[str, Any], registers: Registers) -> dict[str, Any]:
        outlet = outlet_id(values, registers)
        values["product_id"] = product_id(values, registers)  # the schema checks it
        return {"outlet_id": UUID(outlet)}

    def key(self, row: dict[str, Any], registers: Registers) -> tuple:
        return (row["outlet_id"], row["product_id"], row.get("lot") or "")

    def find(self, key: tuple, row: dict[str, Any], registers: Registers) -> str | None:
        held = self._held(registers.app, row)
        return str(row["outlet_id"]) if held is not None else None

    def differences(self, recorded_id: str, row: dict[str, Any], app: Any) -> dict[str, Any]:
        held = self._held(app, row)
        recorded = {"expires_on": held.expires_on, "qty": held.on_hand}
        return {f: v for f, v in recorded.items() if row.get(f) != v}

    @staticmethod
    def _held(app: Any, row: dict[str, Any]):
        outlet = app.get_referenced(row["outlet_id"], Outlet, "outlet_id")
        return outlet.lots.get(row["product_id"].hex, {}).get(row.get("lot") or "")

    def command(self, row: dict[str, Any]) -> ReceiveStock:
        line = {k: v for k, v in row.items() if k != "outlet_id"}
        return ReceiveStock(row["outlet_id"], [line])
