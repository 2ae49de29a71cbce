"""The coverage status timeline equals the per-listing computation on every day of random
histories (late entries, delisting, revocation, expiry, re-evaluation, stock to zero and back,
lots that expire), on both stores, fed in uneven batches, and a rebuild of the timeline equals
the live one; both equal a replay of the raw events on sampled days, expiries' among them."""

import random
from datetime import date, datetime, timedelta
from uuid import UUID

import pytest
from sqlalchemy import select

from domain.errors import DomainError
from projections.queries.coverage import coverage, coverage_ratio
from projections.rebuild import rebuild
from projections.runner import Runner
from tests.integration.conftest import ICT
from tests.integration.replay import replayed_coverage
from tests.oracles.coverage import reference_coverage

TWO_PLACES = (  # (commune, opened on, district): two districts, real units (GSO)
    ("Uy Nỗ", date(2023, 1, 1), "Đông Anh"),
    ("Bát Tràng", date(2023, 1, 1), "Gia Lâm"),
)

FIRST, LAST = date(2023, 12, 1), date(2025, 12, 31)


def random_day(rng: random.Random, first: date = FIRST, last: date = LAST) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def random_moment(rng: random.Random) -> datetime:
    day = random_day(rng)
    return datetime(day.year, day.month, day.day, rng.choice((0, 9, 23)), tzinfo=ICT)


def random_history(app, rng: random.Random, refresh, operations: int = 90) -> list[date]:
    """Shelves, products and certificates changed in random order: many entries come late.
    Returns the lots' expiry days."""
    producer = UUID(
        app.register_producer("HTX Thử", "cooperative", "Hà Nội", "Vân Hà", "Đông Anh")["id"]
    )
    products, evaluated = [], {}
    for n in range(6):
        pid = UUID(app.register_product(producer, f"SP {n}", "food", "kg", 10_000)["id"])
        first = random_day(rng, date(2021, 1, 1), date(2024, 6, 30) if n > 1 else date(2022, 6, 1))
        app.certify(pid, rng.choice((25, 45, 55, 75, 92)), first, f"C-{n}-0")
        products.append(pid)
        evaluated[pid] = first
    outlets = [
        UUID(app.open_outlet(f"Shop {n}", kind, "Hà Nội", *TWO_PLACES[n % 2])["id"])
        for n, kind in enumerate(
            (
                "supermarket",
                "supermarket",
                "supermarket",
                "commercial_centre",
                "ocop_point",
                "supermarket",
            )
        )
    ]
    app.close_outlet(outlets[2], random_day(rng, date(2025, 1, 1)))
    # Lot codes with one expiry each (or none): lots run out on days with no event.
    expiries = {"L": None, **{f"E{n}": random_day(rng) for n in range(4)}}
    listed: dict[tuple, date] = {}  # what is on the shelves now, to pick plausible commands
    stocked: dict[tuple, bool] = {}  # (dicts keep their order: the same history every run)
    for _ in range(operations):
        outlet, product = rng.choice(outlets), rng.choice(products)
        if outlet == outlets[-1]:  # this one keeps only the two lapsing products
            product = rng.choice(products[:2])
        op = rng.choices(
            (
                "list",
                "delist",
                "receive",
                "sell",
                "count",
                "write_off",
                "certify",
                "revoke",
                "refresh",
            ),
            weights=(5, 3, 5, 5, 3, 1, 2, 2, 3),
        )[0]
        if op in ("delist", "receive") and listed:
            outlet, product = rng.choice(list(listed))
        elif op in ("sell", "count", "write_off") and stocked:
            outlet, product = rng.choice(list(stocked))
        try:
            if op == "list":
                day = random_day(rng)
                app.list_product(outlet, product, day)
                listed[outlet, product] = day
            elif op == "delist":
                app.delist_product(
                    outlet, product, random_day(rng, listed.get((outlet, product), FIRST))
                )
                del listed[outlet, product]
            elif op == "receive":
                lot = rng.choice(list(expiries))
                line = {"product_id": product, "qty": rng.randint(1, 4), "lot": lot}
                if expiries[lot] is not None:
                    line["expires_on"] = expiries[lot]
                app.receive_stock(outlet, [line], random_moment(rng))
                stocked[outlet, product] = True
            elif op == "sell":
                app.sell(
                    outlet,
                    [{"product_id": product, "qty": rng.randint(1, 2), "unit_price_vnd": 1}],
                    random_moment(rng),
                )
            elif op == "count":  # stock to zero, or back
                app.count_stock(
                    outlet,
                    product,
                    rng.choice((0, 0, 2)),
                    "count",
                    lot=rng.choice(list(expiries)),
                    counted_at=random_moment(rng),
                )
            elif op == "write_off":
                app.write_off(
                    outlet,
                    product,
                    1,
                    "damaged",
                    lot=rng.choice(list(expiries)),
                    written_off_at=random_moment(rng),
                )
            elif op == "certify":
                day = evaluated[product] + timedelta(days=rng.randint(30, 900))
                if day <= LAST and product not in products[:2]:  # these two lapse
                    app.certify(product, rng.choice((45, 60, 80, 95)), day, f"C-{rng.random()}")
                    evaluated[product] = day
            elif op == "revoke":
                app.revoke_certificate(product, "failed a criterion", random_day(rng))
            else:
                refresh()
        except DomainError:
            pass  # the domain refused it: fine, the history is what was recorded
    return [day for day in expiries.values() if day is not None]


