"""Business time: Vietnam's clock (UTC+7, no daylight saving)."""

from datetime import date, datetime, timedelta, timezone

VIETNAM = timezone(timedelta(hours=7), "ICT")


def now() -> datetime:
    """The current moment, in Vietnam time."""
    return datetime.now(VIETNAM)


def today() -> date:
    """Today's date in Vietnam."""
    return now().date()


def in_vietnam(moment: datetime | None) -> datetime:
    """A moment as Vietnam time; a time without a zone is read as Vietnam time; None is now."""
    if moment is None:
        return now()
    if moment.tzinfo is None:
        return moment.replace(tzinfo=VIETNAM)
    return moment.astimezone(VIETNAM)
