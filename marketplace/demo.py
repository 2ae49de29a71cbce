"""Demo data for ``make run``, built only through the application's own commands."""

import random
from datetime import date, datetime, time, timedelta
from uuid import UUID

from domain.actor import acting_as
from domain.user import user_id_for
from marketplace.application import Marketplace
from marketplace.clock import VIETNAM
from marketplace.demo_data import (
    HANOI,
    HANOI_DISTRICTS,
    PRODUCER_NAMES,
    PRODUCTS_BY_GROUP,
    SUPERMARKET_CHAINS,
)

DEMO_USERS = [  # username, role, password (demo only: change before any real use)
    ("admin", "admin", "admin-demo-2025"),
    ("officer", "officer", "officer-demo-2025"),
    ("auditor", "auditor", "auditor-demo-2025"),
    ("staff", "staff", "staff-demo-2025"),
    ("manager", "staff", "manager-demo-2025"),
]
START = date(2021, 1, 4)


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
    rng = random.Random(seed)
    with acting_as(str(user_id_for("admin"))):
        products = _catalogue(app, rng, scale)
        outlets = _outlets(app, rng, scale)
        _trade(app, rng, products, outlets)
        _users(app, outlets)
    print(f"demo loaded: {len(products)} products, {sum(map(len, outlets.values()))} outlets")
    _print_logins()
    return 0


def _catalogue(app: Marketplace, rng: random.Random, scale: float) -> list[UUID]:
    products = []
    for district in rng.sample(sorted(HANOI_DISTRICTS), k=max(1, round(20 * min(scale, 1.5)))):
        commune = rng.choice(HANOI_DISTRICTS[district])
        group = rng.choice(sorted(PRODUCTS_BY_GROUP))
        kind = rng.choice(sorted(PRODUCER_NAMES))
        name = PRODUCER_NAMES[kind].format(trade=group, place=commune)
        producer = UUID(app.register_producer(name, kind, HANOI, commune, district)["id"])
        for title, unit, price in rng.sample(
            PRODUCTS_BY_GROUP[group], k=min(2, len(PRODUCTS_BY_GROUP[group]))
        ):
            product = UUID(
                app.register_product(
                    producer, f"{title} {commune}", group, unit, price, classification="2019"
                )["id"]
            )
            certified_on = START + timedelta(days=rng.randrange(0, 1400))
            app.certify(
                product, rng.randint(45, 96), certified_on, f"{rng.randint(100, 9999)}/QĐ-UBND"
            )
            products.append(product)
    return products


def _outlets(app: Marketplace, rng: random.Random, scale: float) -> dict[str, list[UUID]]:
    outlets: dict[str, list[UUID]] = {"supermarket": [], "commercial_centre": [], "ocop_point": []}
    for index, district in enumerate(sorted(HANOI_DISTRICTS)):
        commune = HANOI_DISTRICTS[district][0]
        opened = START - timedelta(days=rng.randrange(0, 700))
        chain = SUPERMARKET_CHAINS[index % len(SUPERMARKET_CHAINS)]
        outlets["supermarket"].append(
            _open(app, f"{chain} {district}", "supermarket", district, commune, opened)
        )
        if index % 5 == 0:
            outlets["commercial_centre"].append(
                _open(
                    app,
                    f"Trung tâm thương mại {district}",
                    "commercial_centre",
                    district,
                    commune,
                    opened,
                )
            )
        if index % 2 == 0:
            outlets["ocop_point"].append(
                _open(
                    app,
                    f"Điểm giới thiệu và bán sản phẩm OCOP {district}",
                    "ocop_point",
                    district,
                    commune,
                    START,
                )
            )
    return outlets


def _open(
    app: Marketplace, name: str, kind: str, district: str, commune: str, opened: date
) -> UUID:
    return UUID(app.open_outlet(name, kind, HANOI, commune, opened, district)["id"])


def _trade(
    app: Marketplace, rng: random.Random, products: list[UUID], outlets: dict[str, list[UUID]]
) -> None:
    """Most shelves list certified goods and sell some; a few list none, so coverage is real."""
    day = date(2025, 6, 2)
    for kind, ids in outlets.items():
        for outlet in ids:
            if kind != "ocop_point" and rng.random() < 0.25:
                continue  # this supermarket does not carry OCOP goods yet
            chosen = rng.sample(products, k=min(len(products), rng.randint(2, 6)))
            at = datetime.combine(day, time(9), VIETNAM)
            for product in chosen:
                app.list_product(outlet, product, day, low_stock_threshold=5)
            app.receive_stock(
                outlet,
                [
                    {
                        "product_id": p,
                        "qty": rng.randint(10, 60),
                        "lot": f"L{day:%y%m}",
                        "expires_on": day + timedelta(days=365),
                    }
                    for p in chosen
                ],
                at,
            )
            for hour in range(10, 10 + rng.randint(1, 5)):
                product = rng.choice(chosen)
                price = app.product(product)["price_vnd"]
                app.sell(
                    outlet,
                    [{"product_id": product, "qty": rng.randint(1, 3), "unit_price_vnd": price}],
                    datetime.combine(day, time(hour), VIETNAM),
                )


def _users(app: Marketplace, outlets: dict[str, list[UUID]]) -> None:
    bound = {"staff": [outlets["ocop_point"][0]], "manager": [outlets["supermarket"][0]]}
    for username, role, password in DEMO_USERS:
        app.register_user(username, role, password, bound.get(username, []))


def _print_logins() -> None:
    print("demo logins (username / password):")
    for username, role, password in DEMO_USERS:
        print(f"  {username:<8} {password:<20} {role}")
