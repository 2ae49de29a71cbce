"""/outlets: open, close and reopen, list and delist, receive, sell, transfer and receive
transfers, count, write off, thresholds."""

from flask import g
from flask_smorest import Blueprint

from marketplace import messages as m
from marketplace.clock import today
from projections.queries.inventory import expiring_soon, low_stock, outlet_inventory
from projections.queries.lists import names_of, outlets_list
from projections.queries.transfers import transfers_page
from web.api.common import AsOfQuerySchema, IdSchema, refuse_time_travel_to_non_log_readers
from web.api.downloads import DOWNLOAD_DOC, FormatQueryArgsSchema
from web.api.lists import list_filters
from web.api.outlets import schemas as s
from web.application import marketplace
from web.auth import allowed, execute, reads_outlet, sends, signed_in
from web.read import ask
from web.tables import INVENTORY, download, inventory_rows

blp = Blueprint("outlets", __name__, url_prefix="/outlets", description="Outlets, stock and sales")
READERS_ONLY = "staff read only the outlets they are bound to"


@blp.route("", methods=["GET"])
@allowed(signed_in, "")
@blp.arguments(s.OutletQueryArgsSchema, location="query")
@blp.response(200, s.OutletListSchema)
def list_outlets(args):
    """Find outlets by name, place and kind; staff see the outlets they are bound to."""
    readable = g.principal.readable_outlets
    return ask(outlets_list, list_filters(args), readable)


@blp.route("", methods=["POST"])
@sends(m.OpenOutlet)
@blp.arguments(s.OutletCreateSchema)
@blp.response(201, IdSchema)
def open_outlet(outlet):
    """Open an outlet of one of the programme's kinds."""
    return execute(m.OpenOutlet(**outlet))


@blp.route("/<uuid:outlet_id>", methods=["GET"])
@allowed(signed_in, "")
@blp.arguments(AsOfQuerySchema, location="query")
@blp.response(200, s.OutletSchema)
def get_outlet(query, outlet_id):
    """Read an outlet, its shelf and stock now; auditors and admins also as recorded by the end
    of a day or at a version (403 for the others). Every signed-in user reads its facts and
    shelf (the catalogue shows them too); `stock` is there only for those who read the
    outlet's stock (its staff, the programme's roles)."""
    refuse_time_travel_to_non_log_readers(query)
    outlet = marketplace().outlet(outlet_id, query["as_of"], query["as_of_version"])
    if not g.principal.may_read_outlet(outlet_id):
        del outlet["stock"]
    return outlet


@blp.route("/<uuid:outlet_id>", methods=["PATCH"])
@sends(m.CorrectOutlet)
@blp.arguments(s.OutletUpdateSchema)
@blp.response(200, s.OutletSchema)
def correct_outlet(correction, outlet_id):
    """Correct an outlet's name, or record its move, from a day, with why; 422
    ``nothing_to_change`` if every value given is the one recorded. Its kind never changes."""
    return execute(m.CorrectOutlet(outlet_id, **correction))


@blp.route("/<uuid:outlet_id>/closure", methods=["POST"])
@sends(m.CloseOutlet)
@blp.arguments(s.ClosureCreateSchema)
@blp.response(201, s.RecordedSchema)
def close_outlet(closure, outlet_id):
    """Close an outlet: 409 `stock_remains` while it holds stock (transfer or write it off
    first), `movement_after_closing` if dated on or before its latest stock movement."""
    return execute(m.CloseOutlet(outlet_id, **closure))


@blp.route("/<uuid:outlet_id>/listings", methods=["POST"])
@sends(m.ListProduct)
@blp.arguments(s.ListingCreateSchema)
@blp.response(201, s.RecordedSchema)
def list_product(listing, outlet_id):
    """List a product on the outlet's shelf; 409 `listing_overlaps` if dated before the
    product's previous delisting here."""
    return execute(m.ListProduct(outlet_id, **listing))


@blp.route("/<uuid:outlet_id>/listings/<uuid:product_id>", methods=["DELETE"])
@sends(m.DelistProduct)
@blp.arguments(s.DelistQuerySchema, location="query")
@blp.response(204)
def delist_product(query, outlet_id, product_id):
    """Delist a product; 409 `sold_after_delisting` at a supermarket or commercial centre if
    dated on or before the product's latest sale there."""
    execute(m.DelistProduct(outlet_id, product_id, query["delisted_on"]))


