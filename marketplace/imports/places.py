"""A row's place, resolved as a command resolves it (marketplace/places), once per address."""

from datetime import date
from functools import lru_cache
from typing import Any

from domain.values import Place
from marketplace.imports.keys import place_key
from marketplace.places import place_of


@lru_cache(maxsize=4096)
def _resolved(province: str, district: str | None, commune: str, on: date | None) -> Place:
    return place_of(province, district, commune, on)


def row_place(row: dict[str, Any], on: date | None = None) -> tuple[str, str]:
    """The key of the place a row names (InvalidValue naming the field if it is unknown)."""
    place = _resolved(row["province"], row.get("district"), row["commune"], on)
    return place_key(place)


PLACE_COLUMNS_VI = {
    "province": "Tỉnh/thành phố",
    "district": "Quận/huyện",
    "commune": "Xã/phường",
}
