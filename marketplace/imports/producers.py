"""Importing producers (chủ thể OCOP): matched by registration number, else by name and place."""

from typing import Any
from uuid import UUID

from domain.producer import Producer
from marketplace.imports.columns import Column, choice
from marketplace.imports.keys import Registers, name_key, place_key, value_key
from marketplace.imports.kind import Kind
from marketplace.imports.places import place_columns, row_place
from marketplace.messages import RegisterProducer

KINDS_VI = {
    "cooperative": "Hợp tác xã",
    "enterprise": "Doanh nghiệp",
    "cooperative_group": "Tổ hợp tác",
    "household": "Hộ kinh doanh",
}
KIND_ALIASES = {
    "HTX": "cooperative",
    "DN": "enterprise",
    "Công ty": "enterprise",
    "THT": "cooperative_group",
    "Hộ gia đình": "household",
    "Hộ sản xuất": "household",
    "Cơ sở sản xuất": "household",
}
REGISTRATION = ("Mã số ĐKKD", "Mã số thuế", "MST", "Mã số doanh nghiệp", "Mã số HTX")


class Producers(Kind):
    """Rows of RegisterProducer: name, kind, place, registration number."""

    name = "producers"
    columns = (
        Column("name", "Tên chủ thể", example="HTX Nông nghiệp Vân Hà"),
        Column("kind", "Loại hình", choice(KINDS_VI, KIND_ALIASES), example="Hợp tác xã"),
        Column("registration_no", "Mã số đăng ký", example="0106123456", aliases=REGISTRATION),
        *place_columns("Hà Nội", "Đông Anh", "Vân Hà"),
    )
    needs = (("name",), ("kind",), ("province",), ("commune",))

    def key(self, row: dict[str, Any], registers: Registers) -> tuple:
        place = row_place(row)
        if row.get("registration_no"):
            return ("registration_no", value_key(row["registration_no"]))
        return ("name", name_key(row["name"]), *place)

    def find(self, key: tuple, row: dict[str, Any], registers: Registers) -> str | None:
        if key[0] == "registration_no":
            found = registers.ids("producers", registration_no=key[1])
            if found:
                return found[0]
        place = row_place(row)
        found = registers.ids("producers", name=name_key(row["name"]), place=place)
        return found[0] if found else None

    def differences(self, recorded_id: str, row: dict[str, Any], app: Any) -> dict[str, Any]:
        producer = app.get(UUID(recorded_id), Producer)
        recorded = {
            "name": name_key(producer.name),
            "kind": producer.kind,
            "registration_no": value_key(producer.registration_no),
            "place": place_key(producer.place),
        }
        given = {
            "name": name_key(row["name"]),
            "kind": row["kind"],
            "registration_no": value_key(row.get("registration_no")),
            "place": row_place(row),
        }
        shown = {
            "name": producer.name,
            "kind": producer.kind,
            "registration_no": producer.registration_no,
            "place": f"{producer.place.commune}, {producer.place.province}",
        }
        differ = [f for f in recorded if recorded[f] != given[f]]
        return {("commune" if f == "place" else f): shown[f] for f in differ}

    def command(self, row: dict[str, Any]) -> RegisterProducer:
        return RegisterProducer(
            row["name"],
            row["kind"],
            row["province"],
            row["commune"],
            row.get("district"),
            row.get("registration_no"),
        )

    def remember(self, key: tuple, row: dict[str, Any], new_id: str, registers: Registers) -> None:
        registers.add(
            "producers",
            new_id,
            name=name_key(row["name"]),
            kind=value_key(row["kind"]),
            registration_no=value_key(row.get("registration_no")),
            place=row_place(row),
        )
