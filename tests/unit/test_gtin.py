"""GTINs: GS1 check digits, checked by the domain when a product is registered."""

from uuid import uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidValue
from domain.gtin import check_digit, check_gtin, with_check_digit
from domain.product import Product

# Published examples: an EAN-13, a UPC-A, an EAN-8 and a GTIN-14.
GOOD = ["4006381333931", "036000291452", "96385074", "10614141000415", "8936000000011"]


@pytest.mark.parametrize("gtin", GOOD)
def test_published_gtins_pass_their_check_digit(gtin):
    check_gtin(gtin)
    assert check_digit(gtin[:-1]) == int(gtin[-1])


@pytest.mark.parametrize("gtin", GOOD)
def test_a_gtin_with_a_wrong_check_digit_is_refused_naming_gtin(gtin):
    wrong = gtin[:-1] + str((int(gtin[-1]) + 1) % 10)
    with pytest.raises(InvalidValue) as refused:
        check_gtin(wrong)
    assert refused.value.field == "gtin"
    assert refused.value.message.endswith(f"should be {gtin[-1]}")


@pytest.mark.parametrize("gtin", ["", "1234567", "123456789", "12ab5678", "١٢٣٤٥٦٧٨", " 96385074"])
def test_a_gtin_that_is_not_8_12_13_or_14_ascii_digits_is_refused(gtin):
    with pytest.raises(InvalidValue, match="8, 12, 13 or 14 digits"):
        check_gtin(gtin)


@given(
    st.sampled_from([7, 11, 12, 13]).flatmap(
        lambda n: st.text("0123456789", min_size=n, max_size=n)
    )
)
def test_every_body_with_its_check_digit_passes_and_any_other_last_digit_fails(body):
    gtin = with_check_digit(body)
    check_gtin(gtin)
    for digit in set("0123456789") - {gtin[-1]}:
        with pytest.raises(InvalidValue):
            check_gtin(body + digit)


def test_registering_a_product_with_a_wrong_check_digit_is_refused():
    with pytest.raises(InvalidValue) as refused:
        Product.register(uuid4(), "Gạo", "food", "kg", 1, gtin="4006381333932")
    assert refused.value.field == "gtin"
