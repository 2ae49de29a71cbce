"""Outlet and place names are listed in Vietnamese order (Đ after D, accents after the base
letter), not by code point, on both stores."""

from datetime import date

from projections.queries.outlets import outlets_named
from projections.queries.producers import producer_places

NAMES = ["Điểm OCOP Đông Anh", "Dịch vụ OCOP", "Ánh Dương", "Ẩm thực Việt", "An Khang", "Zeta"]


def test_outlets_are_listed_in_vietnamese_order(marketplace, read_models):
    for name in NAMES:
        marketplace.open_outlet(name, "ocop_point", "Hà Nội", "Uy Nỗ", date(2024, 1, 1), "Đông Anh")
    read_models.refresh()
    listed = [row["name"] for row in read_models.ask(outlets_named)]
    assert listed == [
        "An Khang",
        "Ánh Dương",
        "Ẩm thực Việt",
        "Dịch vụ OCOP",
        "Điểm OCOP Đông Anh",
        "Zeta",
    ]


def test_producers_provinces_are_offered_in_vietnamese_order(marketplace, read_models):
    for province, commune in (
        ("Đồng Nai", "Biên Hòa"),
        ("Điện Biên", "Mường Thanh"),
        ("Đà Nẵng", "Hải Châu"),
        ("Cà Mau", "An Xuyên"),
    ):
        marketplace.register_producer(f"HTX {province}", "cooperative", province, commune)
    read_models.refresh()
    assert read_models.ask(producer_places)["provinces"] == [
        "Cà Mau",
        "Đà Nẵng",
        "Điện Biên",
        "Đồng Nai",
    ]
