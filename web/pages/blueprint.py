"""The one blueprint every page module adds its routes to, and the helpers they share."""

from datetime import date
from uuid import UUID

from flask import Blueprint, abort, request

from domain.values import EARLIEST_DAY, LATEST_DAY
from projections.queries.outlets import outlets_named
from web.read import ask

bp = Blueprint("pages", __name__)


def outlet_or_404(outlet_id: UUID) -> dict:
    found = ask(outlets_named, [outlet_id])
    if not found:
        abort(404)
    return found[0]


def date_arg(name: str) -> date | None:
    """A yyyy-mm-dd query argument; ValueError when it is not a date of the programme's
    calendar (the API's bounds, domain/values.py)."""
    value = request.args.get(name)
    if not value:
        return None
    day = date.fromisoformat(value)
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise ValueError(f"{name} is outside {EARLIEST_DAY}..{LATEST_DAY}")
    return day
