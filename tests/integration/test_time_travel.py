"""Time travel: a product on any day, and an outlet at any version, equal a replay of its events."""

from datetime import date, timedelta
from uuid import UUID

import pytest

from domain.product import Product
from tests.integration.conftest import moment

CERTIFIED = date(2021, 5, 10)  # last valid day 2024-05-09
REVOKED = date(2023, 8, 1)
RERATED = date(2023, 9, 1)


def business_day(event) -> date | None:
    return {
        "Evaluated": getattr(event, "certified_on", None),
        "CertificateRevoked": getattr(event, "revoked_on", None),
    }.get(type(event).__name__)


def replay_until(app, product_id: UUID, day: date) -> Product:
    """Apply only the events whose business date is on or before ``day``."""
    product = None
    for stored in app.recorder.select_events(product_id):
        event = app.mapper.to_domain_event(stored)
        if business_day(event) is None or business_day(event) <= day:
            product = event.mutate(product)
    return product


@pytest.fixture
def rated(marketplace):
    producer = UUID(marketplace.register_producer("HTX", "cooperative", "Hà Nội", "Vân Hà")["id"])
    product = UUID(marketplace.register_product(producer, "Rượu", "beverage", "chai", 1)["id"])
    marketplace.certify(product, 80, CERTIFIED, "A")
    marketplace.revoke_certificate(product, "mandatory criterion failed", REVOKED)
    marketplace.certify(product, 62, RERATED, "B")
    return product


EDGES = [
    CERTIFIED - timedelta(days=1),
    CERTIFIED,
    REVOKED - timedelta(days=1),
    REVOKED,
    RERATED - timedelta(days=1),
    RERATED,
    date(2026, 8, 31),
    date(2026, 9, 1),
]


@pytest.mark.parametrize("day", EDGES)
def test_a_product_as_of_a_day_equals_a_replay_up_to_that_day(marketplace, rated, day):
    shown = marketplace.product(rated, as_of=day)["certificate"]
    status = replay_until(marketplace, rated, day).certificate_on(day)
    expected = (
        None
        if status is None
        else {
            "stars": status.stars,
            "score": status.score,
            "certificate_no": status.certificate_no,
            "certified_on": status.certified_on.isoformat(),
            "valid_until": status.valid_until.isoformat(),
            "status": status.status,
        }
    )
    assert shown == expected


def test_the_certificate_edges_read_as_the_rules_say(marketplace, rated):
    status = {
        day: (marketplace.product(rated, as_of=day)["certificate"] or {}).get("status")
        for day in EDGES
    }
    assert list(status.values()) == [
        None,
        "valid",
        "valid",
        "revoked",
        "revoked",
        "valid",
        "valid",
        "expired",
    ]


def test_an_outlet_at_each_version_equals_a_replay_of_its_first_events(marketplace, shelf):
    for day in range(2, 6):
        line = [{"product_id": shelf["product"], "qty": 1, "unit_price_vnd": 1}]
        marketplace.sell(shelf["outlet"], line, moment(day))
    stored = marketplace.recorder.select_events(shelf["outlet"])
    for version in range(1, len(stored) + 1):
        replayed = None
        for row in stored[:version]:
            replayed = marketplace.mapper.to_domain_event(row).mutate(replayed)
        shown = marketplace.outlet(shelf["outlet"], as_of_version=version)
        assert shown["version"] == version
        assert shown["stock"] == [
            {
                "product_id": str(UUID(k)),
                "on_hand": sum(l.on_hand for l in v.values()),
                "lots": [
                    {"lot": c, "on_hand": l.on_hand, "expires_on": None}
                    for c, l in sorted(v.items())
                ],
            }
            for k, v in sorted(replayed.stock.items())
        ]


def test_an_outlet_as_of_today_is_its_current_state(marketplace, shelf):
    from marketplace.clock import today

    assert marketplace.outlet(shelf["outlet"], as_of=today()) == marketplace.outlet(shelf["outlet"])
