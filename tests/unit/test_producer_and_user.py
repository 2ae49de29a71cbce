"""Producer and user registration rules."""

from uuid import uuid4

import pytest

from domain.errors import InvalidValue, RuleConflict
from domain.producer import Producer
from domain.user import User, user_id_for
from domain.values import Place, add_months


def test_a_producer_needs_a_known_kind():
    with pytest.raises(InvalidValue) as refused:
        Producer.register("HTX Vân Hà", "partnership", Place("Hà Nội", "Vân Hà"))
    assert refused.value.field == "kind"


def test_a_place_needs_province_and_commune_but_not_district():
    assert Place("Hà Nội", "Vân Hà").district is None
    with pytest.raises(InvalidValue) as refused:
        Place("Hà Nội", " ")
    assert refused.value.field == "commune"


def test_a_user_id_follows_from_the_username_whatever_its_case():
    user = User.register("Lan.Nguyen", "staff", [uuid4()])
    assert user.id == user_id_for("lan.nguyen") and user.username == "lan.nguyen"


def test_an_unknown_role_is_refused():
    with pytest.raises(InvalidValue):
        User.register("lan", "superuser")


def test_binding_staff_to_the_same_outlet_twice_is_refused():
    outlet_id = uuid4()
    user = User.register("lan", "staff", [outlet_id])
    with pytest.raises(RuleConflict):
        user.bind_to_outlet(outlet_id)


def test_adding_months_clamps_to_the_end_of_a_short_month():
    from datetime import date

    assert add_months(date(2021, 8, 31), 36) == date(2024, 8, 31)
    assert add_months(date(2024, 2, 29), 36) == date(2027, 2, 28)
    assert add_months(date(2023, 11, 30), 3) == date(2024, 2, 29)
