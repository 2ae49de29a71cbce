"""The counter's screens that take lines found by name or scanned barcode: the sale screen
(bán hàng) and receiving stock (nhập hàng)."""

import re
from collections.abc import Callable
from functools import partial
from uuid import UUID

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from wtforms import FieldList

from domain.errors import DomainError
from domain.gtin import held_forms
from marketplace.clock import today
from marketplace.messages import ReceiveStock
from projections.queries.catalogue import catalogue
from projections.queries.counter import (
    find_stocked,
    product_names,
    the_counters_stock,
)
from projections.queries.labels import product_holding_gtin
from web.digital_link import read_link
from web.pages.blueprint import bp, outlet_or_404
from web.pages.counter import to_stock, works_here
from web.pages.counter_forms import (
    MAX_LINES,
    ReceiptForm,
    SaleForm,
)
from web.pages.counter_receipt import record_sale
from web.pages.once import record_and_say
from web.pages.refusals import Refusal, add_error, show_refusal
from web.pages.session import page
from web.pages.till import TILL_POLICY
from web.read import ask

# Lines added by search or barcode (sale and receipt) ----------------------------------------

_LINE_FIELD = re.compile(r"lines\.(?P<index>\d+)\.(?P<field>\w+)")


def _change_lines(
    form: SaleForm | ReceiptForm,
    look_up: Callable[[str], list[dict]],
    product: Callable[[str], dict | None],
    add: Callable[[FieldList, dict], None],
    offered: Callable[[dict], bool] = lambda _product: True,
) -> list[dict]:
    """Change the lines without recording anything: pick one of several matches, remove a
    line, or look the search text up. Returns the matches to choose from, if several, or the
    one found if it is not ``offered`` (shown, marked, not added)."""
    if (picked := request.form.get("pick")) is not None:
        found = product(picked)
        if found and offered(found):
            _add_line(form, found, add)
        elif found:
            add_error(form.find, _("Không còn hàng bán được: các lô còn lại đã hết hạn"))
        else:
            add_error(form.find, _("Không tìm thấy"))
        return []
    if (removed := request.form.get("remove")) is not None:
        _remove_line(form.lines, removed)
        return []
    text = (form.find.data or "").strip()
    if not text or not form.find.validate(form):
        return []
    found = look_up(text)
    if len(found) == 1 and offered(found[0]):
        _add_line(form, found[0], add)
        return []
    if not found:
        add_error(form.find, _("Không tìm thấy sản phẩm nào khớp với “%(text)s”", text=text))
    return found[:10]


def _add_line(form: SaleForm | ReceiptForm, product: dict, add) -> None:
    if len(form.lines.entries) >= MAX_LINES:
        add_error(form.find, _("Tối đa %(n)s dòng", n=MAX_LINES))
        return
    add(form.lines, product)
    form.find.data = ""


def _remove_line(lines: FieldList, index_text: str) -> None:
    """Drop one line and number the rest again from 0."""
    kept = [e.data for i, e in enumerate(lines.entries) if str(i) != index_text]
    while lines.entries:
        lines.pop_entry()
    for data in kept:
        lines.append_entry(data)


def beside_line(form: SaleForm | ReceiptForm, refused: Refusal, field: str) -> None:
    """Put a refusal beside the line it is about: named by the field (lines.2.product_id) or
    by the product it is about; else beside the search box."""
    named = _LINE_FIELD.fullmatch(refused.field or "")
    if named and int(named["index"]) < len(form.lines.entries):
        line = form.lines.entries[int(named["index"])]
        show_refusal(line.form, refused, named["field"] if named["field"] in line.form else field)
        return
    for line in form.lines.entries:
        if line.product_id.data and line.product_id.data == str(refused.params.get("product")):
            show_refusal(line.form, refused, field)
            return
    show_refusal(form, refused, "find")


def _as_uuid(text: str | None) -> UUID | None:
    try:
        return UUID(text or "")
    except ValueError:
        return None


# The sale screen ----------------------------------------------------------------------------


