"""Demo data for ``make run``: a believable Hanoi, recorded only through the application's commands.

``load_demo`` plans producers, products with their evaluation histories, and outlets in memory
(from one seeded ``random.Random``, so the same seed gives the same commands), records them,
then hands over to ``trade`` for shelves, stock, sales and programme events. Evaluations
run from 2019 to October 2026, trade from 2024 to mid-2025, closures in 2026: all in the past.
"""

import random
import time as clock

from domain.user import user_id_for
from marketplace.application import Marketplace
from marketplace.demo.actor import DEMO_ADMIN
from marketplace.demo.catalogue import plan_catalogue, record_catalogue
from marketplace.demo.edits import plant_misspelling, record_corrections
from marketplace.demo.outlets import plan_outlets, record_outlets
from marketplace.demo.trade import load_trade

DEMO_USERS = [  # username, role, password (demo only: change before any real use)
    ("admin", "admin", "admin-demo-2025"),
    ("officer", "officer", "officer-demo-2025"),
    ("auditor", "auditor", "auditor-demo-2025"),
    ("staff", "staff", "staff-demo-2025"),
    ("manager", "manager", "manager-demo-2025"),
]


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
    rng, started = random.Random(seed), clock.monotonic()
    producers, products = plan_catalogue(rng, scale)
    misspelling = plant_misspelling(products)
    record_catalogue(app, producers, products)
    record_corrections(app, producers, misspelling)
    shops = plan_outlets(rng, scale)
    record_outlets(app, shops)
    print(f"  registers recorded in {clock.monotonic() - started:.0f}s", flush=True)
    summary, bound = load_trade(app, rng, scale, shops, producers, products)
    for username, role, password in DEMO_USERS:
        app.register_user(username, role, password, bound.get(username, []), actor=DEMO_ADMIN)
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
