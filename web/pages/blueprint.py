"""The one blueprint every page module adds its routes to, and the helpers they share."""

from datetime import date
from uuid import UUID

from flask import Blueprint, abort, request

from projections.queries.outlets import outlets_named
from web.read import ask

bp = Blueprint("pages", __name__)



def outlet_or_404(outlet_id: UUID) -> dict:
    found = ask(outlets_named, [outlet_id])
    if not found:
        abort(404)
    return found[0]


def date_arg(name: str) -> date | None:
    """A yyyy-mm-dd query argument; ValueError when it is not a date."""
    value = request.args.get(name)
    return date.fromisoformat(value) if value else None
