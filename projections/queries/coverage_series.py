"""T1 coverage over time: the coverage metric at a series of days, for a line chart.

Each point is the same count ``coverage`` gives for that day (DESIGN.md's definition, with
"no ratio" when no shelf outlet is open), so the chart and the day's figure never disagree.
"""

from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection

from marketplace.places.filters import PlaceFilter
from projections.queries.coverage import coverage_counts, share
from projections.views import Views

MONTHS = 12
"""Month ends shown before the chosen day: a year of history."""


def month_end_days(last: date, months: int = MONTHS) -> list[date]:
    """The last day of each of the ``months`` months before ``last``'s month, then ``last``
    itself: a year of month-end readings ending on the chosen day."""
    days, month_start = [], last.replace(day=1)
    while len(days) < months and month_start > date.min:  # year 1 has no month before it
        end = month_start - timedelta(days=1)
        days.append(end)
        month_start = end.replace(day=1)
    return [*reversed(days), last]


def coverage_series(
    conn: Connection, views: Views, days: list[date], place: PlaceFilter | None = None
) -> list[dict[str, Any]]:
    """``{day, total, selling, ratio}`` for each day, in the order given."""
    points = []
    for day in days:
        total, selling = coverage_counts(conn, views, day, place)
        points.append(
            {"day": day, "total": total, "selling": selling, "ratio": share(selling, total)}
        )
    return points
