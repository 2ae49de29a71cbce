"""Moments in read models are stored in UTC: SQLite keeps no zone, PostgreSQL keeps one."""

from datetime import UTC, datetime


def to_utc(moment: datetime) -> datetime:
    """An aware moment as aware UTC; a naive one (read back from SQLite) is taken as UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
