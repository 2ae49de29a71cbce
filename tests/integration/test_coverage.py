"""T1 coverage on hand-built shelves, on both stores, checked against a replay of the raw events."""

from datetime import date, datetime
from uuid import UUID

import pytest

from projections.queries.coverage import coverage
from tests.integration.conftest import ICT, moment
from tests.integration.replay import replayed_coverage

CERTIFIED_ON = date(2022, 3, 15)  # last valid day 2025-03-14
RECEIVED_AT = datetime(2023, 1, 3, 9, tzinfo=ICT)


@pytest.fixture
def town(marketplace):
    """Supermarkets in two districts, each showing one way to (not) sell OCOP goods."""
    app = marketplace
    producer = UUID(
        app.register_producer("HTX Phú Vinh", "cooperative", "Hà Nội", "Phú Nghĩa", "Chương Mỹ")[
            "id"
        ]
    )

    def product(name: str, score: int = 75) -> UUID:
        pid = UUID(app.register_product(producer, name, "handicraft", "cái", 100_000)["id"])
        app.certify(pid, score, CERTIFIED_ON, f"QĐ-{name}")
        return pid

    def shop(name: str, district: str = "Chương Mỹ", kind: str = "supermarket") -> UUID:
        communes = {"Chương Mỹ": "Xuân Mai", "Hoài Đức": "An Khánh"}  # real communes (GSO)
        return UUID(
            app.open_outlet(name, kind, "Hà Nội", communes[district], date(2021, 1, 1), district)[
                "id"
            ]
        )

    def stock(outlet: UUID, pid: UUID, qty: int = 5) -> None:
        app.list_product(outlet, pid, date(2023, 1, 2))
        app.receive_stock(outlet, [{"product_id": pid, "qty": qty, "lot": "L1"}], RECEIVED_AT)

    basket, hat, tray, rated_two = (
        product("basket"),
        product("hat"),
        product("tray"),
        product("mat", 40),
    )
    shops = {
        name: shop(name)
        for name in (
            "selling",
            "expiring",
            "revoked",
            "sold_out",
            "delisted",
            "closed",
            "not_listed",
            "uncertified",
        )
    }
    shops["centre"] = shop("centre", district="Hoài Đức", kind="commercial_centre")
    stock(shops["selling"], basket)
    stock(shops["centre"], basket)
    stock(shops["expiring"], hat)  # only the hat, whose certificate lapses after 2025-03-14
    stock(shops["revoked"], tray)
    app.revoke_certificate(tray, "failed the food-safety criterion", date(2024, 6, 1))
    stock(shops["sold_out"], basket, qty=2)
    app.sell(
        shops["sold_out"],
        [{"product_id": basket, "qty": 2, "unit_price_vnd": 1}],
        moment(10, month=2),
    )
    stock(shops["delisted"], basket)
    app.delist_product(shops["delisted"], basket, date(2025, 2, 1))
    stock(shops["closed"], basket)
    app.write_off(shops["closed"], basket, 5, "damaged", "L1", moment(19, month=2))  # empty first
    app.close_outlet(shops["closed"], date(2025, 2, 20))
    stock(shops["uncertified"], rated_two)
    shop("point", kind="ocop_point")  # not a shelf outlet: never counted
    return shops


def reasons(answer: dict, shops: dict) -> dict[str, str | None]:
    by_id = {UUID(row["outlet_id"]): row["reason"] for row in answer["not_selling"]}
    return {name: by_id.get(oid) for name, oid in shops.items()}


def test_each_outlet_counts_or_says_why_not(town, read_models):
    read_models.refresh()
    answer = read_models.ask(coverage, date(2025, 3, 14), by="district")
    assert (answer["total"], answer["selling"], answer["ratio"]) == (8, 3, 0.375)
    assert reasons(answer, town) == {
        "selling": None,
        "centre": None,
        "expiring": None,
        "revoked": "certificate_revoked",
        "sold_out": "no_stock",
        "delisted": "not_listed",
        "closed": None,
        "not_listed": "not_listed",
        "uncertified": "not_certified",
    }
    assert {g["key"]: (g["total"], g["selling"]) for g in answer["groups"]} == {
        "Hà Nội / Chương Mỹ": (7, 2),
        "Hà Nội / Hoài Đức": (1, 1),
    }
    closed_ids = {row["outlet_id"] for row in answer["not_selling"]}
    assert str(town["closed"]) not in closed_ids  # closed outlets leave the denominator


def test_a_certificate_counts_on_its_last_valid_day_and_not_the_day_after(town, read_models):
    read_models.refresh()
    last_day = reasons(read_models.ask(coverage, date(2025, 3, 14)), town)
    day_after = reasons(read_models.ask(coverage, date(2025, 3, 15)), town)
    assert last_day["expiring"] is None and day_after["expiring"] == "certificate_expired"


def test_revocation_counts_from_its_day(town, read_models):
    read_models.refresh()
    assert reasons(read_models.ask(coverage, date(2024, 5, 31)), town)["revoked"] is None
    assert (
        reasons(read_models.ask(coverage, date(2024, 6, 1)), town)["revoked"]
        == "certificate_revoked"
    )


def test_no_open_outlet_gives_no_ratio_rather_than_100_percent(town, read_models):
    read_models.refresh()
    before_opening = read_models.ask(coverage, date(2020, 1, 1))
    assert (before_opening["total"], before_opening["ratio"]) == (0, None)
    elsewhere = read_models.ask(
        coverage, date(2025, 1, 1), places={"province": "Hà Nội", "district": "Ba Vì"}
    )
    assert elsewhere["ratio"] is None


@pytest.mark.parametrize(
    "day",
    [
        date(2023, 1, 2),
        date(2024, 6, 1),
        date(2025, 2, 10),
        date(2025, 2, 20),
        date(2025, 3, 14),
        date(2025, 3, 15),
        date(2026, 1, 1),
    ],
)
def test_as_of_answers_equal_a_replay_of_the_events_up_to_that_day(
    town, read_models, marketplace, day
):
    read_models.refresh()
    answer = read_models.ask(coverage, day)
    replayed = replayed_coverage(marketplace, day)
    assert answer["total"] == len(replayed)
    assert answer["selling"] == sum(1 for r in replayed.values() if r["reason"] is None)
    assert {UUID(r["outlet_id"]): r["reason"] for r in answer["not_selling"]} == {
        oid: r["reason"] for oid, r in replayed.items() if r["reason"] is not None
    }
