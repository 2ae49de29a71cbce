"""The place periods of the register (issue 14): reports of a past day read the place an outlet
or a producer had that day, not the place it has now, on both stores."""

from datetime import date, datetime
from uuid import UUID

from sqlalchemy import select

from domain.producer import Producer
from marketplace.clock import today
from marketplace.places.filters import place_filter
from projections.queries.coverage import coverage, coverage_counts
from projections.queries.sales import sales_report
from projections.queries.targets import targets
from tests.integration.conftest import ICT, moment

MOVED_ON = date(2025, 3, 10)
HAI_PHONG = {"province": "Hải Phòng", "district": "An Lão", "commune": "An Thắng"}


def _moved(marketplace, shelf) -> None:
    """The shelf's supermarket (Hà Nội, Đông Anh) sells 2 on 3 March, moves to Hải Phòng from
    10 March, sells 3 on 12 March."""
    marketplace.sell(shelf["outlet"], [_line(shelf, 2)], moment(3))
    marketplace.correct_outlet(shelf["outlet"], changed_on=MOVED_ON, **HAI_PHONG)
    marketplace.sell(shelf["outlet"], [_line(shelf, 3)], moment(12))


def _line(shelf, qty: int) -> dict:
    return {"product_id": shelf["product"], "qty": qty, "unit_price_vnd": 150_000}


def test_the_register_keeps_each_outlet_place_from_the_day_it_took_effect(
    marketplace, shelf, read_models
):
    _moved(marketplace, shelf)
    marketplace.correct_outlet(shelf["outlet"], name="WinMart An Lão", changed_on=date(2025, 4, 1))
    read_models.refresh()
    p = read_models.views.register.t.outlet_places
    with read_models.read_engine.connect() as conn:
        rows = conn.execute(select(p.c.from_day, p.c.province, p.c.district_code)).all()
    assert sorted(rows) == [(date(2020, 1, 1), "Hà Nội", "017"), (MOVED_ON, "Hải Phòng", "313")]


def test_a_second_move_dated_the_same_day_replaces_that_day_s_place(
    marketplace, shelf, read_models
):
    _moved(marketplace, shelf)
    marketplace.correct_outlet(
        shelf["outlet"], province="Hà Nội", district="Gia Lâm", commune="Bát Tràng"
    )
    marketplace.correct_outlet(
        shelf["outlet"], province="Hà Nội", district="Sóc Sơn", commune="Phù Linh"
    )
    read_models.refresh()
    p = read_models.views.register.t.outlet_places
    with read_models.read_engine.connect() as conn:
        rows = conn.execute(select(p.c.from_day, p.c.district)).all()
    assert sorted(rows) == [
        (date(2020, 1, 1), "Đông Anh"),
        (MOVED_ON, "An Lão"),
        (today(), "Sóc Sơn"),
    ]


def test_coverage_counts_a_moved_outlet_in_its_province_of_the_day(marketplace, shelf, read_models):
    _moved(marketplace, shelf)
    read_models.refresh()
    hanoi = place_filter({"province": "Hà Nội"}, "legacy", MOVED_ON)
    for day, counted in ((date(2025, 3, 9), (1, 1)), (MOVED_ON, (0, 0))):
        assert read_models.ask(coverage_counts, day, hanoi) == counted, day
    before = read_models.ask(coverage, date(2025, 3, 9), "district")["groups"]
    after = read_models.ask(coverage, MOVED_ON, "district")["groups"]
    assert [g["key"] for g in before] == ["Hà Nội / Đông Anh"]
    assert [g["key"] for g in after] == ["Hải Phòng / An Lão"]


def test_sales_lines_are_placed_where_their_outlet_was_on_their_day(
    marketplace, shelf, read_models
):
    _moved(marketplace, shelf)
    read_models.refresh()
    answer = read_models.ask(sales_report, "province", None, None, None, "legacy")
    assert [(i["key"], i["qty"]) for i in answer["items"]] == [("Hà Nội", 2), ("Hải Phòng", 3)]
    hanoi = read_models.ask(
        sales_report, "day", None, None, None, "legacy", place={"province": "Hà Nội"}
    )
    assert [(i["key"], i["qty"]) for i in hanoi["items"]] == [("2025-03-03", 2)]


def test_targets_of_a_past_year_count_a_producer_where_it_was_before_it_moved(
    marketplace, read_models, monkeypatch
):
    """A producer registered in Hà Nội on 5 June last year (its registration recorded then)
    moved to Hải Phòng from 15 January this year: last year's targets count it in Hà Nội, this
    year's in Hải Phòng."""
    last_year = today().year - 1
    recorded = datetime(last_year, 6, 5, 9, tzinfo=ICT)
    monkeypatch.setattr(Producer.Registered, "create_timestamp", staticmethod(lambda: recorded))
    producer = UUID(
        marketplace.register_producer(
            "HTX Bát Tràng", "cooperative", "Hà Nội", "Bát Tràng", "Gia Lâm"
        )["id"]
    )
    monkeypatch.undo()
    marketplace.correct_producer(
        producer,
        province="Hải Phòng",
        district="An Lão",
        commune="An Thắng",
        changed_on=date(last_year + 1, 1, 15),
    )
    read_models.refresh()
    for year, province, counted in (
        (last_year, "Hà Nội", 1),
        (last_year, "Hải Phòng", 0),
        (last_year + 1, "Hà Nội", 0),
        (last_year + 1, "Hải Phòng", 1),
    ):
        answer = read_models.ask(targets, province, year, today())
        t8 = next(t for t in answer["targets"] if t["id"] == "T8")
        assert t8["detail"]["producers"] == counted, (year, province)
