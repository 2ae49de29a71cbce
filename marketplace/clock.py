"""Business time: Vietnam's clock (UTC+7, no daylight saving)."""

from datetime import UTC, date, datetime, timedelta

from domain.errors import InvalidValue
from domain.values import VIETNAM_TIME

VIETNAM = VIETNAM_TIME
CLOCK_SKEW = timedelta(minutes=5)
"""How far ahead of the server's clock a phone's clock may run."""


def now() -> datetime:
    """The current moment, in Vietnam time."""
    return datetime.now(VIETNAM)


def today() -> date:
    """Today's date in Vietnam."""
    return now().date()


def business_time(moment: datetime | None, field: str) -> datetime:
    """When something happened, in Vietnam time: a time without a zone is read as Vietnam
    time, None means now, and a time in the future is refused."""
    if moment is None:
        return now()
    try:
        local = (
            moment.replace(tzinfo=VIETNAM) if moment.tzinfo is None else moment.astimezone(VIETNAM)
        )
        local.astimezone(UTC)  # the stores keep UTC: a moment must exist in both
    except OverflowError:
        raise InvalidValue.because("moment_out_of_range", field) from None
    if local > now() + CLOCK_SKEW:
        raise InvalidValue.because("in_future", field)
    return local


def business_day(day: date | None, field: str) -> date:
    """A day something happened (or was decided) in Vietnam: None means today; a day after
    today is refused, since the record would take effect at once."""
    if day is None:
        return today()
    if day > today():
        raise InvalidValue.because("in_future", field)
    return day


def start_of_day(day: date) -> datetime:
    """Midnight at the start of a day, Vietnam time."""
    return datetime(day.year, day.month, day.day, tzinfo=VIETNAM)
