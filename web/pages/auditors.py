"""The auditors' pages: the event log and the chain verification."""

from flask import (
    render_template,
    request,
)
from flask_babel import lazy_gettext as _l

from web.pages.blueprint import bp, market
from web.pages.nav import nav_link
from web.pages.session import page

nav_link(90, _l("Nhật ký"), "pages.audit_log", lambda p: p.may_read_log)


@bp.get("/audit")
@page(lambda p, _: p.may_read_log)
def audit_log():
    """The event log, filtered and paged, with a button to verify the chain."""
    filters = {key: request.args.get(key) or None for key in ("aggregate_type", "type", "user")}
    after = request.args.get("after", type=int, default=0)
    log = market().event_log(after=max(after, 0), limit=50, **filters)
    return render_template("audit.html", log=log, filters=filters, after=after, verification=None)


@bp.post("/audit/verify")
@page(lambda p, _: p.may_read_log)
def audit_verify():
    """Recompute the whole chain and show the result."""
    from marketplace.audit import verify

    result = verify(market().recorder).as_dict()
    log = market().event_log(after=0, limit=50)
    filters = dict.fromkeys(("aggregate_type", "type", "user"))
    return render_template("audit.html", log=log, filters=filters, after=0, verification=result)
