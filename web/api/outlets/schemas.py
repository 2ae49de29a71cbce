"""Schemas of /outlets."""

from marshmallow import Schema, fields, validate

from marketplace.reference import OUTLET_KINDS, WRITE_OFF_REASONS
from projections.queries.transfers import DIRECTIONS as TRANSFER_DIRECTIONS
from projections.queries.transfers import STATES as TRANSFER_STATES
from web.api.common import MAX_SQL_INTEGER, Day, Moment, PlaceFieldsMixin, Text, date_out, whole
from web.api.lists import MAX_LIMIT, ListQueryArgsSchema, PlaceOutSchema, kind_field, page_of
from web.api.producers.schemas import CorrectionSchema, PlaceCorrectionMixin

Lot = Text(load_default="", max_length=100)
Lines = validate.Length(min=1, max=200)


class OutletCreateSchema(PlaceFieldsMixin, Schema):
    name = Text(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(OUTLET_KINDS))
    opened_on = Day(required=True)


class OutletUpdateSchema(PlaceCorrectionMixin, Schema):
    """Only the fields given change; a place is given whole (province and commune); the kind
    never changes."""

    name = Text()


class ClosureCreateSchema(Schema):
    closed_on = Day(required=True)


class ListingCreateSchema(Schema):
    product_id = fields.UUID(required=True)
    listed_on = Day(load_default=None)
    low_stock_threshold = whole(0, load_default=0)


class DelistQuerySchema(Schema):
    delisted_on = Day(load_default=None)


class ReceiptLineSchema(Schema):
    product_id = fields.UUID(required=True)
    qty = whole(1, required=True)
    lot = Lot
    expires_on = Day(load_default=None)
    unit_cost_vnd = whole(0, load_default=None)


class ReceiptCreateSchema(Schema):
    lines = fields.List(fields.Nested(ReceiptLineSchema), required=True, validate=Lines)
    received_at = Moment(load_default=None)


class SaleLineSchema(Schema):
    product_id = fields.UUID(required=True)
    qty = whole(1, required=True)
    unit_price_vnd = whole(0, required=True)


class SaleCreateSchema(Schema):
    lines = fields.List(fields.Nested(SaleLineSchema), required=True, validate=Lines)
    sold_at = Moment(load_default=None)
    paid_vnd = whole(
        0,
        load_default=None,
        allow_none=True,
        metadata={
            "description": "what the customer paid (VND), not less than the total; the "
            "receipt shows it and the change"
        },
    )


class TransferLineSchema(Schema):
    product_id = fields.UUID(required=True)
    qty = whole(1, required=True)


class TransferCreateSchema(Schema):
    to_outlet_id = fields.UUID(required=True)
    lines = fields.List(fields.Nested(TransferLineSchema), required=True, validate=Lines)
    sent_at = Moment(load_default=None)


class ArrivedLineSchema(Schema):
    product_id = fields.UUID(required=True)
    lot = Text(
        load_default=None,
        max_length=100,
        metadata={"description": "a lot sent; omitted: the product's lots, first expiry first"},
    )
    qty_received = whole(0, required=True)


class TransferReceiptCreateSchema(Schema):
    lines = fields.List(
        fields.Nested(ArrivedLineSchema),
        load_default=None,
        validate=Lines,
        metadata={
            "description": "what arrived; omitted: all of it. A product or lot not named "
            "arrived in full; the shortfall of a named one is recorded as lost"
        },
    )
    received_at = Moment(load_default=None)


class TransferReceivedSchema(Schema):
    id = fields.UUID()
    received = fields.Integer(metadata={"description": "units received"})
    lost = fields.Integer(metadata={"description": "units recorded as lost in transit"})


class TransferQueryArgsSchema(Schema):
    """?state=&direction= and a page: ``limit`` (the latest 200 unless asked) from ``offset``."""

    state = fields.String(load_default=None, validate=validate.OneOf(TRANSFER_STATES))
    direction = fields.String(load_default=None, validate=validate.OneOf(TRANSFER_DIRECTIONS))
    limit = fields.Integer(load_default=200, validate=validate.Range(min=1, max=MAX_LIMIT))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=MAX_SQL_INTEGER))


class TransferLineOutSchema(Schema):
    product_id = fields.UUID()
    name = fields.String()
    unit = fields.String()
    lot = fields.String()
    expires_on = date_out(allow_none=True)
    qty_sent = fields.Integer()
    qty_received = fields.Integer(allow_none=True, metadata={"description": "null in transit"})
    qty_lost = fields.Integer(allow_none=True, metadata={"description": "null in transit"})


class TransferSchema(Schema):
    id = fields.UUID()
    direction = fields.String(metadata={"description": "out: sent from this outlet; in: to it"})
    state = fields.String(metadata={"description": "in_transit or received"})
    from_outlet_id = fields.UUID()
    from_outlet_name = fields.String()
    to_outlet_id = fields.UUID()
    to_outlet_name = fields.String()
    sent_at = fields.String(metadata={"format": "date-time"})
    received_at = fields.String(allow_none=True, metadata={"format": "date-time"})
    lines = fields.List(fields.Nested(TransferLineOutSchema))


