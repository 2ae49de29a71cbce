"""Demo data for ``make run``: a believable Hanoi, recorded only through the application's commands.

``load_demo`` plans producers, products with their evaluation histories, and outlets in memory
(from one seeded ``random.Random``, so the same seed gives the same commands), records them,
then hands over to ``demo_trade`` for shelves, stock, sales and programme events. Evaluations
run from 2019 to October 2026, trade from 2024 to mid-2025, closures in 2026: all in the past.
"""

import random
import time as clock
from dataclasses import dataclass, field
from datetime import date, timedelta
from uuid import UUID

from domain.actor import acting_as
from domain.reference import CLASSIFICATION_2023_FROM, stars_for_score
from domain.user import user_id_for
from domain.values import add_months
from marketplace.application import Marketplace
from marketplace.demo_data import (
    BRANDS,
    CHAIN_WEIGHTS,
    COMMERCIAL_CENTRES,
    COMPANY_FORMS,
    CONVENIENCE_CHAINS,
    CRAFT_VILLAGES,
    DESIGN_CENTRE,
    HANOI,
    HANOI_DISTRICTS,
    OCOP_POINT,
    ONLINE_SHOPS,
    PERSON_NAMES,
    PRODUCER_KIND_WEIGHTS,
    PRODUCER_NAMES,
    REVOCATION_REASONS,
    SHELF_LIFE_DAYS,
    SUPERMARKET_CHAINS,
    TRADE_WEIGHTS,
    TRADES,
    URBAN_DISTRICTS,
)

DEMO_USERS = [  # username, role, password (demo only: change before any real use)
    ("admin", "admin", "admin-demo-2025"),
    ("officer", "officer", "officer-demo-2025"),
    ("auditor", "auditor", "auditor-demo-2025"),
    ("staff", "staff", "staff-demo-2025"),
    ("manager", "staff", "manager-demo-2025"),
]
PRODUCTS_AT_SCALE_1 = 3000
EVALUATIONS_UNTIL = date(2026, 10, 31)
"""Councils in the plan sit up to here; later expiries are simply not renewed yet."""
FIRST_YEAR_WEIGHTS = {2019: 9, 2020: 11, 2021: 13, 2022: 15, 2023: 16, 2024: 17, 2025: 19}
STAR_WEIGHTS = {1: 1, 2: 5, 3: 58, 4: 35.7, 5: 0.3}
SCORE_BANDS = {1: (15, 29), 2: (30, 49), 3: (50, 69), 4: (70, 89), 5: (90, 95)}


@dataclass
class Producer:
    """A planned producer (chủ thể), with the id the application gave it."""

    name: str
    kind: str
    district: str
    commune: str
    trade: str
    label: str
    """What its product names end with: the brand of an enterprise, else the commune."""
    id: UUID | None = None


@dataclass
class Product:
    """A planned product: its evaluations, revocation and nominations, in date order."""

    producer: Producer
    name: str
    trade: str
    group: str
    unit: str
    price: int
    shelf_life: int | None
    evaluations: list[tuple[date, int]] = field(default_factory=list)
    revoked: tuple[date, str] | None = None
    nominations: list[date] = field(default_factory=list)
    id: UUID | None = None

    @property
    def classification(self) -> str:
        """The group set in force when the product was first evaluated."""
        return "2019" if self.evaluations[0][0] < CLASSIFICATION_2023_FROM else "2023"

    def stars_on(self, day: date) -> int:
        """Stars of the evaluation in force on ``day`` (0 if none yet)."""
        in_force = [score for on, score in self.evaluations if on <= day]
        return stars_for_score(in_force[-1]) if in_force else 0

    def status_on(self, day: date) -> str | None:
        """valid, expired, revoked or not_certified on ``day``, as the domain will say."""
        in_force = [(on, score) for on, score in self.evaluations if on <= day]
        if not in_force:
            return None
        on, score = in_force[-1]
        if stars_for_score(score) < 3:
            return "not_certified"
        if self.revoked and on <= self.revoked[0] <= day:
            return "revoked"
        return "expired" if day > valid_until(on) else "valid"


def valid_until(certified_on: date) -> date:
    """The last valid day of a certificate issued on ``certified_on`` (36 months)."""
    return add_months(certified_on, 36) - timedelta(days=1)


def scaled(value: float, scale: float, minimum: int) -> int:
    """``value`` at ``scale``, never below ``minimum``."""
    return max(minimum, round(value * scale))


