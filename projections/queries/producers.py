"""Producers (chủ thể OCOP) as the officers' register lists them, and the places they are in."""

from typing import Any
from uuid import UUID

from sqlalchemy import Connection, select

from domain.text import vietnamese_order
from projections.views import Views


def producer_places(conn: Connection, views: Views) -> dict[str, list]:
    """The provinces producers are registered in, and their districts as (province, district)
    pairs (a district name alone is ambiguous), for the catalogue's filters."""
    pr = views.register.t.producers
    provinces = conn.execute(select(pr.c.province).distinct()).scalars()
    districts = conn.execute(
        select(pr.c.province, pr.c.district).where(pr.c.district.is_not(None)).distinct()
    )
    return {  # sorted here, in Vietnamese order on every store
        "provinces": sorted(provinces, key=vietnamese_order),
        "districts": sorted(
            ((row.province, row.district) for row in districts),
            key=lambda pair: tuple(map(vietnamese_order, pair)),
        ),
    }


def producer(conn: Connection, views: Views, producer_id: UUID) -> dict[str, Any] | None:
    """One producer with its place and registration number, or None if none has that id."""
    pr = views.register.t.producers
    row = conn.execute(select(pr).where(pr.c.id == producer_id)).first()
    return dict(row._mapping) if row else None
