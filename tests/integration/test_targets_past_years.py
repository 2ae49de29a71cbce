"""Targets for a past year count only what had happened by its end (issue 11, item 5).

Registrations carry only their recording time, so a producer or product is on the register
on a day when it was recorded by then (Vietnam time) or when something dated by then is
recorded about it (an evaluation, nomination, listing, display or promotion; for a producer,
one of its products or design support it received). Everything here is recorded today, so
for 2020 only what the dated facts place in 2020 counts.
"""

from datetime import date
from uuid import UUID

from marketplace.clock import today
from projections.queries.targets import targets

HANOI = "Hà Nội"


def _target(read_models, tid: str, year: int) -> dict:
    read_models.refresh()
    answer = read_models.ask(targets, HANOI, year, today())
    return next(t for t in answer["targets"] if t["id"] == tid)


COMMUNES = {"Gia Lâm": "Bát Tràng", "Sóc Sơn": "Phù Linh", "Ba Vì": "Ba Trại"}  # real (GSO)


def _producer(app, kind: str = "cooperative", district: str = "Gia Lâm") -> UUID:
    return UUID(
        app.register_producer(f"HTX {kind} {district}", kind, HANOI, COMMUNES[district], district)[
            "id"
        ]
    )


def _product(app, producer: UUID, name: str) -> UUID:
    return UUID(app.register_product(producer, name, "handicraft", "cái", 100_000)["id"])


def test_producer_kinds_of_a_past_year_count_only_producers_on_the_register_by_its_end(
    marketplace, read_models
):
    app = marketplace
    old = _producer(app, "cooperative")
    app.certify(_product(app, old, "Bình gốm"), 80, date(2020, 5, 1), "QĐ-1")
    _producer(app, "household")  # registered today, nothing dated before
    t8 = _target(read_models, "T8", 2020)
    assert (t8["detail"]["producers"], t8["detail"]["organised"], t8["value"]) == (1, 1, 1.0)
    assert _target(read_models, "T8", today().year)["detail"]["producers"] == 2


def test_products_shown_in_a_past_year_are_a_share_of_the_products_on_the_register_then(
    marketplace, read_models
):
    app = marketplace
    maker = _producer(app)
    shown, later = _product(app, maker, "Bình gốm"), _product(app, maker, "Ấm chén")
    centre = UUID(
        app.open_outlet("TT thiết kế", "design_centre", HANOI, "Bát Tràng", date(2019, 1, 1))["id"]
    )
    app.showcase(centre, shown, date(2020, 6, 1))
    t7 = _target(read_models, "T7", 2020)
    assert (t7["detail"]["products"], t7["detail"]["products_shown"], t7["value"]) == (1, 1, 1.0)
    assert _target(read_models, "T7", today().year)["detail"]["products"] == 2
    assert later


def test_modern_channels_of_a_past_year_count_producers_then_and_outlets_open_then(
    marketplace, read_models
):
    app = marketplace
    seller, newcomer = _producer(app), _producer(app, district="Sóc Sơn")
    product = _product(app, seller, "Bình gốm")
    shop = UUID(
        app.open_outlet("Siêu thị", "supermarket", HANOI, "Bát Tràng", date(2019, 1, 1))["id"]
    )
    app.list_product(shop, product, date(2020, 2, 1))
    app.close_outlet(shop, date(2021, 6, 30))
    t6 = _target(read_models, "T6", 2020)
    assert (t6["detail"]["producers"], t6["detail"]["producers_in_modern_channels"]) == (1, 1)
    t6_after_closing = _target(read_models, "T6", 2022)
    assert t6_after_closing["detail"]["producers_in_modern_channels"] == 0
    assert newcomer


def test_an_expired_certificate_renewed_years_later_was_waiting_in_the_years_between(
    marketplace, read_models
):
    app = marketplace
    product = _product(app, _producer(app), "Bình gốm")
    app.certify(product, 80, date(2018, 1, 10), "QĐ-2018")  # last valid day 2021-01-09
    app.certify(product, 82, date(2025, 1, 5), "QĐ-2025")
    t9 = _target(read_models, "T9", 2022)
    assert t9["value"] == 1
    assert t9["detail"]["longest_wait_days"] == (date(2022, 12, 31) - date(2021, 1, 9)).days
    assert _target(read_models, "T9", 2025)["value"] == 0


def test_districts_of_a_past_year_are_those_with_an_outlet_or_producer_by_its_end(
    marketplace, read_models
):
    app = marketplace
    app.open_outlet("Điểm OCOP", "ocop_point", HANOI, "Bát Tràng", date(2021, 3, 1), "Gia Lâm")
    app.open_outlet("Điểm mới", "ocop_point", HANOI, "Phù Linh", date(2025, 3, 1), "Sóc Sơn")
    _producer(app, district="Ba Vì")  # registered today, nothing dated before
    t2 = _target(read_models, "T2", 2021)
    assert [row["district"] for row in t2["detail"]["by_district"]] == ["Gia Lâm"]
    assert t2["detail"]["districts_behind"] == ["Gia Lâm"]  # 1 of the 2 a year asked
    now = _target(read_models, "T2", today().year)
    assert [row["district"] for row in now["detail"]["by_district"]] == [
        "Ba Vì",
        "Gia Lâm",
        "Sóc Sơn",
    ]