@blp.route("/<uuid:outlet_id>/receipts", methods=["POST"])
@sends(m.ReceiveStock)
@blp.arguments(s.ReceiptCreateSchema)
@blp.response(201, IdSchema)
def receive_stock(receipt, outlet_id):
    """Receive stock (lines with qty, optional lot, expiry and unit cost). A lot keeps one
    expiry: 409 `lot_expiry_differs` if the outlet holds the lot with another; 422
    `lot_expired` if it has expired on the receipt's day."""
    return execute(m.ReceiveStock(outlet_id, **receipt))


@blp.route("/<uuid:outlet_id>/sales", methods=["POST"])
@sends(m.Sell)
@blp.arguments(s.SaleCreateSchema)
@blp.response(201, IdSchema)
@blp.alt_response(409, description="A line exceeds the stock on hand; nothing was recorded")
def sell(sale, outlet_id):
    """Record a sale, checked against the outlet's stock and shelf on the day it is dated
    (`sold_at`, up to 30 days before the outlet's latest movement, else 409
    `dated_too_far_back`); 409 `insufficient_stock` or `not_listed` and nothing recorded if
    any line fails."""
    return execute(m.Sell(outlet_id, **sale))


@blp.route("/<uuid:outlet_id>/transfers", methods=["POST"])
@sends(m.TransferStock)
@blp.arguments(s.TransferCreateSchema)
@blp.response(201, IdSchema)
def transfer_stock(transfer, outlet_id):
    """Send stock to another outlet: it leaves this outlet at once and is in transit, in
    neither outlet's stock, until the destination receives it. Refused whole (409
    `lot_expiry_differs`) if the destination holds one of the lots with another expiry,
    `not_listed` if the destination is a supermarket or commercial centre that does not list
    a product."""
    return execute(m.TransferStock(outlet_id, **transfer))


@blp.route("/<uuid:outlet_id>/transfers/<uuid:transfer_id>/receipt", methods=["POST"])
@sends(m.ReceiveTransfer)
@blp.arguments(s.TransferReceiptCreateSchema)
@blp.response(201, s.TransferReceivedSchema)
def receive_transfer(receipt, outlet_id, transfer_id):
    """Receive a transfer in transit at its destination (its staff or an admin): all of it,
    or what the lines count, the shortfall recorded as lost; 409 `already_received` the
    second time, `not_listed` at a supermarket for a product it does not list that day."""
    return execute(m.ReceiveTransfer(outlet_id, transfer_id, **receipt))


@blp.route("/<uuid:outlet_id>/transfers", methods=["GET"])
@allowed(reads_outlet, READERS_ONLY)
@blp.arguments(s.TransferQueryArgsSchema, location="query")
@blp.response(200, s.TransferListSchema)
def transfer_list(args, outlet_id):
    """The outlet's transfers out and in, in transit or received, newest sent first: a page
    of `limit` (200 unless asked) from `offset`, with the `total` found."""
    marketplace().outlet(outlet_id)  # 404 for an unknown outlet
    return ask(transfers_page, outlet_id, **args)


@blp.route("/<uuid:outlet_id>/reopening", methods=["POST"])
@sends(m.ReopenOutlet)
@blp.arguments(s.ReopeningCreateSchema)
@blp.response(201, s.RecordedSchema)
def reopen_outlet(reopening, outlet_id):
    """Reopen a closed outlet from a day not before its closing (409 `conflict` with reason
    `outlet_not_closed` or `reopened_before_closing`); the closed days stay closed."""
    return execute(m.ReopenOutlet(outlet_id, **reopening))


@blp.route("/<uuid:outlet_id>/thresholds/<uuid:product_id>", methods=["PUT"])
@sends(m.SetThreshold)
@blp.arguments(s.ThresholdSetSchema)
@blp.response(200, s.ThresholdSchema)
def set_threshold(threshold, outlet_id, product_id):
    """Set the low-stock threshold of a product the outlet stocks or lists (409 reason
    `not_stocked` otherwise); it replaces the one given when listing."""
    return execute(m.SetThreshold(outlet_id, product_id, **threshold))


