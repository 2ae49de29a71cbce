"""A product's certificate history (kết quả đánh giá, thu hồi) and its 5-star nominations."""

from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, select

from domain.certificate import EXPIRED, VALID, certificate_status
from projections.views import Views


def evaluation_status(row: dict[str, Any], day: date) -> str:
    """Where one evaluation stands on ``day``: not_certified (under 3 stars), revoked,
    superseded (a later evaluation replaced it), expired, or valid."""
    status = certificate_status(row["stars"], row["revoked_on"], row["valid_until"], day)
    if status in (EXPIRED, VALID) and row["superseded_on"] is not None:
        return "superseded" if row["superseded_on"] <= day else status
    return status


def product_history(conn: Connection, views: Views, product_id: UUID, day: date) -> dict:
    """Every evaluation of the product, newest first, each with its standing on ``day``, and
    the days it was nominated to the national 5-star round."""
    ev, nom = views.register.t.evaluations, views.register.t.nominations
    rows = conn.execute(
        select(ev).where(ev.c.product_id == product_id).order_by(ev.c.certified_on.desc())
    )
    evaluations = [dict(row._mapping) for row in rows]
    for evaluation in evaluations:
        evaluation["status"] = evaluation_status(evaluation, day)
    nominated = conn.execute(
        select(nom.c.nominated_on)
        .where(nom.c.product_id == product_id)
        .order_by(nom.c.nominated_on.desc())
    ).scalars()
    return {"evaluations": evaluations, "nominations": list(nominated)}