class TransferListSchema(Schema):
    total = fields.Integer(required=True, metadata={"description": "found in all"})
    items = fields.List(fields.Nested(TransferSchema))


class ReopeningCreateSchema(Schema):
    reopened_on = Day(required=True)


class ThresholdSetSchema(Schema):
    low_stock_threshold = whole(0, required=True)


class ThresholdSchema(Schema):
    outlet_id = fields.UUID()
    product_id = fields.UUID()
    low_stock_threshold = fields.Integer()


class StockCountCreateSchema(Schema):
    product_id = fields.UUID(required=True)
    lot = Lot
    counted = whole(0, required=True)
    reason = Text(required=True)
    counted_at = Moment(load_default=None)


class WriteOffCreateSchema(Schema):
    product_id = fields.UUID(required=True)
    lot = Lot
    qty = whole(1, required=True)
    reason = fields.String(required=True, validate=validate.OneOf(WRITE_OFF_REASONS))
    note = Text(
        load_default="", max_length=500, metadata={"description": "required for reason `other`"}
    )
    written_off_at = Moment(load_default=None)


class ShowcaseCreateSchema(Schema):
    product_id = fields.UUID(required=True)
    showcased_on = Day(load_default=None)


class DesignSupportCreateSchema(Schema):
    producer_id = fields.UUID(required=True)
    description = Text(required=True, max_length=2000)
    given_on = Day(load_default=None)


class PromotionCreateSchema(Schema):
    name = Text(required=True)
    product_ids = fields.List(fields.UUID(), required=True, validate=Lines)
    held_on = Day(load_default=None)


class RecordedSchema(Schema):
    """What a recorded movement answers: its id where it has one, and what it touched."""

    id = fields.UUID()
    outlet_id = fields.UUID()
    product_id = fields.UUID()
    producer_id = fields.UUID()
    adjustment = fields.Integer()
    qty = fields.Integer()
    name = fields.String()
    closed_on = date_out()
    reopened_on = date_out()


class LotSchema(Schema):
    lot = fields.String()
    expires_on = date_out(allow_none=True)
    on_hand = fields.Integer()
    unit_cost_vnd = fields.Integer(allow_none=True)


class InventoryItemSchema(Schema):
    product_id = fields.UUID()
    on_hand = fields.Integer()
    value_vnd = fields.Integer(metadata={"description": "on hand at cost, where costs are known"})
    value_complete = fields.Boolean(metadata={"description": "false if some stock has no cost"})
    last_movement_at = fields.String(allow_none=True, metadata={"format": "date-time"})
    lots = fields.List(fields.Nested(LotSchema))


class InventorySchema(Schema):
    outlet_id = fields.UUID()
    items = fields.List(fields.Nested(InventoryItemSchema))


class ListingSchema(Schema):
    product_id = fields.UUID()
    listed_on = date_out()


class StockItemSchema(Schema):
    product_id = fields.UUID()
    on_hand = fields.Integer()
    lots = fields.List(fields.Nested(LotSchema))


class OutletSchema(Schema):
    id = fields.UUID()
    version = fields.Integer()
    name = fields.String()
    kind = fields.String()
    province = fields.String()
    district = fields.String(allow_none=True)
    commune = fields.String()
    opened_on = date_out()
    closed_on = date_out(allow_none=True)
    listings = fields.List(fields.Nested(ListingSchema))
    stock = fields.List(
        fields.Nested(StockItemSchema),
        metadata={"description": "only for its staff, officers, admins and auditors"},
    )
    corrections = fields.List(fields.Nested(CorrectionSchema))


class LowStockSchema(Schema):
    outlet_id = fields.UUID()
    product_id = fields.UUID()
    on_hand = fields.Integer()
    low_stock_threshold = fields.Integer()


class LowStockListSchema(Schema):
    items = fields.List(fields.Nested(LowStockSchema))


class ExpiringQueryArgsSchema(Schema):
    days = fields.Integer(load_default=30, validate=validate.Range(min=0, max=3650))


class ExpiringSchema(Schema):
    outlet_id = fields.UUID()
    product_id = fields.UUID()
    lot = fields.String()
    expires_on = date_out()
    on_hand = fields.Integer()
    expired = fields.Boolean()


class ExpiringListSchema(Schema):
    items = fields.List(fields.Nested(ExpiringSchema))


class OutletQueryArgsSchema(ListQueryArgsSchema):
    kind = kind_field(OUTLET_KINDS, "the outlet's kind")


class OutletItemSchema(PlaceOutSchema):
    id = fields.UUID()
    name = fields.String()
    kind = fields.String()
    opened_on = date_out()
    closed_on = date_out(allow_none=True)


OutletListSchema = page_of(OutletItemSchema, "OutletListSchema")
