"""Vietnam's administrative units (đơn vị hành chính) by their GSO codes, before and after the
1 July 2025 reform, with the dated mapping from the old units to the new.

Read once, lazily, from ``units.json.gz`` beside this module (written by tools/build_places.py,
which records its sources inside). Two sets of units:

- ``legacy``: 63 provinces (tỉnh/thành phố), their districts (quận/huyện/thị xã/thành phố) and
  communes (xã/phường/thị trấn), in force until 2025-06-30;
- ``2025``: 34 provinces and their communes (xã/phường/đặc khu), no districts, from 2025-07-01.

Codes are unique within a set only: a 2025 commune often reuses the code of one of the communes
merged into it, so a code is always read with its set.
"""

import gzip
import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

LEGACY = "legacy"
CURRENT = "2025"
UNIT_SETS = (LEGACY, CURRENT)
REFORM_DAY = date(2025, 7, 1)
LAST_LEGACY_DAY = date(2025, 6, 30)
LEVELS = ("province", "district", "commune")


@dataclass(frozen=True)
class Unit:
    """One administrative unit: "Xã Bát Tràng" is type "Xã", short name "Bát Tràng"."""

    code: str
    kind: str
    short: str
    level: str
    parent_code: str | None
    units: str
    aliases: tuple[str, ...] = ()
    """Other names it is found by, plain and without spaces: mostly communes merged into it
    before the reform ("changson" for Thạch Xá, which Chàng Sơn joined in 2025)."""

    @property
    def name(self) -> str:
        """The full name with its type word, as official documents write it."""
        return f"{self.kind} {self.short}"

    @property
    def valid_from(self) -> date | None:
        """The first day the unit is in force (None: before the data begins)."""
        return REFORM_DAY if self.units == CURRENT else None

    @property
    def valid_to(self) -> date | None:
        """The last day the unit is in force (None: still in force)."""
        return LAST_LEGACY_DAY if self.units == LEGACY else None


def units_on(day: date) -> str:
    """The set of units in force on ``day``."""
    return CURRENT if day >= REFORM_DAY else LEGACY


class Gazetteer:
    """The units of both sets, by code and by parent, and the reform's mapping."""

    def __init__(self, document: dict) -> None:
        self.source = document["source"]
        self._by_code: dict[tuple[str, str, str], Unit] = {}
        self._children: dict[tuple[str, str, str | None], list[Unit]] = {}
        self._levels: dict[tuple[str, str], list[Unit]] = {}
        for units, key in ((LEGACY, "legacy"), (CURRENT, "current")):
            aliases = document[key].get("commune_aliases", {})
            for level in LEVELS:
                for code, kind, short, parent in document[key].get(f"{level}s", []):
                    known = tuple(aliases.get(code, ())) if level == "commune" else ()
                    self._add(Unit(code, kind, short, level, parent, units, known))
        reform = document["reform"]
        self._new_province = reform["provinces"]
        self._new_commune = reform["communes"]
        self._new_commune_of_district = reform["districts"]

    def _add(self, unit: Unit) -> None:
        self._by_code[(unit.units, unit.level, unit.code)] = unit
        self._children.setdefault((unit.units, unit.level, unit.parent_code), []).append(unit)
        self._levels.setdefault((unit.units, unit.level), []).append(unit)

    def unit(self, units: str, level: str, code: str | None) -> Unit | None:
        """The unit of that set and level with that code, or None."""
        return self._by_code.get((units, level, code)) if code else None

    def children(self, units: str, level: str, parent_code: str | None = None) -> list[Unit]:
        """The units of a level under a parent (provinces: no parent)."""
        return self._children.get((units, level, parent_code), [])

    def all(self, units: str, level: str) -> list[Unit]:
        """Every unit of a level in a set."""
        return self._levels.get((units, level), [])

    def province_after_reform(self, legacy_code: str | None) -> Unit | None:
        """The 2025 province an old province became part of (Hải Dương -> Hải Phòng)."""
        return self.unit(CURRENT, "province", self._new_province.get(legacy_code or ""))

    def commune_after_reform(
        self, commune_code: str | None, district_code: str | None = None
    ) -> Unit | None:
        """The 2025 commune an old commune became (or its main part, if it was divided); a
        district with no communes (an island district) maps as a whole."""
        new = self._new_commune.get(commune_code or "")
        if new is None and not commune_code:
            new = self._new_commune_of_district.get(district_code or "")
        return self.unit(CURRENT, "commune", new)


@cache
def gazetteer() -> Gazetteer:
    """The units the app ships with, read on first use."""
    data = resources.files(__package__) / "units.json.gz"
    with data.open("rb") as packed, gzip.open(packed, "rt", encoding="utf-8") as text:
        return Gazetteer(json.load(text))
