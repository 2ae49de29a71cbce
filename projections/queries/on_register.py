"""Who and what was on the register on a day, for the targets of past years.

A registration carries only the time it was recorded, so a producer or product is on the
register on day D when it was recorded on or before D (Vietnam time), or when something
dated on or before D is recorded about it: for a product an evaluation, a nomination, a
listing, a display or a promotion; for a producer one of its products on the register, or
design support it received. So records entered later about earlier years (a certificate of
2021 registered in 2026) count from the earliest day they show, and nothing else counts
before it was recorded.
"""

from datetime import date

from sqlalchemy import Select, or_, select, union

from projections.views import Views


def products_on_register(views: Views, day: date) -> Select:
    """SQL: the ids of the products on the register on ``day``."""
    reg = views.register.t
    e, n, p = reg.evaluations, reg.nominations, reg.products
    listing, shown = views.shelves.t.listings, views.programme.t.showings
    dated = union(
        select(e.c.product_id).where(e.c.certified_on <= day),
        select(n.c.product_id).where(n.c.nominated_on <= day),
        select(listing.c.product_id).where(listing.c.listed_on <= day),
        select(shown.c.product_id).where(shown.c.shown_on <= day),
    )
    return select(p.c.id).where(or_(p.c.registered_on <= day, p.c.id.in_(dated)))


def producers_on_register(views: Views, day: date) -> Select:
    """SQL: the ids of the producers on the register on ``day``."""
    pr, p = views.register.t.producers, views.register.t.products
    support = views.programme.t.support
    return select(pr.c.id).where(
        or_(
            pr.c.registered_on <= day,
            pr.c.id.in_(
                select(p.c.producer_id).where(p.c.id.in_(products_on_register(views, day)))
            ),
            pr.c.id.in_(select(support.c.producer_id).where(support.c.given_on <= day)),
        )
    )
