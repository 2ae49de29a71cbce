"""Value objects shared by aggregates: places and dates."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from domain.errors import InvalidValue
from domain.text import checked_text


@dataclass(frozen=True)
class Place:
    """Where something is: province and commune, with the district kept where known.

    Vietnam abolished districts on 1 July 2025, but the plans speak of districts, so a
    place recorded before then keeps its district (quận/huyện) for reports.

    Names are the short names in force when recorded ("Bát Tràng" of "Xã Bát Tràng"); the
    codes are the General Statistics Office's, of the set of units named by ``units``
    ("legacy" before the reform, "2025" after; the district is always a legacy one). Places
    recorded before codes existed have names only (codes and units None).
    """

    province: str
    commune: str
    district: str | None = None
    province_code: str | None = None
    district_code: str | None = None
    commune_code: str | None = None
    units: str | None = None

    def __post_init__(self) -> None:
        # Checked when a command makes a place; a stored place is loaded without this check.
        for name in ("province", "commune", "district"):
            typed = checked_text(getattr(self, name), name, required=name != "district")
            object.__setattr__(self, name, typed)


VIETNAM_TIME = timezone(timedelta(hours=7), "ICT")
"""Business days are Vietnam's (UTC+7, no daylight saving)."""


def local_day(moment: datetime) -> date:
    """The calendar day in Vietnam on which a moment falls."""
    return moment.astimezone(VIETNAM_TIME).date()


def add_months(day: date, months: int) -> date:
    """Return ``day`` moved by whole months, clamped to the end of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2199, 12, 31)
"""The calendar a day or a moment of the programme is read in: far wider than any record (OCOP
began in 2018, a certificate runs 36 months), far inside what dates can hold, so that a day
plus a validity or a moment turned into UTC never overflows."""


def check_in_calendar(day: date, field: str) -> None:
    """Refuse a day (or a moment's day, as written) outside EARLIEST_DAY..LATEST_DAY."""
    if isinstance(day, datetime):
        day = day.date()
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise InvalidValue.because("outside_calendar", field, first=EARLIEST_DAY, last=LATEST_DAY)


MAX_QUANTITY = 1_000_000
"""The most units one line, count or threshold may carry: far above any counter's day, and far
below what the read models' sums can hold."""
MAX_VND = 10_000_000_000
"""The highest price or cost of one unit, in đồng."""
MAX_PAID_VND = 4_000_000_000_000_000_000
"""The most a customer may be recorded as paying for one sale: above the largest total a sale
can have (200 lines of a million units at the highest price), within the read models' 64-bit
integers."""


def check_at_most(value: int, maximum: int, field: str) -> None:
    """Refuse a number above the domain's bound for it."""
    if value > maximum:
        raise InvalidValue.because("at_most", field, maximum=maximum)