@blp.route("/<uuid:outlet_id>/stock-counts", methods=["POST"])
@sends(m.CountStock)
@blp.arguments(s.StockCountCreateSchema)
@blp.response(201, s.RecordedSchema)
def count_stock(count, outlet_id):
    """Record a stock count of a lot the outlet holds (409 `lot_not_held`); the difference
    from the lot's stock on that day is booked as an adjustment."""
    return execute(m.CountStock(outlet_id, **count))


@blp.route("/<uuid:outlet_id>/write-offs", methods=["POST"])
@sends(m.WriteOff)
@blp.arguments(s.WriteOffCreateSchema)
@blp.response(201, s.RecordedSchema)
def write_off(write_off_, outlet_id):
    """Write off stock: expired, damaged, lost_or_stolen, sample, recall or other (with a
    `note`); reason `expired` needs a lot that has expired on the write-off's day (409
    `lot_not_expired`)."""
    return execute(m.WriteOff(outlet_id, **write_off_))


@blp.route("/<uuid:outlet_id>/showcases", methods=["POST"])
@sends(m.Showcase)
@blp.arguments(s.ShowcaseCreateSchema)
@blp.response(201, s.RecordedSchema)
def showcase(showcase_, outlet_id):
    """Put a product on display at a creative design centre."""
    return execute(m.Showcase(outlet_id, **showcase_))


@blp.route("/<uuid:outlet_id>/design-support", methods=["POST"])
@sends(m.SupportDesign)
@blp.arguments(s.DesignSupportCreateSchema)
@blp.response(201, s.RecordedSchema)
def support_design(support, outlet_id):
    """Record design support given to a producer."""
    return execute(m.SupportDesign(outlet_id, **support))


@blp.route("/<uuid:outlet_id>/promotions", methods=["POST"])
@sends(m.HoldPromotion)
@blp.arguments(s.PromotionCreateSchema)
@blp.response(201, s.RecordedSchema)
def hold_promotion(promotion, outlet_id):
    """Record a display-and-promotion event with the products shown."""
    return execute(m.HoldPromotion(outlet_id, **promotion))


@blp.route("/<uuid:outlet_id>/inventory", methods=["GET"])
@allowed(reads_outlet, READERS_ONLY)
@blp.response(200, s.InventorySchema)
def inventory(outlet_id):
    """What the outlet has on hand, by product and lot, with value at cost (inventory view)."""
    marketplace().outlet(outlet_id)  # 404 for an unknown outlet
    return ask(outlet_inventory, outlet_id)


@blp.route("/<uuid:outlet_id>/inventory/export", methods=["GET"])
@allowed(reads_outlet, READERS_ONLY)
@blp.arguments(FormatQueryArgsSchema, location="query")
@blp.doc(responses=DOWNLOAD_DOC)
def export_inventory(args, outlet_id):
    """Download what the outlet has on hand, a row a lot with its product's name, as CSV or
    Excel."""
    marketplace().outlet(outlet_id)
    stock = ask(outlet_inventory, outlet_id)
    names = ask(names_of, "product", [item["product_id"] for item in stock["items"]])
    name = f"ocop-inventory-{outlet_id}-{today().isoformat()}"
    return download(name, args["format"], INVENTORY, inventory_rows(stock, names), labelled=False)


@blp.route("/<uuid:outlet_id>/low-stock", methods=["GET"])
@allowed(reads_outlet, READERS_ONLY)
@blp.response(200, s.LowStockListSchema)
def low_stock_list(outlet_id):
    """Products at or below their low-stock threshold: the one set for the product at this
    outlet (PUT .../thresholds/{product_id}), else the one it was listed with."""
    marketplace().outlet(outlet_id)
    return {"items": ask(low_stock, today(), outlet_id)}


@blp.route("/<uuid:outlet_id>/expiring", methods=["GET"])
@allowed(reads_outlet, READERS_ONLY)
@blp.arguments(s.ExpiringQueryArgsSchema, location="query")
@blp.response(200, s.ExpiringListSchema)
def expiring_list(args, outlet_id):
    """Lots in stock that expire within the given days (or already have)."""
    marketplace().outlet(outlet_id)
    return {"items": ask(expiring_soon, today(), args["days"], outlet_id)}
