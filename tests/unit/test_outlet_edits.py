"""Correcting an outlet (đính chính điểm bán): its name or place, from a day, with why; only
what changes is recorded; never before it opened or before its latest correction."""

from datetime import date, timedelta

import pytest

from domain.errors import InvalidValue, RuleConflict
from domain.outlet import Outlet
from domain.values import Place

OPENED_ON = date(2024, 1, 1)
PLACE = Place("Hà Nội", "Dịch Vọng", "Cầu Giấy")
MOVED = Place("Hà Nội", "Bát Tràng", "Gia Lâm")


def new_outlet() -> Outlet:
    return Outlet.open("WinMart Cầu Giấy", "supermarket", PLACE, OPENED_ON)


def test_an_outlet_correction_records_only_the_fields_it_changes():
    outlet = new_outlet()
    changes = outlet.correct(OPENED_ON, "đổi tên", name=" WinMart+ ", place=PLACE)
    assert changes == {"name": "WinMart+"}
    event = outlet.pending_events[-1]
    assert type(event).__qualname__ == "Outlet.Corrected"
    assert (event.changes, event.changed_on, event.reason) == (changes, OPENED_ON, "đổi tên")
    assert (outlet.name, outlet.place, outlet.kind) == ("WinMart+", PLACE, "supermarket")


def test_an_outlet_that_moved_has_its_old_place_before_the_day():
    outlet = new_outlet()
    outlet.correct(OPENED_ON + timedelta(days=5), place=MOVED)
    assert outlet.place == MOVED
    assert outlet.details_on(OPENED_ON + timedelta(days=4))["place"] == PLACE


def test_an_outlet_correction_that_changes_nothing_is_refused():
    outlet = new_outlet()
    with pytest.raises(InvalidValue) as refused:
        outlet.correct(OPENED_ON, name="WinMart Cầu Giấy", place=PLACE)
    assert refused.value.reason == "nothing_to_change"
    assert outlet.version == 1


def test_an_outlet_correction_dated_before_it_opened_is_refused():
    outlet = new_outlet()
    with pytest.raises(RuleConflict) as refused:
        outlet.correct(OPENED_ON - timedelta(days=1), name="X")
    assert (refused.value.reason, refused.value.field) == ("before_opening", "changed_on")


def test_an_outlet_correction_dated_before_its_latest_correction_is_refused():
    outlet = new_outlet()
    outlet.correct(OPENED_ON + timedelta(days=3), name="X")
    with pytest.raises(RuleConflict) as refused:
        outlet.correct(OPENED_ON + timedelta(days=2), name="Y")
    assert refused.value.reason == "before_last_correction"


def test_an_outlet_name_of_blanks_or_control_characters_is_refused():
    outlet = new_outlet()
    for name in ("   ", "Win\x00Mart"):
        with pytest.raises(InvalidValue) as refused:
            outlet.correct(OPENED_ON, name=name)
        assert refused.value.field == "name"
    assert outlet.version == 1
