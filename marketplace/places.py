"""Places as the commands give them, made into the domain's Place.

The one seam where a typed province, district and commune become a recorded place, for every
command that records one (a producer registered or edited, an outlet opened or edited).
"""

from datetime import date

from domain.values import Place


def place_of(province: str, district: str | None, commune: str, on: date | None = None) -> Place:
    """The place a command names, as in force on ``on`` (the day it is recorded for)."""
    return Place(province, commune, district or None)
