"""The calendar days and moments are read in (domain/values.py): wide enough for any record,
narrow enough that nothing computed from a day overflows."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from domain.errors import InvalidValue
from domain.values import EARLIEST_DAY, LATEST_DAY, add_months, check_in_calendar


@pytest.mark.parametrize("day", [EARLIEST_DAY, date(2025, 7, 1), LATEST_DAY])
def test_a_day_in_the_calendar_is_accepted(day):
    check_in_calendar(day, "opened_on")


@pytest.mark.parametrize(
    "day", [date.min, EARLIEST_DAY - timedelta(days=1), LATEST_DAY + timedelta(days=1), date.max]
)
def test_a_day_outside_the_calendar_is_refused_naming_the_field(day):
    with pytest.raises(InvalidValue) as refused:
        check_in_calendar(day, "opened_on")
    assert refused.value.field == "opened_on"
    assert refused.value.message == "must be between 1900-01-01 and 2199-12-31"


def test_a_moment_is_judged_by_its_day_as_written():
    far_west = timezone(timedelta(hours=-12))
    check_in_calendar(datetime(2199, 12, 31, 23, 59, tzinfo=far_west), "sold_at")
    with pytest.raises(InvalidValue):
        check_in_calendar(datetime(9999, 12, 31, 23, 59, tzinfo=far_west), "sold_at")


def test_nothing_computed_from_a_calendar_day_overflows():
    for day in (EARLIEST_DAY, LATEST_DAY):
        add_months(day, 36)  # a certificate's validity
        add_months(day, -36)
        for hours in (-14, 14):
            moment = datetime.combine(day, datetime.min.time(), timezone(timedelta(hours=hours)))
            moment.astimezone(UTC)
