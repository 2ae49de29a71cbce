"""Demo data for ``make run``: a believable Hanoi, recorded only through the application's commands.

``load_demo`` plans producers, products and their evaluation histories in memory (seeded, so
the same seed gives the same commands), records them, then hands over to ``demo_trade`` for the
outlets, their shelves, stock and sales. All business dates lie between 2019 and October 2026.
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
    COMPANY_FORMS,
    CRAFT_VILLAGES,
    HANOI,
    HANOI_DISTRICTS,
    PERSON_NAMES,
    PRODUCER_KIND_WEIGHTS,
    PRODUCER_NAMES,
    SHELF_LIFE_DAYS,
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
FIRST_YEAR_WEIGHTS = {2019: 7, 2020: 10, 2021: 14, 2022: 17, 2023: 17, 2024: 18, 2025: 17}
STAR_WEIGHTS = {1: 1, 2: 5, 3: 58, 4: 35.5, 5: 0.5}
SCORE_BANDS = {1: (15, 29), 2: (30, 49), 3: (50, 69), 4: (70, 89), 5: (90, 95)}


@dataclass
class Producer:
    """A planned producer (chủ thể), with the id the application gave it."""

    name: str
    kind: str
    district: str
    commune: str
    trade: str
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
    from marketplace.demo_trade import load_trade

    rng, started = random.Random(seed), clock.monotonic()
    with acting_as(str(user_id_for("admin"))):
        producers, products = plan_catalogue(rng, scale)
        record_catalogue(app, producers, products)
        print(f"  catalogue recorded in {clock.monotonic() - started:.0f}s", flush=True)
        summary, bound = load_trade(app, rng, scale, producers, products)
        for username, role, password in DEMO_USERS:
            app.register_user(username, role, password, bound.get(username, []))
    print(
        f"demo loaded in {clock.monotonic() - started:.0f}s: {len(producers)} producers, "
        f"{len(products)} products, {summary}"
    )
    _print_logins()
    return 0


def _print_logins() -> None:
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
        joined = weighted(rng, FIRST_YEAR_WEIGHTS)
        for _ in range(count):
            products.append(plan_product(rng, producer, councils, joined))
    plan_nominations(rng, scale, products, councils)
    return producers, products


def council_days(rng: random.Random) -> list[date]:
    """The days evaluation councils sat: about one a month from mid-2019 to October 2026."""
    days = []
    for year in range(2019, 2027):
        for month in range(6 if year == 2019 else 2, 13):
            day = date(year, month, rng.randint(5, 26))
            day += timedelta(days=max(0, day.weekday() - 4) and 7 - day.weekday())
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
        name = PRODUCER_NAMES[kind].format(
            trade=trade if attempt < 3 else f"{trade} {rng.choice(BRANDS)}",
            place=commune,
            form=rng.choice(COMPANY_FORMS),
            brand=rng.choice(BRANDS),
            person=f"{family} {middle} {given}",
        )
        if name not in names:
            break
    names.add(name)
    return Producer(name, kind, district, commune, trade)


def plan_product(
    rng: random.Random, producer: Producer, councils: list[date], joined: int
) -> Product:
    """A product of the producer's trade (sometimes a neighbouring one) and its evaluations."""
    trade = producer.trade
    if rng.random() < 0.15:
        group = TRADES[trade][0]
        trade = rng.choice([t for t, (g, _) in TRADES.items() if g == group])
    group, goods = TRADES[trade]
    title, unit, price = rng.choice(goods)
    year = max(joined, weighted(rng, FIRST_YEAR_WEIGHTS))
    if group == "ornamental":
        year = max(year, 2023)  # the group exists from the 2023 classification on
    first = rng.choice([d for d in councils if d.year == year and d >= date(year, 3, 1)])
    if group == "textile" and first >= CLASSIFICATION_2023_FROM:
        group = "handicraft"  # textiles joined handicraft in the 2023 set
    suffix = producer.commune if producer.kind != "enterprise" else producer.name.split()[-1]
    life = SHELF_LIFE_DAYS.get(trade)
    product = Product(
        producer, f"{title} {suffix}", trade, group, unit,
        round(price * rng.uniform(0.8, 1.3), -3),
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
        product.evaluations.append((day, max(10, min(96, new))))


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


def plan_nominations(
    rng: random.Random, scale: float, products: list[Product], councils: list[date]
) -> None:
    """Each October the city nominates strong 4-star products; some make 5 stars next year."""
    for year in range(2020, 2026):
        day = date(year, 10, 15)
        candidates = [
            p for p in products if p.status_on(day) == "valid" and p.stars_on(day) == 4
        ]
        candidates.sort(key=lambda p: -max(s for d, s in p.evaluations if d <= day))
        count = min(len(candidates), scaled(14, scale, 1))
        for product in rng.sample(candidates[: 3 * count], k=count):
            product.nominations.append(day)
            upgrade = next_council(councils, day + timedelta(days=rng.randint(120, 300)))
            if product.revoked or upgrade is None or rng.random() > 0.35:
                continue
            product.evaluations = [e for e in product.evaluations if e[0] < upgrade]
            product.evaluations.append((upgrade, rng.randint(90, 96)))
            extend_history(rng, product, councils)


from marketplace.demo_data import REVOCATION_REASONS

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
                product.producer.id, product.name, product.group, product.unit, product.price,
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