def weighted(rng: random.Random, weights: dict):
    """One key of ``weights`` drawn by weight (keys in insertion order, so seeded draws repeat)."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def load_demo(
    app: Marketplace, seed: int = 2025, scale: float = 1.0, if_empty: bool = False
) -> int:
    """Record producers, products, outlets, stock and sales; print the demo logins."""
    if app.exists(user_id_for("admin")):
        if if_empty:
            print("demo data already loaded")
            _print_logins()
            return 0
        print("refused: demo users exist already; use a fresh database")
        return 1
    from marketplace.demo_trade import load_trade  # it builds on the plans made here

    rng, started = random.Random(seed), clock.monotonic()
    with acting_as(str(user_id_for("admin"))):
        producers, products = plan_catalogue(rng, scale)
        record_catalogue(app, producers, products)
        shops = plan_outlets(rng, scale)
        record_outlets(app, shops)
        print(f"  registers recorded in {clock.monotonic() - started:.0f}s", flush=True)
        summary, bound = load_trade(app, rng, scale, shops, producers, products)
        for username, role, password in DEMO_USERS:
            app.register_user(username, role, password, bound.get(username, []))
    print(
        f"demo loaded in {clock.monotonic() - started:.0f}s: {len(producers)} producers, "
        f"{len(products)} products, {summary}"
    )
    _print_logins()
    return 0


def _print_logins() -> None:
    """The demo accounts, for the person who just loaded the demo."""
    print("demo logins (username / password):")
    for username, role, password in DEMO_USERS:
        print(f"  {username:<8} {password:<20} {role}")


# Planning the catalogue -------------------------------------------------------------------


def plan_catalogue(rng: random.Random, scale: float) -> tuple[list[Producer], list[Product]]:
    """Producers until the product target is reached, then their histories and nominations."""
    target = scaled(PRODUCTS_AT_SCALE_1, scale, 60)
    councils = council_days(rng)
    producers: list[Producer] = []
    products: list[Product] = []
    names: set[str] = set()
    while len(products) < target:
        producer = plan_producer(rng, names)
        producers.append(producer)
        count = min(target - len(products), 1 + int(rng.expovariate(1 / 2.6)))
        for _ in range(count):
            products.append(plan_product(rng, producer, councils))
    plan_nominations(rng, products, councils)
    return producers, products


def council_days(rng: random.Random) -> list[date]:
    """The days evaluation councils sat: about one a month from mid-2019 to October 2026."""
    days = []
    for year in range(2019, 2027):
        for month in range(6 if year == 2019 else 2, 13):
            day = date(year, month, rng.randint(5, 26))
            if day.weekday() >= 5:  # councils sit on working days
                day += timedelta(days=7 - day.weekday())
            if day <= EVALUATIONS_UNTIL:
                days.append(day)
    return days


def plan_producer(rng: random.Random, names: set[str]) -> Producer:
    """A producer of a weighted kind and trade, in a craft village for many craft trades."""
    trade = weighted(rng, TRADE_WEIGHTS)
    villages = [v for v in CRAFT_VILLAGES if v[2] == trade]
    if villages and rng.random() < 0.7:
        district, commune, *_ = rng.choice(villages)
    else:
        districts = list(HANOI_DISTRICTS)
        weights = [1 if d in URBAN_DISTRICTS else 3 for d in districts]
        district = rng.choices(districts, weights=weights)[0]
        commune = rng.choice(HANOI_DISTRICTS[district])
    kind = weighted(rng, PRODUCER_KIND_WEIGHTS)
    for attempt in range(20):
        family, middle, given = (rng.choice(part) for part in PERSON_NAMES)
        brand = rng.choice(BRANDS)
        name = PRODUCER_NAMES[kind].format(
            trade=trade if attempt < 3 else f"{trade} {rng.choice(BRANDS)}",
            place=commune,
            form=rng.choice(COMPANY_FORMS),
            brand=brand,
            person=f"{family} {middle} {given}",
        )
        if name not in names:
            break
    names.add(name)
    label = brand if kind == "enterprise" else commune
    return Producer(name, kind, district, commune, trade, label)


def plan_product(rng: random.Random, producer: Producer, councils: list[date]) -> Product:
    """A product of the producer's trade (sometimes a neighbouring one) and its evaluations."""
    trade = producer.trade
    if rng.random() < 0.15:
        group = TRADES[trade][0]
        trade = rng.choice([t for t, (g, _) in TRADES.items() if g == group])
    group, goods = TRADES[trade]
    title, unit, price = rng.choice(goods)
    year = weighted(rng, FIRST_YEAR_WEIGHTS)
    if group == "ornamental":
        year = max(year, 2023)  # the group exists from the 2023 classification on
    first = rng.choice([d for d in councils if d.year == year and d >= date(year, 3, 1)])
    if group == "textile" and first >= CLASSIFICATION_2023_FROM:
        group = "handicraft"  # textiles joined handicraft in the 2023 set
    life = SHELF_LIFE_DAYS.get(trade)
    product = Product(
        producer,
        f"{title} {producer.label}",
        trade,
        group,
        unit,
        int(round(price * rng.uniform(0.8, 1.3), -3)),
        rng.randint(*life) if life else None,
    )
    stars = weighted(rng, STAR_WEIGHTS)
    product.evaluations.append((first, rng.randint(*SCORE_BANDS[stars])))
    extend_history(rng, product, councils)
    if rng.random() < 0.025:
        plan_revocation(rng, product)
    return product


