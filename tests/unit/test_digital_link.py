"""GS1 Digital Link URIs of products and lots, and the GS1 dates in them."""

from datetime import date

import pytest

from domain.errors import InvalidValue
from domain.gtin import with_check_digit
from web.digital_link import digital_link, from_yymmdd, gtin_14, held_forms, yymmdd

HONEY = "8936000000028"  # a GTIN-13 with Vietnam's 893 prefix
TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    "gtin", [with_check_digit("9638507"), "012345678905", HONEY, "18936000000025"]
)
def test_every_gtin_length_is_written_with_14_digits_padded_with_zeros(gtin):
    assert gtin_14(gtin) == gtin.zfill(14) and len(gtin_14(gtin)) == 14


def test_a_gtin_with_a_wrong_check_digit_is_refused_naming_the_right_digit():
    with pytest.raises(InvalidValue) as refused:
        gtin_14("8936000000029")
    assert refused.value.field == "gtin" and refused.value.params["expected"] == 8


@pytest.mark.parametrize(
    "gtin", ["89360000000", "893600000002800", "abcdefghijklm", "８９３６0000"]
)
def test_a_gtin_of_another_length_or_not_digits_is_refused(gtin):
    with pytest.raises(InvalidValue):
        gtin_14(gtin)


def test_a_register_may_hold_the_gtin_in_each_of_its_shorter_forms():
    ean8 = with_check_digit("9638507")
    assert held_forms(ean8) == [ean8.zfill(14), ean8.zfill(13), ean8.zfill(12), ean8]
    assert held_forms("0" + HONEY) == ["0" + HONEY, HONEY]
    assert held_forms("18936000000025") == ["18936000000025"]  # no zeros to drop


def test_a_product_link_is_the_gtin_14_under_ai_01():
    assert digital_link("https://ocop.example.vn/", HONEY) == (
        "https://ocop.example.vn/01/08936000000028"
    )


def test_a_lot_link_percent_encodes_the_lot_and_carries_its_expiry_as_ai_17():
    link = digital_link("https://x.vn", HONEY, "L 2026/1ă", date(2027, 1, 31))
    assert link == "https://x.vn/01/08936000000028/10/L%202026%2F1%C4%83?17=270131"


def test_a_lot_without_expiry_has_no_query():
    assert (
        digital_link("https://x.vn", HONEY, "A-1.b_c~")
        == "https://x.vn/01/08936000000028/10/A-1.b_c~"
    )


def test_gs1_dates_read_back_with_the_century_nearest_today_and_day_00_as_month_end():
    assert from_yymmdd(yymmdd(date(2027, 12, 31)), TODAY) == date(2027, 12, 31)
    assert from_yymmdd("760101", TODAY) == date(2076, 1, 1)  # 50 years ahead at most
    assert from_yymmdd("770101", TODAY) == date(1977, 1, 1)
    assert from_yymmdd("280200", TODAY) == date(2028, 2, 29)  # 00: the month's last day


@pytest.mark.parametrize("text", ["27123", "271331", "270230", "27-1-3", "２７１２３１", "271200x"])
def test_a_gs1_date_that_is_not_one_is_refused(text):
    with pytest.raises(ValueError):
        from_yymmdd(text, TODAY)
