"""Demo outlets across Hanoi's districts: planned in memory, then opened through the application."""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from marketplace.application import Marketplace
from marketplace.demo.actor import DEMO_ADMIN
from marketplace.demo.catalogue import scaled, weighted
from marketplace.demo.data import (
    CHAIN_WEIGHTS,
    COMMERCIAL_CENTRES,
    CONVENIENCE_CHAINS,
    CRAFT_VILLAGES,
    DESIGN_CENTRE,
    HANOI,
    HANOI_DISTRICTS,
    OCOP_POINT,
    ONLINE_SHOPS,
    SUPERMARKET_CHAINS,
    URBAN_DISTRICTS,
)

# Planning and opening the outlets ---------------------------------------------------------

OUTLETS_AT_SCALE_1 = {
    # kind → (count, minimum)
    "ocop_point": (110, 4),
    "supermarket": (135, 30),  # at least one in every district, whatever the scale
    "commercial_centre": (29, 2),
    "design_centre": (24, 2),
    "convenience_store": (8, 1),
    "online": (4, 1),
}
POINT_YEAR_WEIGHTS = {2019: 8, 2020: 12, 2021: 22, 2022: 22, 2023: 18, 2024: 11, 2025: 7}
DISTRICTS_WITH_DESIGN_CENTRE = 22
"""T3 wants one in every district; the demo city has one in 22 of 30."""


@dataclass
class Shop:
    """A planned outlet, with the id the application gave it."""

    name: str
    kind: str
    district: str
    commune: str
    opened_on: date
    trade: str | None = None
    """The craft-village trade of a point tied to a village."""
    chain: str | None = None
    anchor: bool = False
    """The district's long-standing supermarket: it never closes, so every district has one."""
    new_units: bool = False
    """Opened after the July 2025 reform and recorded as then: province and commune only
    (``district`` is kept in the plan for where its goods come from)."""
    id: UUID | None = None


def day_between(rng: random.Random, start: date, end: date) -> date:
    """A day from ``start`` to ``end``, both included."""
    return start + timedelta(days=rng.randint(0, (end - start).days))


def in_year(rng: random.Random, year: int) -> date:
    """A day of ``year``, up to the end of October 2025."""
    return day_between(rng, date(year, 1, 2), min(date(year, 12, 28), date(2025, 10, 31)))


def plan_outlets(rng: random.Random, scale: float) -> list[Shop]:
    """Every outlet of the demo city, ordered by the day it opened."""
    count = {kind: scaled(n, scale, low) for kind, (n, low) in OUTLETS_AT_SCALE_1.items()}
    names: set[str] = set()
    shops = (
        _ocop_points(rng, count["ocop_point"], names)
        + _supermarkets(rng, count["supermarket"], names)
        + _commercial_centres(rng, count["commercial_centre"], names)
        + _design_centres(rng, count["design_centre"])
        + _small_shops(rng, count["convenience_store"], count["online"], names)
        + [_after_the_reform(names)]
    )
    return sorted(shops, key=lambda s: (s.opened_on, s.name))


def _after_the_reform(names: set[str]) -> Shop:
    """One OCOP point opened after 1 July 2025 in a ward of the new units (Phường Hồng Hà,
    which took in parts of the old Hoàn Kiếm and Ba Đình): a place with no district."""
    name = _unique(f"{OCOP_POINT} phường Hồng Hà", names)
    return Shop(name, "ocop_point", "Hoàn Kiếm", "Hồng Hà", date(2025, 8, 15), new_units=True)


def _unique(name: str, names: set[str]) -> str:
    """``name``, or ``name (cơ sở N)`` if an outlet already has it."""
    candidate, n = name, 1
    while candidate in names:
        n += 1
        candidate = f"{name} (cơ sở {n})"
    names.add(candidate)
    return candidate


def _district(rng: random.Random, urban_weight: float) -> str:
    """A district, urban ones weighted ``urban_weight`` against 1 for the rest."""
    districts = list(HANOI_DISTRICTS)
    weights = [urban_weight if d in URBAN_DISTRICTS else 1 for d in districts]
    return rng.choices(districts, weights=weights)[0]