def next_council(councils: list[date], after: date) -> date | None:
    """The first council day on or after ``after``."""
    return next((d for d in councils if d >= after), None)


def extend_history(rng: random.Random, product: Product, councils: list[date]) -> None:
    """Re-evaluations after the last one: retries, upgrades and renewals near expiry."""
    while True:
        on, score = product.evaluations[-1]
        if stars_for_score(score) < 3:
            if rng.random() > 0.45:
                return
            then, new = on + timedelta(days=rng.randint(180, 540)), score + rng.randint(15, 35)
        elif rng.random() < 0.06:
            then, new = on + timedelta(days=rng.randint(365, 730)), score + rng.randint(8, 20)
        elif rng.random() < 0.62:
            then = valid_until(on) + timedelta(days=rng.randint(-90, 150))
            new = score + round(rng.gauss(1, 7))
        else:
            return  # never re-evaluated: the certificate lapses
        day = next_council(councils, then)
        if day is None:
            return
        ceiling = 96 if score >= 90 else 89  # 5 stars only through the national round
        product.evaluations.append((day, max(10, min(ceiling, new))))


def plan_revocation(rng: random.Random, product: Product) -> None:
    """Revoke the last certificate some time into its validity; nothing follows it."""
    certified = [i for i, (_, score) in enumerate(product.evaluations) if score >= 50]
    if not certified:
        return
    index = rng.choice(certified)
    on = product.evaluations[index][0]
    end = min(valid_until(on), EVALUATIONS_UNTIL)
    if (end - on).days < 120:
        return
    del product.evaluations[index + 1 :]
    revoked_on = on + timedelta(days=rng.randint(60, (end - on).days - 30))
    product.revoked = (revoked_on, rng.choice(REVOCATION_REASONS))


def plan_nominations(rng: random.Random, products: list[Product], councils: list[date]) -> None:
    """Each October the city nominates 2–3.5% of its certified products, the best 4-star ones
    (target T5 is 3%); a few of them make 5 stars at the national round the next year."""
    for year in range(2020, 2026):
        day = date(year, 10, 15)
        valid = [p for p in products if p.status_on(day) == "valid"]
        candidates = [p for p in valid if p.stars_on(day) == 4]
        candidates.sort(key=lambda p: -max(s for d, s in p.evaluations if d <= day))
        count = min(len(candidates), max(1, round(len(valid) * rng.uniform(0.02, 0.035))))
        for product in rng.sample(candidates[: 3 * count], k=count):
            product.nominations.append(day)
            upgrade = next_council(councils, day + timedelta(days=rng.randint(120, 300)))
            if product.revoked or upgrade is None or rng.random() > 0.1:
                continue
            product.evaluations = [e for e in product.evaluations if e[0] < upgrade]
            product.evaluations.append((upgrade, rng.randint(90, 96)))
            extend_history(rng, product, councils)


# Recording the catalogue ------------------------------------------------------------------


def record_catalogue(app: Marketplace, producers: list[Producer], products: list[Product]) -> None:
    """Register every producer and product, then replay each product's history in date order."""
    for producer in producers:
        producer.id = UUID(
            app.register_producer(
                producer.name, producer.kind, HANOI, producer.commune, producer.district
            )["id"]
        )
    serial = 0
    for done, product in enumerate(products, 1):
        product.id = UUID(
            app.register_product(
                product.producer.id,
                product.name,
                product.group,
                product.unit,
                product.price,
                gtin=gtin(done) if product.producer.kind == "enterprise" else None,
                classification=product.classification,
            )["id"]
        )
        steps = [(on, 0, score) for on, score in product.evaluations]
        steps += [(on, 1, None) for on in product.nominations]
        if product.revoked:
            steps.append((product.revoked[0], 2, product.revoked[1]))
        for on, step, detail in sorted(steps, key=lambda s: (s[0], s[1])):
            if step == 0:
                serial += 1
                app.certify(product.id, detail, on, certificate_no(serial, on, detail))
            elif step == 1:
                app.nominate(product.id, on)
            else:
                app.revoke_certificate(product.id, detail, on)
        if done % 500 == 0:
            print(f"  products: {done}/{len(products)}", flush=True)


def certificate_no(serial: int, on: date, score: int) -> str:
    """A certificate (or, below 3 stars, an evaluation result) number of the issuer."""
    stars = stars_for_score(score)
    if stars < 3:
        return f"KQ-{serial:05d}/{on.year}"
    issuer = "BNN" if stars == 5 else "UBND-HN"
    return f"{serial:05d}/{on.year}/GCN-{issuer}"


def gtin(serial: int) -> str:
    """A GTIN-13 with Vietnam's 893 prefix and a correct check digit."""
    body = f"893{500000000 + serial:09d}"
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


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
    )
    return sorted(shops, key=lambda s: (s.opened_on, s.name))


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
                shop.name, shop.kind, HANOI, shop.commune, shop.opened_on, shop.district
            )["id"]
        )
