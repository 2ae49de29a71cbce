"""Product rules: stars from the score, certificate validity at every date edge, revocation."""

from datetime import date
from uuid import uuid4

import pytest

from domain.base import stamped
from domain.errors import InvalidValue, RuleConflict
from domain.product import Product
from domain.reference import stars_for_score


def new_product(group: str = "food", **kwargs) -> Product:
    return Product.register(uuid4(), "Chè Shan tuyết", group, "hộp", 120_000, **kwargs)


@pytest.mark.parametrize(
    "score, stars",
    [(100, 5), (90, 5), (89, 4), (70, 4), (69, 3), (50, 3), (49, 2), (30, 2), (29, 1), (0, 1)],
)
def test_stars_follow_the_council_score(score, stars):
    assert stars_for_score(score) == stars


@pytest.mark.parametrize("score", [-1, 101, 50.5, True, "80"])
def test_a_score_outside_0_to_100_is_refused(score):
    with pytest.raises(InvalidValue) as refused:
        stars_for_score(score)
    assert refused.value.field == "score"


def test_given_stars_that_disagree_with_the_score_are_refused_and_nothing_recorded():
    product = new_product()
    with pytest.raises(InvalidValue) as refused:
        product.certify(75, date(2024, 1, 10), "01/QĐ", stars=5)
    assert refused.value.field == "stars"
    assert product.evaluations == [] and product.version == 1


def test_certificate_is_valid_from_issue_day_to_the_last_day_of_36_months():
    product = new_product()
    product.certify(72, date(2022, 3, 15), "15/QĐ-UBND")
    assert product.certificate_on(date(2022, 3, 14)) is None  # the day before issue
    assert product.certificate_on(date(2022, 3, 15)).status == "valid"  # issue day
    assert product.certificate_on(date(2025, 3, 14)).status == "valid"  # last valid day
    assert product.certificate_on(date(2025, 3, 15)).status == "expired"  # the day after
    assert product.certificate_on(date(2025, 3, 14)).valid_until == date(2025, 3, 14)


def test_certificate_issued_on_29_february_runs_to_the_day_before_28_february():
    product = new_product()
    product.certify(80, date(2024, 2, 29), "29/QĐ")
    assert product.certificate_on(date(2027, 2, 27)).status == "valid"
    assert product.certificate_on(date(2027, 2, 28)).status == "expired"


def test_one_or_two_stars_are_recorded_as_rated_but_not_certified():
    product = new_product()
    assert product.certify(40, date(2023, 5, 1), "R-1") == 2
    assert product.evaluation_on(date(2023, 5, 1)).stars == 2
    assert product.certificate_on(date(2023, 5, 1)) is None
    assert not product.is_certified_on(date(2023, 5, 1))


def test_revoked_certificate_is_revoked_from_the_revocation_day():
    product = new_product()
    product.certify(85, date(2022, 1, 1), "A")
    product.revoke("failed a mandatory food-safety criterion", date(2023, 6, 1))
    assert product.certificate_on(date(2023, 5, 31)).status == "valid"
    assert product.certificate_on(date(2023, 6, 1)).status == "revoked"
    assert product.certificate_on(date(2030, 1, 1)).status == "revoked"


def test_revoking_without_a_valid_certificate_is_refused():
    product = new_product()
    product.certify(85, date(2020, 1, 1), "A")
    with pytest.raises(RuleConflict):
        product.revoke("late", date(2023, 1, 1))  # expired by then
    assert product.revoked == {}


def test_rerating_replaces_the_certificate_from_its_date_and_keeps_history():
    product = new_product()
    product.certify(75, date(2021, 1, 1), "A")
    product.certify(92, date(2023, 1, 1), "B")  # upgraded to 5 stars
    product.certify(45, date(2024, 1, 1), "C")  # downgraded below certification
    assert product.certificate_on(date(2022, 6, 1)).stars == 4
    assert product.certificate_on(date(2023, 6, 1)).stars == 5
    assert product.certificate_on(date(2024, 6, 1)) is None


def test_an_evaluation_dated_before_the_last_one_is_refused():
    product = new_product()
    product.certify(75, date(2023, 1, 1), "A")
    with pytest.raises(RuleConflict) as refused:
        product.certify(80, date(2022, 1, 1), "B")
    assert refused.value.field == "certified_on"


def test_a_certificate_number_cannot_be_used_twice_for_a_product():
    product = new_product()
    product.certify(75, date(2023, 1, 1), "A")
    with pytest.raises(RuleConflict):
        product.certify(80, date(2024, 1, 1), "A")


def test_nomination_needs_a_valid_four_star_certificate_once_a_year():
    product = new_product()
    product.certify(65, date(2023, 1, 1), "A")
    with pytest.raises(RuleConflict):
        product.nominate(date(2023, 3, 1))
    product.certify(88, date(2024, 1, 1), "B")
    product.nominate(date(2024, 3, 1))
    with pytest.raises(RuleConflict):
        product.nominate(date(2024, 9, 1))
    assert product.nominations == [date(2024, 3, 1)]


def test_groups_follow_their_classification():
    assert new_product("textile").classification == "2019"
    assert new_product("ornamental").classification == "2023"
    assert new_product("food", classification="2019").classification == "2019"
    with pytest.raises(InvalidValue) as refused:
        new_product("ornamental", classification="2019")
    assert refused.value.field == "group"


@pytest.mark.parametrize(
    "field, kwargs",
    [
        ("name", {"name": " "}),
        ("unit", {"unit": ""}),
        ("price_vnd", {"price_vnd": -1}),
        ("gtin", {"gtin": "12ab"}),
    ],
)
def test_registration_refuses_bad_fields(field, kwargs):
    values = {
        "producer_id": uuid4(),
        "name": "Gạo",
        "group": "food",
        "unit": "kg",
        "price_vnd": 1,
    } | kwargs
    with pytest.raises(InvalidValue) as refused:
        Product.register(**values)
    assert refused.value.field == field


def test_every_event_records_who_triggered_it():
    product = new_product()
    product.certify(75, date(2023, 1, 1), "A")
    saved = stamped([product], "officer-7")
    assert {e.recorded_by for e in saved if e is not product} == {"officer-7"}
    assert saved[-1] is product and not product.pending_events
