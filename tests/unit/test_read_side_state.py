"""What the read side's state says of stopped and held views, and how a stop is described."""

from datetime import UTC, datetime

from projections.tracking import ReadSideState, Stop, describe
from projections.views import UPSTREAM, VIEW_NAMES


def stopped(view: str, position: int) -> Stop:
    return Stop(view, position, "Outlet.Sold", "boom", datetime(2026, 1, 1, tzinfo=UTC))


def test_a_view_reading_a_stopped_view_is_held_by_it_and_the_lag_follows_the_views_read():
    positions = dict.fromkeys(VIEW_NAMES, 100) | {"shelves": 40, "coverage_status": 40}
    state = ReadSideState(100, positions, {"shelves": stopped("shelves", 41)}, UPSTREAM)
    assert state.held() == {"coverage_status": "shelves"}
    assert state.lag(["inventory"]) == 0 and state.lag(["inventory", "shelves"]) == 60
    assert state.lag() == 60
    assert state.not_running(["coverage_status", "sales"]) == [("coverage_status", 40)]


def test_a_stopped_register_holds_both_views_that_read_it():
    state = ReadSideState(
        9, dict.fromkeys(VIEW_NAMES, 1), {"register": stopped("register", 2)}, UPSTREAM
    )
    assert state.held() == {"sales": "register", "coverage_status": "register"}


def test_a_stop_message_escapes_control_characters_so_it_can_be_stored():
    assert describe(ValueError("HTX nul\x00byte\x07")) == "ValueError: HTX nul\\x00byte\\x07"
    assert len(describe(ValueError("x" * 5000))) == 1000