def every_day(first: date, last: date):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def assert_timeline_equals_reference(read_models, step: int = 1) -> int:
    checked = 0
    with read_models.read_engine.connect() as conn:
        for day in list(every_day(FIRST, LAST))[::step]:
            for by in (None, "district"):
                expected = reference_coverage(conn, read_models.views, day, by=by)
                assert coverage(conn, read_models.views, day, by=by) == expected, day
            assert coverage_ratio(conn, read_models.views, day) == expected["ratio"]
            checked += 1
    return checked


def assert_equals_a_replay(app, read_models, days: list[date]) -> None:
    """The coverage answer equals an independent replay of the raw events on each day."""
    for day in days:
        answer = read_models.ask(coverage, day)
        replayed = replayed_coverage(app, day)
        assert answer["selling"] == sum(1 for r in replayed.values() if r["reason"] is None), day
        assert {UUID(r["outlet_id"]): r["reason"] for r in answer["not_selling"]} == {
            oid: r["reason"] for oid, r in replayed.items() if r["reason"] is not None
        }, day


def rows_of(read_models, name: str) -> dict[str, list[tuple]]:
    view = getattr(read_models.views, name)
    with read_models.read_engine.connect() as conn:
        return {
            table.name: sorted(tuple(str(v) for v in row) for row in conn.execute(select(table)))
            for table in view.metadata.sorted_tables
        }


def status_rows(read_models) -> list[tuple]:
    return rows_of(read_models, "coverage_status")[read_models.views.coverage_status.t.status.name]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_timeline_equals_the_per_listing_computation_on_every_day(
    marketplace, read_models, seed
):
    rng = random.Random(seed)
    runner = Runner(  # small, uneven batches, as a busy live runner would see them
        read_models.runner.engine,
        marketplace.recorder,
        marketplace.mapper.to_domain_event,
        read_models.views.all(),
        batch_size=(1, 4, 9)[seed % 3],
    )

    def catch_up_and_check() -> None:  # part way too, on every 9th day
        runner.catch_up()
        assert_timeline_equals_reference(read_models, step=9)

    expiries = random_history(marketplace, rng, catch_up_and_check)
    runner.catch_up()
    assert read_models.refresh() == 0
    selling_days = assert_timeline_equals_reference(read_models)
    assert selling_days == (LAST - FIRST).days + 1
    around_expiries = [d + timedelta(days=n) for d in expiries for n in (0, 1)]
    assert_equals_a_replay(
        marketplace, read_models, around_expiries + list(every_day(FIRST, LAST))[::61]
    )

    live = status_rows(read_models)
    assert live, "the history lists something somewhere"
    shelves = rows_of(read_models, "shelves")
    rebuild(read_models.runner, read_models.views, "shelves")
    assert rows_of(read_models, "shelves") == shelves
    rebuild(read_models.runner, read_models.views, "coverage_status")
    assert status_rows(read_models) == live


def test_the_answers_are_not_all_alike(marketplace, read_models):
    """The random histories do exercise every reason (else the test above proves little)."""
    reasons = set()
    for seed in (1, 2, 3):
        random_history(marketplace, random.Random(seed), lambda: None)
    read_models.refresh()
    with read_models.read_engine.connect() as conn:
        for day in every_day(FIRST, LAST):
            answer = coverage(conn, read_models.views, day)
            reasons.update(r["reason"] for r in answer["not_selling"])
            if answer["selling"]:
                reasons.add(None)
    assert reasons >= {
        None,
        "not_listed",
        "no_stock",
        "certificate_expired",
        "certificate_revoked",
        "not_certified",
    }
