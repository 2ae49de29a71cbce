"""The pages: sign-in, the dashboard, and the counter (outlet staff on a phone)."""

import hashlib
from uuid import UUID, uuid4

from flask import (
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from domain.errors import DomainError
from marketplace.clock import today
from marketplace.commands import request_key
from marketplace.errors import ApplicationError, AuthenticationFailed
from marketplace.persistence import RequestKey
from projections.queries.catalogue import catalogue
from projections.queries.coverage import coverage
from projections.queries.inventory import outlet_inventory
from projections.queries.outlets import outlets_named, shelf, stocked_products
from projections.queries.targets import targets
from web.pages.blueprint import bp, date_arg, market, outlet_or_404
from web.pages.charts import coverage_bars
from web.pages.downloads import table_download
from web.pages.forms import SaleForm, ShelfForm, SignInForm
from web.pages.i18n import LANGUAGES, reason_text
from web.pages.nav import nav_link
from web.pages.session import page
from web.read import ask

PLAN_PROVINCE = "Hà Nội"
"""The province whose plan targets the dashboard shows."""


nav_link(_l("Tổng quan"), "pages.dashboard")
nav_link(_l("Quầy bán"), "pages.counter", lambda p: p.role in ("staff", "admin"))
nav_link(_l("Nhật ký"), "pages.audit_log", lambda p: p.may_read_log)


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    """Sign in with the same users and roles as the API."""
    form = SignInForm()
    if form.validate_on_submit():
        try:
            principal = market().authenticate(form.username.data, form.password.data)
        except AuthenticationFailed:
            form.password.errors.append(_("Sai tên đăng nhập hoặc mật khẩu"))
        else:
            lang = session.get("lang")
            session.clear()  # a fresh session on sign-in
            session.update(user_id=str(principal.id), lang=lang)
            target = request.args.get("next", "")
            return redirect(
                target
                if target.startswith("/") and not target.startswith("//")
                else url_for("pages.home")
            )
    return render_template("sign_in.html", form=form)


@bp.post("/sign-out")
def sign_out():
    lang = session.get("lang")
    session.clear()
    session["lang"] = lang
    return redirect(url_for("pages.sign_in"))


@bp.get("/language/<code>")
def language(code: str):
    """Switch language and go back where the user was."""
    if code in LANGUAGES:
        session["lang"] = code
    back = request.referrer or url_for("pages.home")
    return redirect(back)


@bp.get("/")
@page()
def home():
    if g.principal.role == "staff":
        return redirect(url_for("pages.counter"))
    return redirect(url_for("pages.dashboard"))


@bp.get("/dashboard")
@page()
def dashboard():
    """Coverage today or on a chosen day, by district, and the outlets not counted."""
    try:
        day = date_arg("as_of") or today()
    except ValueError:
        flash(_("Ngày không hợp lệ"), "error")
        day = today()
    answer = ask(coverage, day, by="district")
    plan = ask(targets, PLAN_PROVINCE, day.year, day)
    return render_template(
        "dashboard.html",
        coverage=answer,
        chart=coverage_bars(answer["groups"]),
        as_of=day,
        plan=plan,
    )


@bp.get("/counter")
@page(lambda p, _: p.role in ("staff", "admin"))
def counter():
    """The outlets a staff member works at."""
    ids = None if g.principal.role == "admin" else list(g.principal.outlet_ids)
    return render_template("counter.html", outlets=ask(outlets_named, ids))


@bp.get("/counter/<uuid:outlet_id>")
@page(lambda p, args: p.may_write_to_outlet(args["outlet_id"]))
def stock(outlet_id: UUID):
    """What the outlet has on hand."""
    outlet = outlet_or_404(outlet_id)
    return render_template(
        "stock.html",
        outlet=outlet,
        products=ask(stocked_products, outlet_id),
        inventory=ask(outlet_inventory, outlet_id),
    )


@bp.route("/counter/<uuid:outlet_id>/sale", methods=["GET", "POST"])
@page(lambda p, args: p.may_write_to_outlet(args["outlet_id"]))
def sale(outlet_id: UUID):
    """Record a sale: lines, the total in VND, one submit."""
    outlet = outlet_or_404(outlet_id)
    products = ask(stocked_products, outlet_id)
    form = SaleForm()
    if not form.idempotency_key.data:
        form.idempotency_key.data = uuid4().hex
    choices = [("", "—")] + [(str(p["id"]), f"{p['name']} ({p['on_hand']})") for p in products]
    for line in form.lines:
        line.product_id.choices = choices
    if form.validate_on_submit():
        lines = _sale_lines(form, products)
        if not lines:
            form.lines[0].product_id.errors.append(_("Hãy chọn ít nhất một sản phẩm"))
        elif _record_sale(form, outlet_id, lines):
            flash(_("Đã ghi nhận bán hàng"), "ok")
            return redirect(url_for("pages.stock", outlet_id=outlet_id))
    prices = {str(p["id"]): p["price_vnd"] for p in products}
    return render_template("sale.html", outlet=outlet, form=form, prices=prices)


def _sale_lines(form: SaleForm, products: list[dict]) -> list[dict]:
    prices = {str(p["id"]): p["price_vnd"] for p in products}
    return [
        {
            "product_id": UUID(line.product_id.data),
            "qty": line.qty.data or 1,
            "unit_price_vnd": prices[line.product_id.data],
        }
        for line in form.lines
        if line.product_id.data in prices
    ]


def _record_sale(form: SaleForm, outlet_id: UUID, lines: list[dict]) -> bool:
    """Record once per form: a double tap or a resubmission answers the first sale."""
    body = repr(sorted((str(l["product_id"]), l["qty"]) for l in lines)).encode()
    key = RequestKey(
        str(g.principal.id),
        f"page-sale:{form.idempotency_key.data}",
        hashlib.sha256(body).hexdigest(),
    )
    try:
        with request_key(key):
            market().sell(outlet_id, lines)
    except (DomainError, ApplicationError) as refused:
        form.lines[0].qty.errors.append(_("Không ghi được: %(reason)s", reason=refused.message))
        return False
    return True


@bp.get("/p/<uuid:product_id>")
def public_product(product_id: UUID):
    """What a QR code on the package opens: the product, its certificate, where to buy it."""
    found = ask(catalogue, today(), product_id=product_id)["items"]
    if not found:
        abort(404)
    product = found[0]
    where = {UUID(o) for o in product["in_stock_at"]}
    shops = [o for o in ask(outlets_named, list(where)) if not o["closed_on"]] if where else []
    return render_template("product.html", product=product, shops=shops)


@bp.route("/shelf/<uuid:outlet_id>", methods=["GET", "POST"])
@page(lambda p, args: p.may_write_to_outlet(args["outlet_id"]))
def shelf_page(outlet_id: UUID):
    """A supermarket's shelf: listed OCOP products, their stock and certificate warnings;
    list more from the catalogue, or delist."""
    outlet = outlet_or_404(outlet_id)
    form = ShelfForm()
    if form.validate_on_submit():
        product_id = UUID(form.product_id.data)
        try:
            if form.action.data == "list":
                market().list_product(outlet_id, product_id)
                flash(_("Đã niêm yết sản phẩm"), "ok")
            else:
                market().delist_product(outlet_id, product_id)
                flash(_("Đã thôi niêm yết sản phẩm"), "ok")
        except (DomainError, ApplicationError) as refused:
            flash(_("Không ghi được: %(reason)s", reason=refused.message), "error")
        return redirect(
            url_for("pages.shelf_page", outlet_id=outlet_id, q=request.args.get("q", ""))
        )
    text = request.args.get("q", "").strip()
    found = ask(catalogue, today(), text=text, limit=20)["items"] if text else []
    return render_template(
        "shelf.html",
        outlet=outlet,
        rows=ask(shelf, outlet_id, today()),
        found=found,
        text=text,
        form=form,
    )


@bp.get("/dashboard/<any('not-counted', targets):table>.<any(csv, xlsx):fmt>")
@page()
def dashboard_download(table: str, fmt: str):
    """Download a dashboard table as CSV or Excel."""
    try:
        day = date_arg("as_of") or today()
    except ValueError:
        abort(400)
    if table == "not-counted":
        rows = [
            [r["name"], r["district"] or "", r["commune"], reason_text(r["reason"])]
            for r in ask(coverage, day)["not_selling"]
        ]
        header = [_("Điểm bán"), _("Quận, huyện"), _("Xã, phường"), _("Lý do")]
    else:
        answer = ask(targets, PLAN_PROVINCE, day.year, day)
        rows = [
            [t["id"], t["title"], _plain(t["value"]), _plain(t["target"]), t["status"]]
            for t in answer["targets"]
        ]
        header = [_("Mục tiêu"), _("Nội dung"), _("Kết quả"), _("Chỉ tiêu"), _("Trạng thái")]
    return table_download(f"{table}-{day.isoformat()}", fmt, header, rows)


def _plain(value):
    return "" if value is None else value


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