def _ocop_points(rng: random.Random, n: int, names: set[str]) -> list[Shop]:
    """Points in craft villages first (about a fifth), then every district, then the rest."""
    shops = []
    villages = rng.sample(CRAFT_VILLAGES, k=min(len(CRAFT_VILLAGES), n // 5))
    for district, commune, trade, village in villages:
        name = _unique(f"{OCOP_POINT} làng nghề {village}", names)
        opened = in_year(rng, weighted(rng, POINT_YEAR_WEIGHTS))
        shops.append(Shop(name, "ocop_point", district, commune, opened, trade))
    districts = rng.sample(list(HANOI_DISTRICTS), k=min(30, n - len(shops)))
    while len(shops) < n:
        district = districts.pop() if districts else _district(rng, 0.6)
        commune = rng.choice(HANOI_DISTRICTS[district])
        opened = in_year(rng, weighted(rng, POINT_YEAR_WEIGHTS))
        name = _unique(f"{OCOP_POINT} {commune}", names)
        shops.append(Shop(name, "ocop_point", district, commune, opened))
    return shops


def _supermarkets(rng: random.Random, n: int, names: set[str]) -> list[Shop]:
    """Chain supermarkets: one long-standing in every district, the rest mostly urban."""
    shops = []
    for index in range(n):
        anchor = index < len(HANOI_DISTRICTS)
        district = list(HANOI_DISTRICTS)[index] if anchor else _district(rng, 3)
        commune = rng.choice(HANOI_DISTRICTS[district])
        chain = rng.choices(SUPERMARKET_CHAINS, weights=CHAIN_WEIGHTS)[0]
        if anchor:
            year = rng.randint(2008, 2020)
        else:
            year = rng.randint(2008, 2023) if rng.random() < 0.85 else rng.choice([2024, 2025])
        name = _unique(f"{chain} {commune}", names)
        opened = in_year(rng, year)
        shops.append(Shop(name, "supermarket", district, commune, opened, None, chain, anchor))
    return shops


def _commercial_centres(rng: random.Random, n: int, names: set[str]) -> list[Shop]:
    """The real centres first; beyond them (at scales above 1) centres named after a commune."""
    known = rng.sample(COMMERCIAL_CENTRES, k=min(n, len(COMMERCIAL_CENTRES)))
    while len(known) < n:
        district = _district(rng, 2)
        commune = rng.choice(HANOI_DISTRICTS[district])
        known.append((f"Trung tâm thương mại {commune}", district, commune))
    return [
        Shop(
            _unique(name, names),
            "commercial_centre",
            district,
            commune,
            in_year(rng, rng.randint(2006, 2023)),
        )
        for name, district, commune in known
    ]


def _design_centres(rng: random.Random, n: int) -> list[Shop]:
    """One centre in most districts (a second in a few), opened from 2021 on."""
    districts = rng.sample(list(HANOI_DISTRICTS), k=min(n, DISTRICTS_WITH_DESIGN_CENTRE))
    shops = []
    for index in range(n):
        district = districts[index % len(districts)]
        commune = rng.choice(HANOI_DISTRICTS[district])
        second = " (cơ sở 2)" if index >= len(districts) else ""
        opened = day_between(rng, date(2021, 3, 1), date(2025, 9, 30))
        shops.append(
            Shop(f"{DESIGN_CENTRE} {district}{second}", "design_centre", district, commune, opened)
        )
    return shops


def _small_shops(rng: random.Random, stores: int, online: int, names: set[str]) -> list[Shop]:
    """A few convenience stores in the urban districts, and online shops."""
    shops = []
    for _ in range(stores):
        district = rng.choice(URBAN_DISTRICTS)
        commune = rng.choice(HANOI_DISTRICTS[district])
        name = _unique(f"{rng.choice(CONVENIENCE_CHAINS)} {commune}", names)
        opened = in_year(rng, rng.randint(2016, 2023))
        shops.append(Shop(name, "convenience_store", district, commune, opened))
    for index in range(online):
        name, district, commune = ONLINE_SHOPS[index % len(ONLINE_SHOPS)]
        opened = in_year(rng, rng.randint(2020, 2023))
        shops.append(Shop(_unique(name, names), "online", district, commune, opened))
    return shops


def record_outlets(app: Marketplace, shops: list[Shop]) -> None:
    """Open every planned outlet."""
    for shop in shops:
        shop.id = UUID(
            app.open_outlet(
                shop.name,
                shop.kind,
                HANOI,
                shop.commune,
                shop.opened_on,
                None if shop.new_units else shop.district,
                actor=DEMO_ADMIN,
            )["id"]
        )
