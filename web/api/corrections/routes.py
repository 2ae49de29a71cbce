"""/outlets/{id}/returns, /sales/{sale_id}/void, /receipts/{receipt_id}/reversal and
/supplier-returns: corrections, each a new event with who, when and why."""

from flask_smorest import Blueprint

from marketplace import messages as m
from web.api.common import IdSchema
from web.api.corrections import schemas as s
from web.auth import execute, sends

blp = Blueprint(
    "corrections",
    __name__,
    url_prefix="/outlets",
    description="Corrections: returns, voids, receipt reversals, returns to the supplier",
)


@blp.route("/<uuid:outlet_id>/returns", methods=["POST"])
@sends(m.ReturnSale)
@blp.arguments(s.ReturnCreateSchema)
@blp.response(201, IdSchema)
def return_sale(returned, outlet_id):
    """Take back units of a sale, in part or whole: restocked units go back to the lots they
    were sold from; 409 `return_exceeds_sold` beyond what was sold minus already returned,
    `sale_voided`, or `sale_not_remembered` for a sale older than the back-dating window."""
    return execute(m.ReturnSale(outlet_id, **returned))


@blp.route("/<uuid:outlet_id>/sales/<uuid:sale_id>/void", methods=["POST"])
@sends(m.VoidSale)
@blp.arguments(s.VoidCreateSchema)
@blp.response(201, IdSchema)
def void_sale(void, outlet_id, sale_id):
    """Void a sale on its own business day (managers and admins): every unit goes back to its
    lot; 409 `void_not_same_day` or `sale_has_returns`."""
    return execute(m.VoidSale(outlet_id, sale_id, **void))


@blp.route("/<uuid:outlet_id>/receipts/<uuid:receipt_id>/reversal", methods=["POST"])
@sends(m.ReverseReceipt)
@blp.arguments(s.ReversalCreateSchema)
@blp.response(201, IdSchema)
def reverse_receipt(reversal, outlet_id, receipt_id):
    """Reverse a receipt while all of its units are still here; 409 `receipt_units_gone`
    naming the lot once some were sold, sent, written off, counted down or returned."""
    return execute(m.ReverseReceipt(outlet_id, receipt_id, **reversal))


@blp.route("/<uuid:outlet_id>/supplier-returns", methods=["POST"])
@sends(m.ReturnToSupplier)
@blp.arguments(s.SupplierReturnCreateSchema)
@blp.response(201, IdSchema)
def return_to_supplier(returned, outlet_id):
    """Return stock to its producer (the lot given, else the earliest expiring first, expired
    lots included); 409 `not_producers_product` for another producer's product."""
    return execute(m.ReturnToSupplier(outlet_id, **returned))