@bp.route("/counter/<uuid:outlet_id>/sale", methods=["GET", "POST"])
@page(works_here)
def sale(outlet_id: UUID):
    """Record a sale: lines found by name or scanned barcode, the total in VND, one submit."""
    outlet = outlet_or_404(outlet_id)
    # Products with expired lots only are here too: a line of one reaches the domain, whose
    # refusal says which lot expired; the matches show them but never offer them.
    products = {str(p["id"]): p for p in ask(the_counters_stock, outlet_id, today())}
    # The lines between requests travel in the address (post/redirect/get): back or reload
    # never resends a form, and the recording form carries its key along.
    form = SaleForm() if request.method == "POST" else SaleForm(formdata=request.args or None)
    look_up = partial(_sale_matches, outlet_id)
    matches: list[dict] = []
    sent: dict | None = None  # what the form recorded, if it is sent again with other lines
    if request.method == "POST" and request.form.get("action") == "record":
        on_refused = partial(beside_line, form, field="qty")
        recorded, sent = record_sale(form, outlet_id, products, on_refused)
        if recorded:
            return recorded
    elif request.method == "POST":
        matches = _change_lines(form, look_up, products.get, _add_sale_line, _offered)
        if not form.find.errors or form.find.data:
            return redirect(url_for("pages.sale", outlet_id=outlet_id, **_form_state(form)))
    elif (text := (form.find.data or "").strip()) and form.find.validate(form):
        matches = look_up(text)
        if not matches:
            add_error(form.find, _("Không tìm thấy sản phẩm nào khớp với “%(text)s”", text=text))
    screen = render_template(
        "sale.html",
        outlet=outlet,
        form=form,
        products=products,
        matches=matches,
        total=_sale_total(form, products),
        prices={pid: p["price_vnd"] for pid, p in products.items()},
        sent=sent,
    )
    return screen, {"Content-Security-Policy": TILL_POLICY}  # the camera's WebAssembly


def _sale_matches(outlet_id: UUID, text: str) -> list[dict]:
    """Stocked products by name or barcode; a label's Digital Link finds its GTIN's product
    (its lot is not recorded: the server picks the lots, first expiry first)."""
    link = read_link(text, today())
    return ask(find_stocked, outlet_id, link[0] if link else text, today())


def _offered(product: dict) -> bool:
    """A product is offered for sale if it has units of lots not expired."""
    return product["on_hand"] > 0


def _form_state(form: SaleForm | ReceiptForm) -> dict[str, str]:
    """The form's key, lines and other fields as typed, and its search text if any, for its
    address (the CSRF token stays out: the page it leads to has its own)."""
    state = {"idempotency_key": form.idempotency_key.data}
    for field in form:
        if field.name in ("csrf_token", "idempotency_key"):
            continue
        for typed in field.entries if isinstance(field, FieldList) else [field]:
            for part in typed.form if isinstance(field, FieldList) else [typed]:
                raw = part.raw_data[0] if part.raw_data else part.data
                state[part.name] = "" if raw is None else str(raw)
    if not (form.find.data or "").strip():
        state.pop("find", None)
    return {name: value for name, value in state.items() if value or name.startswith("lines-")}


def _add_sale_line(lines: FieldList, product: dict) -> None:
    """One more of the product: a second scan of the same barcode adds to its line."""
    product_id = str(product["id"])
    for line in lines.entries:
        if line.product_id.data == product_id:
            line.qty.data = (line.qty.data or 0) + 1
            line.qty.raw_data = [str(line.qty.data)]
            return
    lines.append_entry({"product_id": product_id, "qty": 1})


def _sale_total(form: SaleForm, products: dict) -> int:
    """What the lines come to at list prices (the sale records the same prices)."""
    return sum(
        products[line.product_id.data]["price_vnd"] * (line.qty.data or 0)
        for line in form.lines.entries
        if line.product_id.data in products and isinstance(line.qty.data, int)
    )


# Receiving stock ----------------------------------------------------------------------------


