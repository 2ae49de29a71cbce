"""A row's place, resolved as a command resolves it (marketplace/places), once per address."""

from datetime import date
from functools import lru_cache
from typing import Any

from domain.values import Place
from marketplace.clock import today
from marketplace.imports.columns import Column
from marketplace.imports.keys import place_key
from marketplace.places import place_of


@lru_cache(maxsize=4096)
def _resolved(province: str, district: str | None, commune: str, on: date) -> Place:
    return place_of(province, district, commune, on)


def row_place(row: dict[str, Any], on: date | None = None) -> tuple[str, str]:
    """The key of the place a row names (InvalidValue naming the field if it is unknown)."""
    place = _resolved(row["province"], row.get("district"), row["commune"], on or today())
    return place_key(place)


PLACE_COLUMNS_VI = {
    "province": "Tỉnh/thành phố",
    "district": "Quận/huyện",
    "commune": "Xã/phường",
}
PLACE_ALIASES = {
    "province": ("Tỉnh", "Tỉnh/TP", "Thành phố", "Tỉnh, thành phố"),
    "district": ("Huyện", "Quận", "Quận, huyện", "Quận/huyện/thị xã"),
    "commune": ("Xã", "Phường", "Xã, phường", "Xã/phường/thị trấn", "Xã/phường/đặc khu"),
}


def place_columns(province: str, district: str, commune: str) -> tuple[Column, ...]:
    """The three columns of a place, with their examples."""
    return tuple(
        Column(field, PLACE_COLUMNS_VI[field], example=example, aliases=PLACE_ALIASES[field])
        for field, example in (("province", province), ("district", district), ("commune", commune))
    )
