"""Demo producers and products: planned in memory with their evaluation histories, then recorded."""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from uuid import UUID

from domain.gtin import with_check_digit
from domain.product import Evaluation
from domain.reference import CLASSIFICATION_2023_FROM, stars_for_score
from marketplace.application import Marketplace
from marketplace.demo.data import (
    BRANDS,
    COMPANY_FORMS,
    CRAFT_VILLAGES,
    HANOI,
    HANOI_DISTRICTS,
    PERSON_NAMES,
    PRODUCER_KIND_WEIGHTS,
    PRODUCER_NAMES,
    REVOCATION_REASONS,
    SHELF_LIFE_DAYS,
    TRADE_WEIGHTS,
    TRADES,
    URBAN_DISTRICTS,
)

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
    """The last valid day of a certificate issued on ``certified_on``, by the domain's rule."""
    return Evaluation(score=50, stars=3, certified_on=certified_on, certificate_no="").valid_until


def scaled(value: float, scale: float, minimum: int) -> int:
    """``value`` at ``scale``, never below ``minimum``."""
    return max(minimum, round(value * scale))


def weighted(rng: random.Random, weights: dict):
    """One key of ``weights`` drawn by weight (keys in insertion order, so seeded draws repeat)."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


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
    return with_check_digit(f"893{500000000 + serial:09d}")
