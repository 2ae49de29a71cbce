"""Importing outlets (điểm bán): matched by name, kind and place."""

from typing import Any
from uuid import UUID

from domain.outlet import Outlet
from marketplace.imports.columns import Column, choice, day
from marketplace.imports.keys import Registers, name_key, value_key
from marketplace.imports.kind import Kind
from marketplace.imports.places import place_columns, row_place
from marketplace.messages import OpenOutlet

KINDS_VI = {
    "ocop_point": "Điểm giới thiệu và bán sản phẩm OCOP",
    "supermarket": "Siêu thị",
    "commercial_centre": "Trung tâm thương mại",
    "convenience_store": "Cửa hàng tiện lợi",
    "design_centre": "Trung tâm thiết kế sáng tạo",
    "online": "Trực tuyến",
}


class Outlets(Kind):
    """Rows of OpenOutlet: name, kind, place, opening day."""

    name = "outlets"
    columns = (
        Column("name", "Tên điểm bán", example="Điểm OCOP Bát Tràng"),
        Column(
            "kind",
            "Loại điểm bán",
            choice(KINDS_VI),
            example="Điểm giới thiệu và bán sản phẩm OCOP",
        ),
        *place_columns("Hà Nội", "Gia Lâm", "Bát Tràng"),
        Column("opened_on", "Ngày khai trương", day, example="15/03/2024"),
    )
    needs = (("name",), ("kind",), ("province",), ("commune",), ("opened_on",))

    def key(self, row: dict[str, Any], registers: Registers) -> tuple:
        place = row_place(row, row["opened_on"])
        return (name_key(row["name"]), row["kind"], *place)

    def find(self, key: tuple, row: dict[str, Any], registers: Registers) -> str | None:
        found = registers.ids("outlets", name=key[0], kind=value_key(key[1]), place=key[2:])
        return found[0] if found else None

    def differences(self, recorded_id: str, row: dict[str, Any], app: Any) -> dict[str, Any]:
        outlet = app.get(UUID(recorded_id), Outlet)
        return {} if outlet.opened_on == row["opened_on"] else {"opened_on": outlet.opened_on}

    def command(self, row: dict[str, Any]) -> OpenOutlet:
        return OpenOutlet(
            row["name"],
            row["kind"],
            row["province"],
            row["commune"],
            row["opened_on"],
            row.get("district"),
        )

    def remember(self, key: tuple, row: dict[str, Any], new_id: str, registers: Registers) -> None:
        registers.add("outlets", new_id, name=key[0], kind=value_key(key[1]), place=key[2:])