@bp.route("/counter/<uuid:outlet_id>/receive", methods=["GET", "POST"])
@page(works_here)
def receive(outlet_id: UUID):
    """Take stock in (nhập hàng): products of the catalogue, found by name, producer or
    barcode, each with quantity, lot code, expiry and unit cost."""
    outlet = outlet_or_404(outlet_id)
    form = ReceiptForm() if request.method == "POST" else ReceiptForm(formdata=request.args or None)
    matches: list[dict] = []
    if request.method == "POST" and request.form.get("action") == "record":
        if _receive(form, outlet_id):
            return to_stock(outlet_id)
    elif request.method == "POST":
        matches = _change_lines(form, _catalogue_matches, _catalogue_product, _add_receipt_line)
        if not form.find.errors or form.find.data:
            return redirect(url_for("pages.receive", outlet_id=outlet_id, **_form_state(form)))
    elif (text := (form.find.data or "").strip()) and form.find.validate(form):
        matches = _catalogue_matches(text)
        if not matches:
            add_error(form.find, _("Không tìm thấy sản phẩm nào khớp với “%(text)s”", text=text))
    ids = [pid for line in form.lines.entries if (pid := _as_uuid(line.product_id.data))]
    screen = render_template(
        "counter_receive.html",
        outlet=outlet,
        form=form,
        matches=matches,
        names=ask(product_names, ids),
    )
    return screen, {"Content-Security-Policy": TILL_POLICY}  # the camera's WebAssembly


def _catalogue_matches(text: str) -> list[dict]:
    """Catalogue products by name, producer or barcode; an exact barcode wins alone, written
    with 8 to 14 digits, and a label's GS1 Digital Link QR code finds its product and lot."""
    if (scanned := _scanned(text)) is not None:
        return [scanned]
    found = ask(catalogue, today(), text=text, limit=10)["items"]
    by_barcode = [p for p in found if p["gtin"] == text]
    return by_barcode or found


def _scanned(text: str) -> dict | None:
    """The catalogue product of a scanned barcode or Digital Link, with the lot and expiry
    the code carries (``scanned_lot``, ``scanned_expiry``); None if the text is neither or
    no product holds the GTIN."""
    link = read_link(text, today())
    gtin, lot, expires = link if link else (text.strip(), None, None)
    try:
        product_id = ask(product_holding_gtin, held_forms(gtin))
    except DomainError:  # not a barcode: a name, or a wrong check digit
        return None
    found = _catalogue_product(str(product_id)) if product_id else None
    return found and found | {"scanned_lot": lot, "scanned_expiry": expires}


def _catalogue_product(product_id: str) -> dict | None:
    known = _as_uuid(product_id)
    found = ask(catalogue, today(), product_id=known)["items"] if known else []
    return found[0] if found else None


def _add_receipt_line(lines: FieldList, product: dict) -> None:
    """A new line each time: the same product may come in several lots."""
    lines.append_entry(
        {
            "product_id": str(product["id"]),
            "qty": None,
            "lot": product.get("scanned_lot") or "",
            "expires_on": product.get("scanned_expiry"),
        }
    )


def _receive(form: ReceiptForm, outlet_id: UUID) -> bool:
    if not form.validate_on_submit():
        return False
    if not form.lines.entries:
        add_error(form.find, _("Hãy thêm ít nhất một sản phẩm"))
        return False
    lines = []
    for line in form.lines.entries:
        product_id = _as_uuid(line.product_id.data)
        if product_id is None:
            add_error(line.product_id, _("Không tìm thấy"))
            return False
        lines.append(
            {
                "product_id": product_id,
                "qty": line.qty.data,
                "lot": (line.lot.data or "").strip(),
                "expires_on": line.expires_on.data,
                "unit_cost_vnd": line.unit_cost_vnd.data,
            }
        )
    refused = partial(beside_line, form, field="qty")
    command = ReceiveStock(outlet_id, lines)
    return record_and_say(form, "receive", refused, command, _("Đã nhập hàng")) is not None
