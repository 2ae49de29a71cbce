"""Who may read which outlet: the one rule the API and the pages both ask."""

from uuid import uuid4

import pytest

from marketplace.access import Principal

MINE, OTHER = uuid4(), uuid4()


def principal(role: str, *outlets) -> Principal:
    return Principal(uuid4(), role, role, frozenset(outlets))


@pytest.mark.parametrize("role", ["admin", "officer", "auditor"])
def test_programme_roles_read_every_outlet(role):
    reader = principal(role)

    assert reader.may_read_outlet(OTHER)
    assert reader.readable_outlets is None


def test_staff_read_only_the_outlets_they_are_bound_to():
    staff = principal("staff", MINE)

    assert staff.may_read_outlet(MINE)
    assert not staff.may_read_outlet(OTHER)
    assert staff.readable_outlets == frozenset({MINE})


def test_staff_bound_to_no_outlet_read_none():
    assert principal("staff").readable_outlets == frozenset()
    assert not principal("staff").may_read_outlet(MINE)


@pytest.mark.parametrize("role", ["officer", "auditor"])
def test_reading_an_outlet_does_not_let_a_programme_role_record_there(role):
    assert not principal(role).may_write_to_outlet(OTHER)
