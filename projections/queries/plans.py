"""Plan targets as data: one TOML file per province plan, in projections/plans/.

A plan names its province by GSO code in the units it was written in (``province_code`` and
``units``; the 2021–2025 plans: the units before the July 2025 reform)."""

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from marketplace.places.units import CURRENT, LEGACY, Unit, gazetteer

PLANS_DIR = Path(__file__).resolve().parent.parent / "plans"


@dataclass(frozen=True)
class Plan:
    """A province's plan: targets for each year of its span."""

    province: str
    province_code: str
    units: str
    name: str
    from_year: int
    to_year: int
    defaults: dict[str, Any]
    years: dict[int, dict[str, Any]]

    def targets_for(self, year: int) -> dict[str, Any]:
        """The targets in force in ``year`` ({} outside the plan's years)."""
        if not self.from_year <= year <= self.to_year:
            return {}
        return {**self.defaults, **self.years.get(year, {})}

    def target_years(self) -> list[int]:
        """The years the plan sets targets for."""
        return [y for y in range(self.from_year, self.to_year + 1) if self.targets_for(y)]


def load_plans(directory: Path = PLANS_DIR) -> dict[str, Plan]:
    """Every plan in the directory, by province."""
    plans = {}
    for path in sorted(directory.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        plans[data["province"]] = Plan(
            province=data["province"],
            province_code=data["province_code"],
            units=data.get("units", LEGACY),
            name=data["name"],
            from_year=data["from_year"],
            to_year=data["to_year"],
            defaults=data.get("defaults", {}),
            years={int(year): values for year, values in data.get("years", {}).items()},
        )
    return plans


def plan_for(plans: dict[str, Plan], province: Unit) -> Plan | None:
    """The plan of a province, matched by code: one written in its units, else (a 2025
    province) the plan of the old province of the same code merged into it, else of any old
    province merged into it."""
    places = gazetteer()
    same = [
        p for p in plans.values() if (p.units, p.province_code) == (province.units, province.code)
    ]
    merged = [
        p
        for p in plans.values()
        if province.units == CURRENT
        and p.units == LEGACY
        and places.province_after_reform(p.province_code) == province
    ]
    merged.sort(key=lambda p: p.province_code != province.code)
    return next(iter(same + merged), None)
